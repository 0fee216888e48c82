package com.omnicanal.messaging.dynamo;

import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.messaging.SmsOptOuts;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * STOP and START by text on the Customers table's consent items (sk CONSENT#purpose#SMS). A STOP marks each consent
 * it withdraws with {@code withdrawnBy = SMS_STOP}; a START restores only consents still carrying that mark (any
 * later decision from the web or a store replaces the item and so clears it). The inbound text is recorded in the
 * Idempotency table under its MessageSid, with a TTL, in the same transaction: a redelivery fails that condition and
 * changes nothing. Each consent write is conditional on the state it was planned from and refuses a decision older
 * than the stored one; if another writer got there first, the plan is made again from what is stored now.
 */
public final class DynamoSmsOptOuts implements SmsOptOuts {
    public static final String WITHDRAWN_BY_SMS_STOP = "SMS_STOP";
    // Twilio redelivers within minutes; a week of records is ample and holds no personal data
    private static final Duration KEEP_RECORD = Duration.ofDays(7);
    private static final int MAX_ATTEMPTS = 10;

    private final DynamoDbClient dynamo;
    private final String customers;
    private final String idempotency;
    private final String outbox;
    private final Transactions transactions;

    /** {@code outboxTable}: where a STOP's event goes, in its transaction, for the KPIs to count. */
    public DynamoSmsOptOuts(DynamoDbClient dynamo, String customersTable, String idempotencyTable, String outboxTable) {
        this.dynamo = dynamo;
        this.customers = customersTable;
        this.idempotency = idempotencyTable;
        this.outbox = outboxTable;
        this.transactions = new Transactions(dynamo);
    }

    public static String recordKey(String messageSid) {
        return "twilio-inbound#" + messageSid;
    }

    @Override
    public Outcome stop(String messageSid, String customerId, Set<Purpose> purposes, Instant receivedAt) {
        return apply(messageSid, customerId, purposes, receivedAt, true);
    }

    @Override
    public Outcome start(String messageSid, String customerId, Set<Purpose> purposes, Instant receivedAt) {
        return apply(messageSid, customerId, purposes, receivedAt, false);
    }

    private Outcome apply(String messageSid, String customerId, Set<Purpose> purposes, Instant at, boolean stop) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            var stored = customerId == null ? Map.<Purpose, Map<String, AttributeValue>>of() : smsConsents(customerId);
            var actions = new ArrayList<TransactWriteItem>();
            actions.add(record(messageSid, stop ? "STOP" : "START", at));
            // a STOP text counts once, whoever sent it: its record's condition guards the event too
            if (stop) actions.add(OutboxItems.event(outbox, new BusinessEvent.SmsStopped(messageSid, at)));
            int changes = 0;
            for (var purpose : purposes) {
                var plan = stop ? stopPlan(customerId, purpose, stored.get(purpose), messageSid, at)
                        : startPlan(customerId, purpose, stored.get(purpose), messageSid, at);
                if (plan == null) continue;
                actions.add(plan);
                if (plan.conditionCheck() == null) changes++;
            }
            var outcome = transactions.write(() -> actions);
            if (outcome.committed()) return changes > 0 ? Outcome.CHANGED : Outcome.UNCHANGED;
            if (outcome.failedCondition(0)) return Outcome.ALREADY_APPLIED;
            // a consent changed between our read and our write: plan again from what is stored now
        }
        throw new IllegalStateException("consents of " + customerId + " kept changing under an SMS keyword");
    }

    /** The inbound text, once: the condition that makes a redelivery change nothing. */
    private TransactWriteItem record(String messageSid, String keyword, Instant at) {
        return TransactWriteItem.builder().put(Put.builder().tableName(idempotency)
                .item(Map.of("id", s(recordKey(messageSid)), "keyword", s(keyword), "receivedAt", s(Instants.format(at)),
                        TableDefinitions.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(
                                at.plus(KEEP_RECORD).getEpochSecond()))))
                .conditionExpression("attribute_not_exists(id)").build()).build();
    }

    private TransactWriteItem stopPlan(String customerId, Purpose purpose, Map<String, AttributeValue> item,
                                       String messageSid, Instant at) {
        var key = key(customerId, purpose);
        if (item == null) {
            // never decided: the STOP is recorded as a refusal, with nothing to give back later
            var refusal = new HashMap<>(key);
            refusal.put("granted", AttributeValue.fromBool(false));
            refusal.put("source", s("sms-stop"));
            refusal.put("decidedAt", s(Instants.format(at)));
            refusal.put("messageSid", s(messageSid));
            return TransactWriteItem.builder().put(Put.builder().tableName(customers).item(refusal)
                    .conditionExpression("attribute_not_exists(pk)").build()).build();
        }
        if (newerThan(item, at)) return null;
        var seen = item.get("decidedAt");
        if (!Boolean.TRUE.equals(item.get("granted").bool())) {
            // already withdrawn (perhaps by an earlier STOP, whose mark stays): only check it still is
            return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(customers).key(key)
                    .conditionExpression("granted = :no AND decidedAt = :seen")
                    .expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false), ":seen", seen)).build()).build();
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(customers).key(key)
                .updateExpression("SET granted = :no, #source = :source, decidedAt = :at, withdrawnBy = :stop, messageSid = :sid")
                .conditionExpression("granted = :yes AND decidedAt = :seen")
                .expressionAttributeNames(Map.of("#source", "source"))
                .expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false), ":yes", AttributeValue.fromBool(true),
                        ":source", s("sms-stop"), ":at", s(Instants.format(at)), ":stop", s(WITHDRAWN_BY_SMS_STOP),
                        ":sid", s(messageSid), ":seen", seen))
                .build()).build();
    }

    private TransactWriteItem startPlan(String customerId, Purpose purpose, Map<String, AttributeValue> item,
                                        String messageSid, Instant at) {
        if (item == null || newerThan(item, at) || Boolean.TRUE.equals(item.get("granted").bool())
                || !item.containsKey("withdrawnBy") || !WITHDRAWN_BY_SMS_STOP.equals(item.get("withdrawnBy").s())) {
            return null;
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(customers).key(key(customerId, purpose))
                .updateExpression("SET granted = :yes, #source = :source, decidedAt = :at, messageSid = :sid REMOVE withdrawnBy")
                .conditionExpression("granted = :no AND withdrawnBy = :stop AND decidedAt = :seen")
                .expressionAttributeNames(Map.of("#source", "source"))
                .expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false), ":yes", AttributeValue.fromBool(true),
                        ":source", s("sms-start"), ":at", s(Instants.format(at)), ":stop", s(WITHDRAWN_BY_SMS_STOP),
                        ":sid", s(messageSid), ":seen", item.get("decidedAt")))
                .build()).build();
    }

    /** A decision taken after this text reached us wins over it. */
    private static boolean newerThan(Map<String, AttributeValue> item, Instant at) {
        return item.containsKey("decidedAt") && item.get("decidedAt").s().compareTo(Instants.format(at)) > 0;
    }

    private Map<Purpose, Map<String, AttributeValue>> smsConsents(String customerId) {
        var found = new HashMap<Purpose, Map<String, AttributeValue>>();
        var items = dynamo.query(r -> r.tableName(customers).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :consent)")
                .expressionAttributeValues(Map.of(":pk", s(CustomerKeys.customerKey(customerId)),
                        ":consent", s("CONSENT#")))).items();
        for (var purpose : Purpose.values()) {
            var sk = CustomerKeys.consentKey(purpose.name(), ChannelKind.SMS.name());
            items.stream().filter(i -> sk.equals(i.get("sk").s())).findFirst().ifPresent(i -> found.put(purpose, i));
        }
        return found;
    }

    private static Map<String, AttributeValue> key(String customerId, Purpose purpose) {
        return Map.of("pk", s(CustomerKeys.customerKey(customerId)),
                "sk", s(CustomerKeys.consentKey(purpose.name(), ChannelKind.SMS.name())));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
