package com.omnicanal.customer.dynamo;

import static com.omnicanal.customer.dynamo.CustomerTable.customerKey;
import static com.omnicanal.customer.dynamo.CustomerTable.key;
import static com.omnicanal.customer.dynamo.CustomerTable.s;

import com.omnicanal.infrastructure.dynamo.Instants;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** An erasure in the Customers table: the mark first, then every item of the person and of the walk-ins merged into them. */
final class CustomerErasure {
    /** Under the survivor of a merge, one item per walk-in merged into it (sk MERGED#walk-in id). */
    static final String MERGED_LINK = "MERGED#";

    private final CustomerTable table;
    private final IdentityItems identities;

    CustomerErasure(CustomerTable table, IdentityItems identities) {
        this.table = table;
        this.identities = identities;
    }

    void markErased(String customerId, Instant at) {
        var item = new HashMap<>(ErasureMarks.key(customerId));
        item.put("erasedAt", s(Instants.format(at)));
        // the first erasure's time is kept: asking again finishes the scrub, it does not move the mark
        try {
            table.dynamo.putItem(r -> r.tableName(table.name).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException already) {
            // erased before
        }
    }

    void erase(String customerId) {
        erase(customerId, new HashSet<>());
    }

    /** The customer's items, and those of the walk-in profiles staff merged into it (the same person). */
    private void erase(String customerId, Set<String> seen) {
        if (!seen.add(customerId)) return;
        var pk = customerKey(customerId);
        for (var link : table.query(pk, MERGED_LINK)) erase(link.get("sk").s().substring(MERGED_LINK.length()), seen);
        for (var identity : identities.identities(customerId)) {
            try {
                table.dynamo.deleteItem(r -> r.tableName(table.name)
                        .key(key(IdentityItems.identityKey(identity.kind(), identity.value()), "IDENTITY"))
                        .conditionExpression("customerId = :me").expressionAttributeValues(Map.of(":me", s(customerId))));
            } catch (ConditionalCheckFailedException notOurs) {
                // the identity moved to someone else meanwhile
            }
        }
        for (var item : table.query(pk, "")) table.dynamo.deleteItem(r -> r.tableName(table.name).key(key(pk, item.get("sk").s())));
    }
}
