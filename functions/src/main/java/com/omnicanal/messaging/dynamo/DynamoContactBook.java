package com.omnicanal.messaging.dynamo;

import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.messaging.ContactBook;
import com.omnicanal.messaging.Recipient;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads contact details, consents and preferences from the Customers table: the profile item (sk PROFILE), one item
 * per consent decision (sk CONSENT#purpose#channel) and phone identities (pk PHONE#e164). Until the profile capability
 * lands, what a customer has not decided falls back to: transactional messages by SMS and email, nothing else.
 */
public final class DynamoContactBook implements ContactBook {
    public static final List<ChannelKind> DEFAULT_ORDER = List.of(ChannelKind.WHATSAPP, ChannelKind.SMS, ChannelKind.EMAIL);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoContactBook(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Recipient> find(String customerId) {
        var items = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CustomerKeys.customerKey(customerId)))).build()).items();
        Map<String, AttributeValue> profile = null;
        String undeliverableEmail = null;
        Map<Purpose, Set<ChannelKind>> consented = new EnumMap<>(Purpose.class);
        consented.put(Purpose.TRANSACTIONAL, EnumSet.of(ChannelKind.SMS, ChannelKind.EMAIL));
        consented.put(Purpose.MARKETING, EnumSet.noneOf(ChannelKind.class));
        consented.put(Purpose.FEEDBACK, EnumSet.noneOf(ChannelKind.class));
        for (var item : items) {
            var sk = item.get("sk").s();
            if (sk.equals("PROFILE")) {
                profile = item;
            } else if (sk.equals(CustomerKeys.undeliverableKey(ChannelKind.EMAIL.name()))) {
                undeliverableEmail = text(item, "address");
            } else if (sk.startsWith("CONSENT#")) {
                var parts = sk.split("#");
                var purpose = Purpose.valueOf(parts[1]);
                var channel = ChannelKind.valueOf(parts[2]);
                if (Boolean.TRUE.equals(item.get("granted").bool())) consented.get(purpose).add(channel);
                else consented.get(purpose).remove(channel);
            }
        }
        if (profile == null) return Optional.empty();
        // a profile merged into another is reached through the one that survived
        if (profile.containsKey("mergedInto") && !customerId.equals(profile.get("mergedInto").s())) {
            return find(profile.get("mergedInto").s());
        }
        var order = new ArrayList<ChannelKind>();
        if (profile.containsKey("preferredChannels")) {
            profile.get("preferredChannels").l().forEach(v -> order.add(ChannelKind.valueOf(v.s())));
        }
        for (var c : DEFAULT_ORDER) if (!order.contains(c)) order.add(c);
        Recipient.QuietHours quiet = null;
        if (profile.containsKey("quietStart") && profile.containsKey("quietEnd")) {
            quiet = new Recipient.QuietHours(LocalTime.parse(profile.get("quietStart").s()),
                    LocalTime.parse(profile.get("quietEnd").s()),
                    ZoneId.of(text(profile, "timeZone") == null ? "Europe/Paris" : text(profile, "timeZone")));
        }
        var email = text(profile, "email");
        // an address that hard-bounced is not written to again: the dispatcher falls back to the next channel; a new
        // address the customer gives later is tried
        if (email != null && email.equalsIgnoreCase(undeliverableEmail)) email = null;
        return Optional.of(new Recipient(customerId, text(profile, "language") == null ? "fr" : text(profile, "language"),
                email, text(profile, "phone"), List.copyOf(order), consented, quiet));
    }

    @Override
    public boolean erased(String customerId) {
        return ErasureMarks.erased(dynamo, table, customerId);
    }

    @Override
    public Optional<String> customerByPhone(String e164) {
        var item = dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS(CustomerKeys.phoneKey(e164)),
                "sk", AttributeValue.fromS("IDENTITY")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("customerId").s());
    }

    @Override
    public void decide(String customerId, Purpose purpose, ChannelKind channel, boolean granted, String source, Instant at) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", AttributeValue.fromS(CustomerKeys.customerKey(customerId)));
        item.put("sk", AttributeValue.fromS(CustomerKeys.consentKey(purpose.name(), channel.name())));
        item.put("granted", AttributeValue.fromBool(granted));
        item.put("source", AttributeValue.fromS(source));
        item.put("decidedAt", AttributeValue.fromS(Instants.format(at)));
        // the latest decision wins: an older one arriving late never overwrites it
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(decidedAt) OR decidedAt <= :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Instants.format(at)))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException newerDecision) {
            // kept the newer one
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }
}
