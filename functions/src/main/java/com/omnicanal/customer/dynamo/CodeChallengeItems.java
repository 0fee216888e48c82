package com.omnicanal.customer.dynamo;

import static com.omnicanal.customer.dynamo.CustomerTable.customerKey;
import static com.omnicanal.customer.dynamo.CustomerTable.key;
import static com.omnicanal.customer.dynamo.CustomerTable.n;
import static com.omnicanal.customer.dynamo.CustomerTable.s;

import com.omnicanal.customer.Customers.Challenge;
import com.omnicanal.customer.Customers.CodeTry;
import com.omnicanal.customer.Identity;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Pending one-time codes (sk VERIFY#kind#value under the customer, as a salted hash with its tries) and the hourly
 * counters that cap how many codes go to one customer and to one address.
 */
final class CodeChallengeItems {
    private final CustomerTable table;
    private final String outbox;

    CodeChallengeItems(CustomerTable table, String outbox) {
        this.table = table;
        this.outbox = outbox;
    }

    boolean challenge(Challenge challenge, OutboxMessage message, int maxPerHour) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s(customerKey(challenge.customerId())));
        item.put("sk", s("VERIFY#" + challenge.kind() + "#" + challenge.value()));
        item.put("codeHash", s(challenge.codeHash()));
        item.put("attempts", n(challenge.attempts()));
        item.put("expiresAt", s(Instants.format(challenge.expiresAt())));
        // the hour the code is sent in (the challenge lives CODE_LIFETIME from now, within the next hour)
        var hour = challenge.expiresAt().truncatedTo(ChronoUnit.HOURS).toString();
        var outcome = table.transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(item).build()).build(),
                OutboxItems.put(outbox, message),
                codeCounter(customerKey(challenge.customerId()), "CODES#" + hour, maxPerHour),
                // the address only as a hash: this counter outlives an erasure of the profile
                codeCounter("CODES-TO#" + ErasureMarks.sha256(challenge.kind() + "#" + challenge.value()), hour, maxPerHour),
                ErasureMarks.notErased(table.name, challenge.customerId())));
        if (outcome.failedCondition(4)) throw CustomerTable.erased();
        return outcome.committed();
    }

    /** One more code counted in this hour, if fewer than the cap were; kept a day for the record. */
    private TransactWriteItem codeCounter(String pk, String sk, int max) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table.name).key(key(pk, sk))
                .updateExpression("ADD sent :one")
                .conditionExpression("attribute_not_exists(sent) OR sent < :max")
                .expressionAttributeValues(Map.of(":one", n(1), ":max", n(max))).build()).build();
    }

    CodeTry countCodeTry(String customerId, Identity.Kind kind, String value, int limit) {
        try {
            // no challenge, no attempts attribute: the condition fails and nothing is created
            var item = table.dynamo.updateItem(r -> r.tableName(table.name)
                    .key(key(customerKey(customerId), "VERIFY#" + kind + "#" + value))
                    .updateExpression("SET attempts = attempts + :one").conditionExpression("attempts < :limit")
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new CodeTry.Counted(new Challenge(customerId, kind, value, item.get("codeHash").s(),
                    Integer.parseInt(item.get("attempts").n()), Instants.parse(item.get("expiresAt").s())));
        } catch (ConditionalCheckFailedException refused) {
            return refused.hasItem() && !refused.item().isEmpty() ? new CodeTry.Exhausted() : new CodeTry.NonePending();
        }
    }

    void clearChallenge(Challenge challenge) {
        table.dynamo.deleteItem(r -> r.tableName(table.name).key(key(customerKey(challenge.customerId()),
                "VERIFY#" + challenge.kind() + "#" + challenge.value())));
    }
}
