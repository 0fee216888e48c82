package com.omnicanal.customer.dynamo;

import com.omnicanal.customer.Consent;
import com.omnicanal.customer.Customers;
import com.omnicanal.customer.Identity;
import com.omnicanal.customer.Profile;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The Customers table: the profile (sk PROFILE), one item per identity keyed by the identity itself (pk
 * PHONE#+336…, EMAIL#…, CARD#…, so that it belongs to one customer by a conditional write) with a link under the
 * customer, consent decisions, pending one-time codes and the staff access log.
 */
public final class DynamoCustomers implements Customers {
    private static final String PROFILE = "PROFILE";
    private static final String MERGED_LINK = "MERGED#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String outbox;
    private final Transactions transactions;

    public DynamoCustomers(DynamoDbClient dynamo, String table, String outbox) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
        this.transactions = new Transactions(dynamo);
    }

    static String identityKey(Identity.Kind kind, String value) {
        return kind == Identity.Kind.PHONE ? CustomerKeys.phoneKey(value) : kind.name() + "#" + value;
    }

    @Override
    public Optional<Profile> profile(String id) {
        var item = get(CustomerKeys.customerKey(id), PROFILE);
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toProfile(item));
    }

    @Override
    public Profile createIfAbsent(Profile fresh) {
        var existing = profile(fresh.id());
        if (existing.isPresent()) return existing.get();
        var outcome = transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(profileItem(fresh))
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                ErasureMarks.notErased(table, fresh.id())));
        if (outcome.committed()) return fresh;
        if (outcome.failedCondition(1)) throw erased();
        return profile(fresh.id()).orElseThrow();
    }

    @Override
    public void save(Profile profile) {
        var outcome = transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(profileItem(profile)).build()).build(),
                ErasureMarks.notErased(table, profile.id())));
        if (!outcome.committed()) throw erased();
    }

    @Override
    public Optional<Identity> identity(Identity.Kind kind, String value) {
        var item = get(identityKey(kind, value), "IDENTITY");
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Identity(kind, value, item.get("customerId").s(),
                !item.containsKey("verified") || Boolean.TRUE.equals(item.get("verified").bool()),
                item.containsKey("addedAt") ? Instants.parse(item.get("addedAt").s()) : Instant.EPOCH));
    }

    @Override
    public List<Identity> identities(String customerId) {
        var identities = new ArrayList<Identity>();
        for (var link : query(CustomerKeys.customerKey(customerId), "IDENTITY#")) {
            var rest = link.get("sk").s().substring("IDENTITY#".length());
            var kind = Identity.Kind.valueOf(rest.substring(0, rest.indexOf('#')));
            identity(kind, rest.substring(rest.indexOf('#') + 1)).filter(i -> i.customerId().equals(customerId))
                    .ifPresent(identities::add);
        }
        return identities;
    }

    @Override
    public boolean claim(Identity identity, boolean takeOverUnverified) {
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
        actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(identityItem(identity))
                .conditionExpression(condition).expressionAttributeValues(values).build()).build());
        actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(linkItem(identity)).build()).build());
        actions.add(ErasureMarks.notErased(table, identity.customerId()));
        // the one who only typed it loses it: it leaves their list of identities
        previous.ifPresent(p -> actions.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(key(CustomerKeys.customerKey(p.customerId()), linkSk(p))).build()).build()));
        return transactions.write(() -> actions).committed();
    }

    @Override
    public void reassign(Identity identity, String to) {
        var moved = new Identity(identity.kind(), identity.value(), to, identity.verified(), identity.addedAt());
        var outcome = transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(identityItem(moved)).build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(
                        CustomerKeys.customerKey(identity.customerId()), linkSk(identity))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(linkItem(moved)).build()).build(),
                ErasureMarks.notErased(table, to)));
        if (!outcome.committed()) throw erased();
    }

    @Override
    public List<Consent> consents(String customerId) {
        var consents = new ArrayList<Consent>();
        for (var item : query(CustomerKeys.customerKey(customerId), "CONSENT#")) {
            var parts = item.get("sk").s().split("#");
            consents.add(new Consent(parts[1], parts[2], Boolean.TRUE.equals(item.get("granted").bool()),
                    text(item, "source"), text(item, "textVersion"), Instants.parse(item.get("decidedAt").s())));
        }
        return consents;
    }

    @Override
    public void decide(String customerId, Consent consent) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s(CustomerKeys.customerKey(customerId)));
        item.put("sk", s(CustomerKeys.consentKey(consent.purpose(), consent.channel())));
        item.put("granted", AttributeValue.fromBool(consent.granted()));
        item.put("source", s(consent.source()));
        if (consent.textVersion() != null) item.put("textVersion", s(consent.textVersion()));
        item.put("decidedAt", s(Instants.format(consent.decidedAt())));
        var outcome = transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(decidedAt) OR decidedAt <= :at")
                        .expressionAttributeValues(Map.of(":at", s(Instants.format(consent.decidedAt())))).build()).build(),
                ErasureMarks.notErased(table, customerId)));
        // a newer decision is kept (the latest decision wins); an erased customer decides nothing any more
        if (outcome.failedCondition(1)) throw erased();
    }

    @Override
    public boolean challenge(Challenge challenge, OutboxMessage message, int maxPerHour) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s(CustomerKeys.customerKey(challenge.customerId())));
        item.put("sk", s("VERIFY#" + challenge.kind() + "#" + challenge.value()));
        item.put("codeHash", s(challenge.codeHash()));
        item.put("attempts", n(challenge.attempts()));
        item.put("expiresAt", s(Instants.format(challenge.expiresAt())));
        // the hour the code is sent in (the challenge lives CODE_LIFETIME from now, within the next hour)
        var hour = challenge.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString();
        var outcome = transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build(),
                OutboxItems.put(outbox, message),
                codeCounter(CustomerKeys.customerKey(challenge.customerId()), "CODES#" + hour, maxPerHour),
                // the address only as a hash: this counter outlives an erasure of the profile
                codeCounter("CODES-TO#" + ErasureMarks.sha256(challenge.kind() + "#" + challenge.value()), hour, maxPerHour),
                ErasureMarks.notErased(table, challenge.customerId())));
        if (outcome.failedCondition(4)) throw erased();
        return outcome.committed();
    }

    /** One more code counted in this hour, if fewer than the cap were; kept a day for the record. */
    private TransactWriteItem codeCounter(String pk, String sk, int max) {
        return TransactWriteItem.builder().update(software.amazon.awssdk.services.dynamodb.model.Update.builder()
                .tableName(table).key(key(pk, sk))
                .updateExpression("ADD sent :one")
                .conditionExpression("attribute_not_exists(sent) OR sent < :max")
                .expressionAttributeValues(Map.of(":one", n(1), ":max", n(max))).build()).build();
    }

    @Override
    public CodeTry countCodeTry(String customerId, Identity.Kind kind, String value, int limit) {
        try {
            // no challenge, no attempts attribute: the condition fails and nothing is created
            var item = dynamo.updateItem(r -> r.tableName(table)
                    .key(key(CustomerKeys.customerKey(customerId), "VERIFY#" + kind + "#" + value))
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

    @Override
    public void clearChallenge(Challenge challenge) {
        dynamo.deleteItem(r -> r.tableName(table).key(key(CustomerKeys.customerKey(challenge.customerId()),
                "VERIFY#" + challenge.kind() + "#" + challenge.value())));
    }

    @Override
    public boolean recordAccess(String customerId, String storeId, String staffId, Instant at) {
        return transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                        "pk", s(CustomerKeys.customerKey(customerId)), "sk", s("ACCESS#" + Instants.format(at) + "#" + staffId),
                        "storeId", s(storeId), "staffId", s(staffId), "at", s(Instants.format(at)))).build()).build(),
                ErasureMarks.notErased(table, customerId))).committed();
    }

    @Override
    public List<Map<String, Object>> accesses(String customerId) {
        var list = new ArrayList<Map<String, Object>>();
        for (var item : query(CustomerKeys.customerKey(customerId), "ACCESS#")) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("storeId", text(item, "storeId"));
            entry.put("staffId", text(item, "staffId"));
            entry.put("at", text(item, "at"));
            list.add(entry);
        }
        return list;
    }

    @Override
    public boolean markMerged(String merged, String survivor, String by, String why, Instant at) {
        var outcome = transactions.write(() -> List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(CustomerKeys.customerKey(merged), PROFILE))
                        .updateExpression("SET #s = :merged, mergedInto = :into, mergedBy = :by, mergeReason = :why, mergedAt = :at")
                        .conditionExpression("attribute_exists(pk) AND #s <> :merged")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":merged", s(Profile.Status.MERGED.name()), ":into", s(survivor),
                                ":by", s(by), ":why", s(why), ":at", s(Instants.format(at)))).build()).build(),
                // under the survivor, so that erasing the survivor erases what is left of the walk-in too
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                        "pk", s(CustomerKeys.customerKey(survivor)), "sk", s(MERGED_LINK + merged),
                        "at", s(Instants.format(at)))).build()).build(),
                ErasureMarks.notErased(table, survivor)));
        if (outcome.failedCondition(2)) throw erased();
        return outcome.committed();
    }

    @Override
    public void markErased(String customerId, Instant at) {
        var item = new HashMap<>(ErasureMarks.key(customerId));
        item.put("erasedAt", s(Instants.format(at)));
        // the first erasure's time is kept: asking again finishes the scrub, it does not move the mark
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException already) {
            // erased before
        }
    }

    @Override
    public void erase(String customerId) {
        erase(customerId, new java.util.HashSet<>());
    }

    /** The customer's items, and those of the walk-in profiles staff merged into it (the same person). */
    private void erase(String customerId, java.util.Set<String> seen) {
        if (!seen.add(customerId)) return;
        var pk = CustomerKeys.customerKey(customerId);
        for (var link : query(pk, MERGED_LINK)) erase(link.get("sk").s().substring(MERGED_LINK.length()), seen);
        for (var identity : identities(customerId)) {
            try {
                dynamo.deleteItem(r -> r.tableName(table).key(key(identityKey(identity.kind(), identity.value()), "IDENTITY"))
                        .conditionExpression("customerId = :me").expressionAttributeValues(Map.of(":me", s(customerId))));
            } catch (ConditionalCheckFailedException notOurs) {
                // the identity moved to someone else meanwhile
            }
        }
        for (var item : query(pk, "")) dynamo.deleteItem(r -> r.tableName(table).key(key(pk, item.get("sk").s())));
    }

    private static DomainException erased() {
        return new DomainException.Forbidden("this account was erased");
    }

    private List<Map<String, AttributeValue>> query(String pk, String prefix) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder().tableName(table).consistentRead(true).exclusiveStartKey(start);
            if (prefix.isEmpty()) {
                request.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)));
            } else {
                request.keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":p", s(prefix)));
            }
            var response = dynamo.query(request.build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        return dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(pk, sk))).item();
    }

    private static Map<String, AttributeValue> identityItem(Identity identity) {
        return Map.of("pk", s(identityKey(identity.kind(), identity.value())), "sk", s("IDENTITY"),
                "customerId", s(identity.customerId()), "verified", AttributeValue.fromBool(identity.verified()),
                "addedAt", s(Instants.format(identity.addedAt())));
    }

    private static Map<String, AttributeValue> linkItem(Identity identity) {
        return Map.of("pk", s(CustomerKeys.customerKey(identity.customerId())), "sk", s(linkSk(identity)));
    }

    private static String linkSk(Identity identity) {
        return "IDENTITY#" + identity.kind() + "#" + identity.value();
    }

    private static Map<String, AttributeValue> profileItem(Profile p) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s(CustomerKeys.customerKey(p.id())));
        item.put("sk", s(PROFILE));
        item.put("customerId", s(p.id()));
        put(item, "firstName", p.firstName());
        put(item, "lastName", p.lastName());
        put(item, "language", p.language());
        if (!p.preferredChannels().isEmpty()) {
            item.put("preferredChannels", AttributeValue.fromL(p.preferredChannels().stream().map(DynamoCustomers::s).toList()));
        }
        if (p.quietHours() != null) {
            item.put("quietStart", s(p.quietHours().start()));
            item.put("quietEnd", s(p.quietHours().end()));
            item.put("timeZone", s(p.quietHours().timeZone()));
        }
        put(item, "homeStoreId", p.homeStoreId());
        put(item, "email", p.email());
        put(item, "phone", p.phone());
        put(item, "loyaltyCard", p.loyaltyCard());
        item.put("status", s(p.status().name()));
        put(item, "mergedInto", p.mergedInto());
        item.put("createdAt", s(Instants.format(p.createdAt())));
        item.put("updatedAt", s(Instants.format(p.updatedAt())));
        return item;
    }

    private static Profile toProfile(Map<String, AttributeValue> item) {
        var channels = item.containsKey("preferredChannels")
                ? item.get("preferredChannels").l().stream().map(AttributeValue::s).toList() : List.<String>of();
        var quiet = item.containsKey("quietStart")
                ? new Profile.QuietHours(text(item, "quietStart"), text(item, "quietEnd"), text(item, "timeZone")) : null;
        var status = item.containsKey("status") ? Profile.Status.valueOf(text(item, "status")) : Profile.Status.ACTIVE;
        var created = item.containsKey("createdAt") ? Instants.parse(text(item, "createdAt")) : Instant.EPOCH;
        var updated = item.containsKey("updatedAt") ? Instants.parse(text(item, "updatedAt")) : created;
        return new Profile(text(item, "customerId") == null ? item.get("pk").s().substring("CUSTOMER#".length()) : text(item, "customerId"),
                text(item, "firstName"), text(item, "lastName"), text(item, "language") == null ? "fr" : text(item, "language"),
                channels, quiet, text(item, "homeStoreId"), text(item, "email"), text(item, "phone"), text(item, "loyaltyCard"),
                status, text(item, "mergedInto"), created, updated);
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) item.put(name, s(value));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
