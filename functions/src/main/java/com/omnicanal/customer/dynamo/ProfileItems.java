package com.omnicanal.customer.dynamo;

import static com.omnicanal.customer.dynamo.CustomerTable.customerKey;
import static com.omnicanal.customer.dynamo.CustomerTable.s;
import static com.omnicanal.customer.dynamo.CustomerTable.text;

import com.omnicanal.customer.Profile;
import com.omnicanal.infrastructure.dynamo.Instants;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The profile item (sk PROFILE under the customer), which the dispatcher's contact book reads too. */
final class ProfileItems {
    static final String PROFILE = "PROFILE";

    private ProfileItems() {
    }

    static Map<String, AttributeValue> item(Profile p) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s(customerKey(p.id())));
        item.put("sk", s(PROFILE));
        item.put("customerId", s(p.id()));
        put(item, "firstName", p.firstName());
        put(item, "lastName", p.lastName());
        put(item, "language", p.language());
        if (!p.preferredChannels().isEmpty()) {
            item.put("preferredChannels", AttributeValue.fromL(p.preferredChannels().stream().map(CustomerTable::s).toList()));
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
        if (p.birthDate() != null) item.put("birthDate", s(p.birthDate().toString()));
        item.put("createdAt", s(Instants.format(p.createdAt())));
        item.put("updatedAt", s(Instants.format(p.updatedAt())));
        return item;
    }

    static Profile profile(Map<String, AttributeValue> item) {
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
                status, text(item, "mergedInto"), created, updated,
                item.containsKey("birthDate") ? java.time.LocalDate.parse(text(item, "birthDate")) : null);
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) item.put(name, s(value));
    }
}
