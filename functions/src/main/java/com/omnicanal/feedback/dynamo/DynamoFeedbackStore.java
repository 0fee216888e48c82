package com.omnicanal.feedback.dynamo;

import com.omnicanal.shared.BusinessEvent;
import static com.omnicanal.feedback.dynamo.FeedbackTable.json;
import static com.omnicanal.feedback.dynamo.FeedbackTable.n;
import static com.omnicanal.feedback.dynamo.FeedbackTable.read;
import static com.omnicanal.feedback.dynamo.FeedbackTable.s;

import com.omnicanal.feedback.FeedbackStore;
import com.omnicanal.feedback.Invitation;
import com.omnicanal.feedback.Questionnaire;
import com.omnicanal.feedback.Response;
import com.omnicanal.feedback.RewardCode;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.outbox.OutboxMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The Feedback table (pk, sk). Everything about one person (visits, last asked, what they were offered) sits under
 * WHO#id, so an export or an erasure reads one partition. Here: the current questionnaires under one partition and
 * each version under its own; responses and tallies per store and week under the questionnaire; reward codes (unique
 * by conditional put); visits. Invitations, with the items that keep them once per event and under the fatigue cap,
 * are {@link InvitationItems}.
 */
public final class DynamoFeedbackStore implements FeedbackStore {
    private static final String CURRENT = "QUESTIONNAIRES";

    private final FeedbackTable table;
    private final InvitationItems invitations;

    public DynamoFeedbackStore(DynamoDbClient dynamo, TableNames tables) {
        this.table = new FeedbackTable(dynamo, tables);
        this.invitations = new InvitationItems(table);
    }

    // ---- questionnaires ----------------------------------------------------------------------------------------------

    @Override
    public boolean save(Questionnaire q, int previousVersion) {
        var json = json(q);
        var current = Put.builder().tableName(table.name)
                .item(Map.of("pk", s(CURRENT), "sk", s(q.id()), "version", n(q.version()), "json", s(json)));
        if (previousVersion == 0) {
            current.conditionExpression("attribute_not_exists(pk)");
        } else {
            current.conditionExpression("version = :previous").expressionAttributeValues(Map.of(":previous", n(previousVersion)));
        }
        var version = Put.builder().tableName(table.name)
                .item(Map.of("pk", s("Q#" + q.id()), "sk", s(versionKey(q.version())), "json", s(json)))
                .conditionExpression("attribute_not_exists(pk)").build();
        return table.transactions.write(() -> List.of(TransactWriteItem.builder().put(current.build()).build(),
                TransactWriteItem.builder().put(version).build())).committed();
    }

    @Override
    public Optional<Questionnaire> questionnaire(String id) {
        return table.get(CURRENT, id).map(item -> read(item.get("json").s(), Questionnaire.class));
    }

    @Override
    public Optional<Questionnaire> questionnaire(String id, int version) {
        return table.get("Q#" + id, versionKey(version)).map(item -> read(item.get("json").s(), Questionnaire.class));
    }

    @Override
    public List<Questionnaire> questionnaires() {
        return table.query(CURRENT, null).stream().map(item -> read(item.get("json").s(), Questionnaire.class)).toList();
    }

    private static String versionKey(int version) {
        return String.format("V#%010d", version);
    }

    // ---- invitations -------------------------------------------------------------------------------------------------

    @Override
    public boolean schedule(Invitation invitation) {
        return invitations.schedule(invitation);
    }

    @Override
    public List<Invitation> due(Instant now, int limit) {
        return invitations.due(now, limit);
    }

    @Override
    public Optional<Invitation> invitation(String id) {
        return invitations.invitation(id);
    }

    @Override
    public Sent send(Invitation sent, OutboxMessage message, Instant cutoff) {
        return invitations.send(sent, message, cutoff);
    }

    @Override
    public boolean delivered(Invitation invitation, Instant at) {
        return invitations.delivered(invitation, at);
    }

    @Override
    public boolean show(Invitation shown, Instant cutoff) {
        return invitations.show(shown, cutoff);
    }

    @Override
    public void skip(Invitation invitation, String reason) {
        invitations.skip(invitation, reason);
    }

    @Override
    public Answered answer(Invitation answered, Response response, RewardCode reward, OutboxMessage thanks,
                           BusinessEvent.QuestionnaireAnswered scores) {
        return invitations.answer(answered, response, reward, thanks, scores);
    }

    // ---- results -----------------------------------------------------------------------------------------------------

    @Override
    public List<Response> responses(String questionnaireId) {
        return table.query("Q#" + questionnaireId, "R#").stream().map(item -> read(item.get("json").s(), Response.class)).toList();
    }

    @Override
    public List<Tally> tallies(String questionnaireId) {
        return table.query("Q#" + questionnaireId, "T#").stream().map(item -> new Tally(
                item.get("storeId").s().isEmpty() ? null : item.get("storeId").s(), item.get("week").s(),
                item.containsKey("sent") ? Integer.parseInt(item.get("sent").n()) : 0,
                item.containsKey("answered") ? Integer.parseInt(item.get("answered").n()) : 0)).toList();
    }

    // ---- rewards and visits ------------------------------------------------------------------------------------------

    @Override
    public Optional<RewardCode> reward(String code) {
        return table.get("REWARD#" + code, "REWARD").map(item -> {
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
        var request = UpdateItemRequest.builder().tableName(table.name)
                .key(Map.of("pk", s("REWARD#" + code), "sk", s("REWARD")))
                .updateExpression("SET redeemedAt = :now").conditionExpression(condition)
                .expressionAttributeValues(values);
        if (customerId != null) request.expressionAttributeNames(Map.of("#owner", "owner"));
        try {
            table.dynamo.updateItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException alreadyUsed) {
            return false;
        }
    }

    @Override
    public void recordVisit(String customerId, String storeId, Instant at) {
        table.dynamo.putItem(r -> r.tableName(table.name).item(Map.of("pk", s("WHO#" + customerId),
                // a random tail: two visits in the same millisecond (or two profiles merged) never overwrite each other
                "sk", s("VISIT#" + Instants.format(at) + "#" + storeId + "#" + UUID.randomUUID()),
                "storeId", s(storeId))));
    }

    @Override
    public int visits(String customerId, Instant since) {
        return table.dynamo.query(QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s("WHO#" + customerId),
                        ":from", s("VISIT#" + Instants.format(since)), ":to", s("VISIT#~")))
                .select(Select.COUNT).build()).count();
    }
}
