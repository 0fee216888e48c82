package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * What the dispatcher needs to know about a customer: addresses, language, channel order, the channels each purpose
 * may use, and quiet hours.
 */
public record Recipient(String customerId, String language, String email, String phone,
                        List<ChannelKind> preferredOrder, java.util.Map<Purpose, Set<ChannelKind>> consented,
                        QuietHours quietHours) {

    /** Quiet hours in the customer's time zone, e.g. 21:00 to 08:00. */
    public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
        public boolean contains(java.time.Instant instant) {
            // a window that ends where it starts (stored before the profile refused them) holds no minute, not all of them
            if (start.equals(end)) return false;
            var local = instant.atZone(zone).toLocalTime();
            return start.isBefore(end)
                    ? !local.isBefore(start) && local.isBefore(end)
                    : !local.isBefore(start) || local.isBefore(end);
        }

        /** The first instant at or after {@code instant} outside quiet hours. */
        public java.time.Instant nextAllowed(java.time.Instant instant) {
            if (!contains(instant)) return instant;
            ZonedDateTime local = instant.atZone(zone);
            var candidate = local.toLocalDate().atTime(end).atZone(zone);
            if (!candidate.isAfter(local)) candidate = candidate.plusDays(1);
            return candidate.toInstant();
        }
    }

    /** The address of a channel, or null when the customer has none. */
    public String address(ChannelKind channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS, WHATSAPP -> phone;
        };
    }

    /** Channels allowed for this purpose, in the customer's order, that have an address. */
    public List<ChannelKind> channelsFor(Purpose purpose) {
        var allowed = consented.getOrDefault(purpose, Set.of());
        return preferredOrder.stream().filter(allowed::contains).filter(c -> address(c) != null).toList();
    }
}
