package com.omnicanal.messaging.api;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.messaging.HandlingMailFeedback;
import com.omnicanal.messaging.MailFeedback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * SES bounce and complaint notifications, delivered by SNS (identity notifications carry {@code notificationType},
 * configuration-set event publishing {@code eventType}; both are read). A notification that cannot be handled fails
 * the invocation, so that Lambda retries it and then hands it to the dead-letter queue; one that is delivered again
 * changes nothing more.
 */
public final class MailFeedbackFunction implements Function<SNSEvent, MailFeedbackFunction.Handled> {
    /** What a batch of notifications changed. */
    public record Handled(int notifications, int undeliverable, int withdrawn, int unknownAddresses) {
    }

    private final HandlingMailFeedback handling;

    public MailFeedbackFunction(HandlingMailFeedback handling) {
        this.handling = handling;
    }

    @Override
    public Handled apply(SNSEvent event) {
        int notifications = 0, undeliverable = 0, withdrawn = 0, unknown = 0;
        for (var record : event.getRecords()) {
            var sns = record.getSNS();
            var result = handling.handle(parse(sns.getMessageId(), sns.getMessage()));
            notifications++;
            undeliverable += result.undeliverable();
            withdrawn += result.withdrawn();
            unknown += result.unknownAddresses();
        }
        return new Handled(notifications, undeliverable, withdrawn, unknown);
    }

    static MailFeedback parse(String snsMessageId, String message) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(message);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("SNS message " + snsMessageId + " is not an SES notification", e);
        }
        var type = root.path("notificationType").asText(root.path("eventType").asText(""));
        switch (type) {
            case "Bounce" -> {
                var bounce = root.path("bounce");
                return new MailFeedback.Bounce(id(bounce, snsMessageId), addresses(bounce.path("bouncedRecipients")),
                        "Permanent".equals(bounce.path("bounceType").asText()), bounce.path("bounceSubType").asText("General"),
                        at(bounce), root.path("mail").path("commonHeaders").path("messageId").asText(null));
            }
            case "Complaint" -> {
                var complaint = root.path("complaint");
                return new MailFeedback.Complaint(id(complaint, snsMessageId),
                        addresses(complaint.path("complainedRecipients")),
                        complaint.path("complaintFeedbackType").asText(null), at(complaint));
            }
            default -> {
                return new MailFeedback.Other(snsMessageId, type, Instant.EPOCH);
            }
        }
    }

    private static String id(JsonNode node, String fallback) {
        return node.path("feedbackId").asText(fallback);
    }

    private static Instant at(JsonNode node) {
        var timestamp = node.path("timestamp").asText(null);
        if (timestamp == null) throw new IllegalArgumentException("SES notification without a timestamp");
        return Instant.parse(timestamp);
    }

    private static List<String> addresses(JsonNode recipients) {
        var addresses = new ArrayList<String>();
        for (var recipient : recipients) {
            var address = recipient.path("emailAddress").asText(null);
            if (address != null && !address.isBlank()) addresses.add(address);
        }
        return addresses;
    }
}
