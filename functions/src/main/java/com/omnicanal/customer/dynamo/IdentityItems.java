package com.omnicanal.customer.dynamo;

import static com.omnicanal.customer.dynamo.CustomerTable.customerKey;
import static com.omnicanal.customer.dynamo.CustomerTable.key;
import static com.omnicanal.customer.dynamo.CustomerTable.s;

import com.omnicanal.customer.Identity;
import com.omnicanal.infrastructure.dynamo.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Identities: one item per identity keyed by the identity itself (pk PHONE#+336…, EMAIL#…, CARD#…, sk IDENTITY), so
 * that it belongs to one customer by a conditional write, and a link under the customer (sk IDENTITY#kind#value).
 */
final class IdentityItems {
    private final CustomerTable table;

    IdentityItems(CustomerTable table) {
        this.table = table;
    }

    static String identityKey(Identity.Kind kind, String value) {
        return kind == Identity.Kind.PHONE ? CustomerKeys.phoneKey(value) : kind.name() + "#" + value;
    }

    Optional<Identity> identity(Identity.Kind kind, String value) {
        var item = table.get(identityKey(kind, value), "IDENTITY");
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Identity(kind, value, item.get("customerId").s(),
                !item.containsKey("verified") || Boolean.TRUE.equals(item.get("verified").bool()),
                item.containsKey("addedAt") ? Instants.parse(item.get("addedAt").s()) : Instant.EPOCH));
    }

    List<Identity> identities(String customerId) {
        var identities = new ArrayList<Identity>();
        for (var link : table.query(customerKey(customerId), "IDENTITY#")) {
            var rest = link.get("sk").s().substring("IDENTITY#".length());
            var kind = Identity.Kind.valueOf(rest.substring(0, rest.indexOf('#')));
            identity(kind, rest.substring(rest.indexOf('#') + 1)).filter(i -> i.customerId().equals(customerId))
                    .ifPresent(identities::add);
        }
        return identities;
    }

    boolean claim(Identity identity, boolean takeOverUnverified) {
        var previous = identity(identity.kind(), identity.value())
                .filter(p -> takeOverUnverified && !p.verified() && !p.customerId().equals(identity.customerId()));
        var values = new HashMap<String, AttributeValue>();
        values.put(":me", s(identity.customerId()));
        var condition = "attribute_not_exists(pk) OR customerId = :me";
        if (previous.isPresent()) {
            // only the claim just read, still unverified: a verification that won meanwhile is not taken over
            condition += " OR (customerId = :previous AND verified = :no)";
            values.put(":previous", s(previous.get().customerId()));
            values.put(":no", AttributeValue.fromBool(false));
        }
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(identityItem(identity))
                .conditionExpression(condition).expressionAttributeValues(values).build()).build());
        actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(linkItem(identity)).build()).build());
        actions.add(ErasureMarks.notErased(table.name, identity.customerId()));
        // the one who only typed it loses it: it leaves their list of identities
        previous.ifPresent(p -> actions.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table.name)
                .key(key(customerKey(p.customerId()), linkSk(p))).build()).build()));
        return table.transactions.write(() -> actions).committed();
    }

    void reassign(Identity identity, String to) {
        var moved = new Identity(identity.kind(), identity.value(), to, identity.verified(), identity.addedAt());
        var outcome = table.transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(identityItem(moved)).build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table.name).key(key(
                        customerKey(identity.customerId()), linkSk(identity))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(linkItem(moved)).build()).build(),
                ErasureMarks.notErased(table.name, to)));
        if (!outcome.committed()) throw CustomerTable.erased();
    }

    private static Map<String, AttributeValue> identityItem(Identity identity) {
        return Map.of("pk", s(identityKey(identity.kind(), identity.value())), "sk", s("IDENTITY"),
                "customerId", s(identity.customerId()), "verified", AttributeValue.fromBool(identity.verified()),
                "addedAt", s(Instants.format(identity.addedAt())));
    }

    private static Map<String, AttributeValue> linkItem(Identity identity) {
        return Map.of("pk", s(customerKey(identity.customerId())), "sk", s(linkSk(identity)));
    }

    private static String linkSk(Identity identity) {
        return "IDENTITY#" + identity.kind() + "#" + identity.value();
    }
}
