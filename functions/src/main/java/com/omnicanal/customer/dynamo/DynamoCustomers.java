package com.omnicanal.customer.dynamo;

import static com.omnicanal.customer.dynamo.CustomerTable.customerKey;
import static com.omnicanal.customer.dynamo.CustomerTable.key;
import static com.omnicanal.customer.dynamo.CustomerTable.s;
import static com.omnicanal.customer.dynamo.CustomerTable.text;

import com.omnicanal.customer.Consent;
import com.omnicanal.customer.Customers;
import com.omnicanal.customer.Identity;
import com.omnicanal.customer.Profile;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.outbox.OutboxMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The Customers table: the profile (sk PROFILE, {@link ProfileItems}), consent decisions, the staff access log and
 * merges here; identities in {@link IdentityItems}, pending one-time codes in {@link CodeChallengeItems}, erasure in
 * {@link CustomerErasure}. Every write under a customer id checks its {@link ErasureMarks erasure mark}.
 */
public final class DynamoCustomers implements Customers {
    private final CustomerTable table;
    private final IdentityItems identities;
    private final CodeChallengeItems challenges;
    private final CustomerErasure erasure;

    public DynamoCustomers(DynamoDbClient dynamo, String table, String outbox) {
        this.table = new CustomerTable(dynamo, table);
        this.identities = new IdentityItems(this.table);
        this.challenges = new CodeChallengeItems(this.table, outbox);
        this.erasure = new CustomerErasure(this.table, identities);
    }

    @Override
    public Optional<Profile> profile(String id) {
        var item = table.get(customerKey(id), ProfileItems.PROFILE);
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ProfileItems.profile(item));
    }

    @Override
    public Profile createIfAbsent(Profile fresh) {
        var existing = profile(fresh.id());
        if (existing.isPresent()) return existing.get();
        var outcome = table.transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(ProfileItems.item(fresh))
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                ErasureMarks.notErased(table.name, fresh.id())));
        if (outcome.committed()) return fresh;
        if (outcome.failedCondition(1)) throw CustomerTable.erased();
        return profile(fresh.id()).orElseThrow();
    }

    @Override
    public void save(Profile profile) {
        var outcome = table.transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(ProfileItems.item(profile)).build()).build(),
                ErasureMarks.notErased(table.name, profile.id())));
        if (!outcome.committed()) throw CustomerTable.erased();
    }

    @Override
    public Optional<Identity> identity(Identity.Kind kind, String value) {
        return identities.identity(kind, value);
    }

    @Override
    public List<Identity> identities(String customerId) {
        return identities.identities(customerId);
    }

    @Override
    public boolean claim(Identity identity, boolean takeOverUnverified) {
        return identities.claim(identity, takeOverUnverified);
    }

    @Override
    public void reassign(Identity identity, String to) {
        identities.reassign(identity, to);
    }

    @Override
    public List<Consent> consents(String customerId) {
        var consents = new ArrayList<Consent>();
        for (var item : table.query(customerKey(customerId), "CONSENT#")) {
            var parts = item.get("sk").s().split("#");
            consents.add(new Consent(parts[1], parts[2], Boolean.TRUE.equals(item.get("granted").bool()),
                    text(item, "source"), text(item, "textVersion"), Instants.parse(item.get("decidedAt").s())));
        }
        return consents;
    }

    @Override
    public void decide(String customerId, Consent consent) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s(customerKey(customerId)));
        item.put("sk", s(CustomerKeys.consentKey(consent.purpose(), consent.channel())));
        item.put("granted", AttributeValue.fromBool(consent.granted()));
        item.put("source", s(consent.source()));
        if (consent.textVersion() != null) item.put("textVersion", s(consent.textVersion()));
        item.put("decidedAt", s(Instants.format(consent.decidedAt())));
        var outcome = table.transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(item)
                        .conditionExpression("attribute_not_exists(decidedAt) OR decidedAt <= :at")
                        .expressionAttributeValues(Map.of(":at", s(Instants.format(consent.decidedAt())))).build()).build(),
                ErasureMarks.notErased(table.name, customerId)));
        // a newer decision is kept (the latest decision wins); an erased customer decides nothing any more
        if (outcome.failedCondition(1)) throw CustomerTable.erased();
    }

    @Override
    public boolean challenge(Challenge challenge, OutboxMessage message, int maxPerHour) {
        return challenges.challenge(challenge, message, maxPerHour);
    }

    @Override
    public CodeTry countCodeTry(String customerId, Identity.Kind kind, String value, int limit) {
        return challenges.countCodeTry(customerId, kind, value, limit);
    }

    @Override
    public void clearChallenge(Challenge challenge) {
        challenges.clearChallenge(challenge);
    }

    @Override
    public boolean recordAccess(String customerId, String storeId, String staffId, Instant at) {
        return table.transactions.write(() -> List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(Map.of(
                        "pk", s(customerKey(customerId)), "sk", s("ACCESS#" + Instants.format(at) + "#" + staffId),
                        "storeId", s(storeId), "staffId", s(staffId), "at", s(Instants.format(at)))).build()).build(),
                ErasureMarks.notErased(table.name, customerId))).committed();
    }

    @Override
    public List<Map<String, Object>> accesses(String customerId) {
        var list = new ArrayList<Map<String, Object>>();
        for (var item : table.query(customerKey(customerId), "ACCESS#")) {
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
        var outcome = table.transactions.write(() -> List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table.name)
                        .key(key(customerKey(merged), ProfileItems.PROFILE))
                        .updateExpression("SET #s = :merged, mergedInto = :into, mergedBy = :by, mergeReason = :why, mergedAt = :at")
                        .conditionExpression("attribute_exists(pk) AND #s <> :merged")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":merged", s(Profile.Status.MERGED.name()), ":into", s(survivor),
                                ":by", s(by), ":why", s(why), ":at", s(Instants.format(at)))).build()).build(),
                // under the survivor, so that erasing the survivor erases what is left of the walk-in too
                TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(Map.of(
                        "pk", s(customerKey(survivor)), "sk", s(CustomerErasure.MERGED_LINK + merged),
                        "at", s(Instants.format(at)))).build()).build(),
                ErasureMarks.notErased(table.name, survivor)));
        if (outcome.failedCondition(2)) throw CustomerTable.erased();
        return outcome.committed();
    }

    @Override
    public void markErased(String customerId, Instant at) {
        erasure.markErased(customerId, at);
    }

    @Override
    public void erase(String customerId) {
        erasure.erase(customerId);
    }
}
