package com.omnicanal.feedback.dynamo;

import com.omnicanal.shared.BusinessEvent;
import static com.omnicanal.feedback.dynamo.FeedbackTable.json;
import static com.omnicanal.feedback.dynamo.FeedbackTable.n;
import static com.omnicanal.feedback.dynamo.FeedbackTable.read;
import static com.omnicanal.feedback.dynamo.FeedbackTable.s;

import com.omnicanal.feedback.FeedbackStore.Answered;
import com.omnicanal.feedback.FeedbackStore.Sent;
import com.omnicanal.feedback.Invitation;
import com.omnicanal.feedback.Response;
import com.omnicanal.feedback.Results;
import com.omnicanal.feedback.RewardCode;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An invitation's life: scheduled (one item per event claims it, so an event never brings two), found by the sparse
 * dueBucket/dueAt index, sent under the fatigue cap (one "last asked" item per person, a conditional write), counted
 * in its tally per store and week once delivered, shown by the storefront, skipped, or answered with its reward code.
 * What a person was offered is pointed to under their own partition (WHO#id).
 */
final class InvitationItems {
    private static final String DUE = "DUE";

    private final FeedbackTable table;

    InvitationItems(FeedbackTable table) {
        this.table = table;
    }

    boolean schedule(Invitation invitation) {
        return table.transactions.write(() -> List.of(eventClaim(invitation), TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name).item(invitationItem(invitation))
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                pointer(invitation.who(), "INV#" + invitation.id(), invitation.questionnaireId()))).committed();
    }

    List<Invitation> due(Instant now, int limit) {
        var items = table.dynamo.query(QueryRequest.builder().tableName(table.name).indexName(TableDefinitions.FEEDBACK_DUE)
                .keyConditionExpression("dueBucket = :due AND dueAt <= :now")
                .expressionAttributeValues(Map.of(":due", s(DUE), ":now", s(Instants.format(now))))
                .limit(limit).build()).items();
        return items.stream().map(item -> read(item.get("json").s(), Invitation.class)).toList();
    }

    Optional<Invitation> invitation(String id) {
        return table.get("INV#" + id, "INV").map(item -> read(item.get("json").s(), Invitation.class));
    }

    Sent send(Invitation sent, OutboxMessage message, Instant cutoff) {
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(fatigue(sent.who(), sent.sentAt(), cutoff));
        actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(invitationItem(sent))
                .conditionExpression("#s = :scheduled").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":scheduled", s(Invitation.Status.SCHEDULED.name()))).build()).build());
        // not in the tally yet: the message may wait for quiet hours, or fail; delivered() counts it
        if (message != null) actions.add(OutboxItems.put(table.outbox, message));
        var outcome = table.transactions.write(() -> actions);
        if (outcome.committed()) return Sent.SENT;
        if (outcome.failedCondition(1)) return Sent.ALREADY_HANDLED;
        if (outcome.failedCondition(0)) {
            skip(sent, "fatigue");
            return Sent.FATIGUED;
        }
        throw new IllegalStateException("invitation " + sent.id() + " not sent: " + outcome.reasons());
    }

    boolean delivered(Invitation invitation, Instant at) {
        // deliveredAt marks it counted: a second word from the dispatcher fails the condition and counts nothing
        var mark = TransactWriteItem.builder().update(Update.builder().tableName(table.name)
                .key(Map.of("pk", s("INV#" + invitation.id()), "sk", s("INV")))
                .updateExpression("SET deliveredAt = :at")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(deliveredAt)")
                .expressionAttributeValues(Map.of(":at", s(Instants.format(at)))).build()).build();
        return table.transactions.write(() -> List.of(mark, tally(invitation, "sent"))).committed();
    }

    boolean show(Invitation shown, Instant cutoff) {
        var item = invitationItem(shown);
        item.put("deliveredAt", s(Instants.format(shown.sentAt())));
        return table.transactions.write(() -> List.of(eventClaim(shown), fatigue(shown.who(), shown.sentAt(), cutoff),
                TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                tally(shown, "sent"), pointer(shown.who(), "INV#" + shown.id(), shown.questionnaireId()))).committed();
    }

    void skip(Invitation invitation, String reason) {
        try {
            table.dynamo.putItem(r -> r.tableName(table.name).item(invitationItem(invitation.skipped(reason)))
                    .conditionExpression("#s = :scheduled").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":scheduled", s(Invitation.Status.SCHEDULED.name()))));
        } catch (ConditionalCheckFailedException handledMeanwhile) {
            // another sweep sent or skipped it: nothing to do
        }
    }

    Answered answer(Invitation answered, Response response, RewardCode reward, OutboxMessage thanks,
                    BusinessEvent.QuestionnaireAnswered scores) {
        var actions = new ArrayList<TransactWriteItem>();
        // an update, not a put: deliveredAt (whether it was counted as sent) stays on the item
        actions.add(TransactWriteItem.builder().update(Update.builder().tableName(table.name)
                .key(Map.of("pk", s("INV#" + answered.id()), "sk", s("INV")))
                .updateExpression("SET #s = :answered, json = :json")
                .conditionExpression("#s = :sent").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":answered", s(answered.status().name()), ":json", s(json(answered)),
                        ":sent", s(Invitation.Status.SENT.name()))).build()).build());
        actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(Map.of(
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
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            actions.add(pointer(reward.owner(), "REWARD#" + reward.code(), reward.questionnaireId()));
        }
        if (thanks != null) actions.add(OutboxItems.put(table.outbox, thanks));
        if (scores != null) actions.add(OutboxItems.event(table.outbox, scores));
        var outcome = table.transactions.write(() -> actions);
        if (outcome.committed()) return Answered.ANSWERED;
        if (outcome.failedCondition(0)) return Answered.ALREADY_ANSWERED;
        if (code >= 0 && outcome.failedCondition(code)) return Answered.CODE_TAKEN;
        throw new IllegalStateException("answer to " + answered.id() + " refused: " + outcome.reasons());
    }

    private TransactWriteItem eventClaim(Invitation invitation) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(Map.of(
                "pk", s("EVENT#" + invitation.eventId()), "sk", s("EVENT"), "invitationId", s(invitation.id())))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** What a person was offered, under their own partition: the customer's data export and erasure find it there. */
    private TransactWriteItem pointer(String who, String sk, String questionnaireId) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(Map.of("pk", s("WHO#" + who),
                "sk", s(sk), "questionnaireId", s(questionnaireId))).build()).build();
    }

    /** The fatigue cap: last-asked moves to now only if it is older than the cutoff. */
    private TransactWriteItem fatigue(String who, Instant now, Instant cutoff) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name)
                .key(Map.of("pk", s("WHO#" + who), "sk", s("ASKED")))
                .updateExpression("SET lastAskedAt = :now")
                .conditionExpression("attribute_not_exists(lastAskedAt) OR lastAskedAt < :cutoff")
                .expressionAttributeValues(Map.of(":now", s(Instants.format(now)), ":cutoff", s(Instants.format(cutoff))))
                .build()).build();
    }

    private TransactWriteItem tally(Invitation invitation, String counter) {
        var store = invitation.storeId() == null ? "" : invitation.storeId();
        var week = Results.week(invitation.sentAt());
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name)
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
}
