package com.omnicanal.feedback.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.omnicanal.feedback.FeedbackStore;
import com.omnicanal.feedback.Invitation;
import com.omnicanal.feedback.Questionnaire;
import com.omnicanal.feedback.Response;
import com.omnicanal.feedback.Results;
import com.omnicanal.feedback.RewardCode;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The Feedback table (pk, sk). Everything about one person (visits, last asked, what they were offered) sits under
 * WHO#id, so an export or an erasure reads one partition. Items: the current questionnaires under one partition and each version under its own;
 * invitations (a sparse dueBucket/dueAt index finds the scheduled ones; deliveredAt once a channel took one, when its
 * tally counts it as sent); one item per event (never two questionnaires
 * for one event); one "last asked" item per person (the fatigue cap, a conditional write); tallies per store and week;
 * responses; reward codes (unique by conditional put); visits.
 */
public final class DynamoFeedbackStore implements FeedbackStore {
    private static final String CURRENT = "QUESTIONNAIRES";
    private static final String DUE = "DUE";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String outbox;
    private final Transactions transactions;

    public DynamoFeedbackStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.feedback();
        this.outbox = tables.outbox();
        this.transactions = new Transactions(dynamo);
    }

    // ---- questionnaires ----------------------------------------------------------------------------------------------

    @Override
    public boolean save(Questionnaire q, int previousVersion) {
        var json = json(q);
        var current = Put.builder().tableName(table)
                .item(Map.of("pk", s(CURRENT), "sk", s(q.id()), "version", n(q.version()), "json", s(json)));
        if (previousVersion == 0) {
            current.conditionExpression("attribute_not_exists(pk)");
        } else {
            current.conditionExpression("version = :previous").expressionAttributeValues(Map.of(":previous", n(previousVersion)));
        }
        var version = Put.builder().tableName(table)
                .item(Map.of("pk", s("Q#" + q.id()), "sk", s(versionKey(q.version())), "json", s(json)))
                .conditionExpression("attribute_not_exists(pk)").build();
        return transactions.write(() -> List.of(TransactWriteItem.builder().put(current.build()).build(),
                TransactWriteItem.builder().put(version).build())).committed();
    }

    @Override
    public Optional<Questionnaire> questionnaire(String id) {
        return get(CURRENT, id).map(item -> read(item.get("json").s(), Questionnaire.class));
    }

    @Override
    public Optional<Questionnaire> questionnaire(String id, int version) {
        return get("Q#" + id, versionKey(version)).map(item -> read(item.get("json").s(), Questionnaire.class));
    }

    @Override
    public List<Questionnaire> questionnaires() {
        return query(CURRENT, null).stream().map(item -> read(item.get("json").s(), Questionnaire.class)).toList();
    }

    // ---- invitations -------------------------------------------------------------------------------------------------

    @Override
    public boolean schedule(Invitation invitation) {
        return transactions.write(() -> List.of(eventClaim(invitation), TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(invitationItem(invitation))
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                pointer(invitation.who(), "INV#" + invitation.id(), invitation.questionnaireId()))).committed();
    }

    @Override
    public List<Invitation> due(Instant now, int limit) {
        var items = dynamo.query(QueryRequest.builder().tableName(table).indexName(TableDefinitions.FEEDBACK_DUE)
                .keyConditionExpression("dueBucket = :due AND dueAt <= :now")
                .expressionAttributeValues(Map.of(":due", s(DUE), ":now", s(Instants.format(now))))
                .limit(limit).build()).items();
        return items.stream().map(item -> read(item.get("json").s(), Invitation.class)).toList();
    }

    @Override
    public Optional<Invitation> invitation(String id) {
        return get("INV#" + id, "INV").map(item -> read(item.get("json").s(), Invitation.class));
    }

    @Override
    public Sent send(Invitation sent, OutboxMessage message, Instant cutoff) {
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(fatigue(sent.who(), sent.sentAt(), cutoff));
        actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(invitationItem(sent))
                .conditionExpression("#s = :scheduled").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":scheduled", s(Invitation.Status.SCHEDULED.name()))).build()).build());
        // not in the tally yet: the message may wait for quiet hours, or fail; delivered() counts it
        if (message != null) actions.add(OutboxItems.put(outbox, message));
        var outcome = transactions.write(() -> actions);
        if (outcome.committed()) return Sent.SENT;
        if (outcome.failedCondition(1)) return Sent.ALREADY_HANDLED;
        if (outcome.failedCondition(0)) {
            skip(sent, "fatigue");
            return Sent.FATIGUED;
        }
        throw new IllegalStateException("invitation " + sent.id() + " not sent: " + outcome.reasons());
    }

    @Override
    public boolean delivered(Invitation invitation, Instant at) {
        // deliveredAt marks it counted: a second word from the dispatcher fails the condition and counts nothing
        var mark = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s("INV#" + invitation.id()), "sk", s("INV")))
                .updateExpression("SET deliveredAt = :at")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(deliveredAt)")
                .expressionAttributeValues(Map.of(":at", s(Instants.format(at)))).build()).build();
        return transactions.write(() -> List.of(mark, tally(invitation, "sent"))).committed();
    }

    @Override
    public boolean show(Invitation shown, Instant cutoff) {
        var item = invitationItem(shown);
        item.put("deliveredAt", s(Instants.format(shown.sentAt())));
        return transactions.write(() -> List.of(eventClaim(shown), fatigue(shown.who(), shown.sentAt(), cutoff),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                tally(shown, "sent"), pointer(shown.who(), "INV#" + shown.id(), shown.questionnaireId()))).committed();
    }

    @Override
    public void skip(Invitation invitation, String reason) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(invitationItem(invitation.skipped(reason)))
                    .conditionExpression("#s = :scheduled").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":scheduled", s(Invitation.Status.SCHEDULED.name()))));
        } catch (ConditionalCheckFailedException handledMeanwhile) {
            // another sweep sent or skipped it: nothing to do
        }
    }

    @Override
    public Answered answer(Invitation answered, Response response, RewardCode reward, OutboxMessage thanks) {
        var actions = new ArrayList<TransactWriteItem>();
        // an update, not a put: deliveredAt (whether it was counted as sent) stays on the item
        actions.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s("INV#" + answered.id()), "sk", s("INV")))
                .updateExpression("SET #s = :answered, json = :json")
                .conditionExpression("#s = :sent").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":answered", s(answered.status().name()), ":json", s(json(answered)),
                        ":sent", s(Invitation.Status.SENT.name()))).build()).build());
        actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                "pk", s("Q#" + response.questionnaireId()),
                "sk", s("R#" + Instants.format(response.respondedAt()) + "#" + response.invitationId()),
                "json", s(json(response)))).build()).build());
        actions.add(tally(answered, "answered"));
        int code = -1;
        if (reward != null) {
            code = actions.size();
            var item = new HashMap<String, AttributeValue>();
            item.put("pk", s("REWARD#" + reward.code()));
            item.put("sk", s("REWARD"));
            item.put("owner", s(reward.owner()));
            item.put("expiresAt", s(Instants.format(reward.expiresAt())));
            item.put("json", s(json(reward)));
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            actions.add(pointer(reward.owner(), "REWARD#" + reward.code(), reward.questionnaireId()));
        }
        if (thanks != null) actions.add(OutboxItems.put(outbox, thanks));
        var outcome = transactions.write(() -> actions);
        if (outcome.committed()) return Answered.ANSWERED;
        if (outcome.failedCondition(0)) return Answered.ALREADY_ANSWERED;
        if (code >= 0 && outcome.failedCondition(code)) return Answered.CODE_TAKEN;
        throw new IllegalStateException("answer to " + answered.id() + " refused: " + outcome.reasons());
    }

    // ---- results -----------------------------------------------------------------------------------------------------

    @Override
    public List<Response> responses(String questionnaireId) {
        return query("Q#" + questionnaireId, "R#").stream().map(item -> read(item.get("json").s(), Response.class)).toList();
    }

    @Override
    public List<Tally> tallies(String questionnaireId) {
        return query("Q#" + questionnaireId, "T#").stream().map(item -> new Tally(
                item.get("storeId").s().isEmpty() ? null : item.get("storeId").s(), item.get("week").s(),
                item.containsKey("sent") ? Integer.parseInt(item.get("sent").n()) : 0,
                item.containsKey("answered") ? Integer.parseInt(item.get("answered").n()) : 0)).toList();
    }

    // ---- rewards and visits ------------------------------------------------------------------------------------------

    @Override
    public Optional<RewardCode> reward(String code) {
        return get("REWARD#" + code, "REWARD").map(item -> {
            var reward = read(item.get("json").s(), RewardCode.class);
            var redeemed = item.get("redeemedAt");
            return redeemed == null ? reward : new RewardCode(reward.code(), reward.owner(), reward.questionnaireId(),
                    reward.percentOff(), reward.expiresAt(), Instants.parse(redeemed.s()));
        });
    }

    @Override
    public boolean redeem(String code, String customerId, Instant now) {
        var values = new HashMap<String, AttributeValue>();
        values.put(":now", s(Instants.format(now)));
        var condition = "attribute_exists(pk) AND attribute_not_exists(redeemedAt) AND expiresAt > :now";
        if (customerId != null) {
            condition += " AND #owner = :owner";
            values.put(":owner", s(customerId));
        }
        var request = software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder().tableName(table)
                .key(Map.of("pk", s("REWARD#" + code), "sk", s("REWARD")))
                .updateExpression("SET redeemedAt = :now").conditionExpression(condition)
                .expressionAttributeValues(values);
        if (customerId != null) request.expressionAttributeNames(Map.of("#owner", "owner"));
        try {
            dynamo.updateItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException alreadyUsed) {
            return false;
        }
    }

    @Override
    public void recordVisit(String customerId, String storeId, Instant at) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("WHO#" + customerId),
                // a random tail: two visits in the same millisecond (or two profiles merged) never overwrite each other
                "sk", s("VISIT#" + Instants.format(at) + "#" + storeId + "#" + java.util.UUID.randomUUID()),
                "storeId", s(storeId))));
    }

    @Override
    public int visits(String customerId, Instant since) {
        return dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s("WHO#" + customerId),
                        ":from", s("VISIT#" + Instants.format(since)), ":to", s("VISIT#~")))
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT).build()).count();
    }

    // ---- items -------------------------------------------------------------------------------------------------------

    private TransactWriteItem eventClaim(Invitation invitation) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                "pk", s("EVENT#" + invitation.eventId()), "sk", s("EVENT"), "invitationId", s(invitation.id())))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** What a person was offered, under their own partition: the customer's data export and erasure find it there. */
    private TransactWriteItem pointer(String who, String sk, String questionnaireId) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of("pk", s("WHO#" + who),
                "sk", s(sk), "questionnaireId", s(questionnaireId))).build()).build();
    }

    /** The fatigue cap: last-asked moves to now only if it is older than the cutoff. */
    private TransactWriteItem fatigue(String who, Instant now, Instant cutoff) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s("WHO#" + who), "sk", s("ASKED")))
                .updateExpression("SET lastAskedAt = :now")
                .conditionExpression("attribute_not_exists(lastAskedAt) OR lastAskedAt < :cutoff")
                .expressionAttributeValues(Map.of(":now", s(Instants.format(now)), ":cutoff", s(Instants.format(cutoff))))
                .build()).build();
    }

    private TransactWriteItem tally(Invitation invitation, String counter) {
        var store = invitation.storeId() == null ? "" : invitation.storeId();
        var week = Results.week(invitation.sentAt());
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s("Q#" + invitation.questionnaireId()), "sk", s("T#" + store + "#" + week)))
                .updateExpression("SET storeId = :store, week = :week ADD #c :one")
                .expressionAttributeNames(Map.of("#c", counter))
                .expressionAttributeValues(Map.of(":store", s(store), ":week", s(week), ":one", n(1))).build()).build();
    }

    private Map<String, AttributeValue> invitationItem(Invitation invitation) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s("INV#" + invitation.id()));
        item.put("sk", s("INV"));
        item.put("status", s(invitation.status().name()));
        item.put("json", s(json(invitation)));
        if (invitation.status() == Invitation.Status.SCHEDULED) {
            item.put("dueBucket", s(DUE));
            item.put("dueAt", s(Instants.format(invitation.dueAt())));
        }
        return item;
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of("pk", s(pk), "sk", s(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private List<Map<String, AttributeValue>> query(String pk, String skPrefix) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder().tableName(table).consistentRead(true).exclusiveStartKey(start);
            if (skPrefix == null) {
                request.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)));
            } else {
                request.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(skPrefix)));
            }
            var page = dynamo.query(request.build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static String versionKey(int version) {
        return String.format("V#%010d", version);
    }

    private static String json(Object value) {
        return Json.write(value);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable feedback item", e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
