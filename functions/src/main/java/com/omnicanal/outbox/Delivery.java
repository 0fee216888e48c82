package com.omnicanal.outbox;

import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.outbox.OutboxMessage.Urgency;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a message is to reach the person, apart from what its template says: what it is for (the consent it needs), how
 * urgent it is (quiet hours), the only channels it may use, and an address given with it.
 */
public record Delivery(Purpose purpose, Urgency urgency, Set<ChannelKind> channels, Contact contact) {

    /**
     * An address given with the message. {@code exclusive}: the message goes there and nowhere else (a one-time code
     * proves control of that very address), in {@code language}. Otherwise it reaches someone whose profile has none (a
     * guest's order contact), for transactional messages only.
     */
    public record Contact(String email, String phone, String language, boolean exclusive) {
        public Contact {
            if (email == null && phone == null) throw new IllegalArgumentException("a contact has an email or a phone");
        }
    }

    public Delivery {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(urgency, "urgency");
        if (channels.isEmpty()) throw new IllegalArgumentException("a message may use at least one channel");
        channels = Set.copyOf(channels);
    }

    /** Your order is ready: any channel the person allows, at once, even in quiet hours. */
    public static Delivery transactional() {
        return new Delivery(Purpose.TRANSACTIONAL, Urgency.URGENT, EnumSet.allOf(ChannelKind.class), null);
    }

    /** A questionnaire: with feedback consent, held for quiet hours. */
    public static Delivery feedback() {
        return new Delivery(Purpose.FEEDBACK, Urgency.NORMAL, EnumSet.allOf(ChannelKind.class), null);
    }

    /** A one-time code: only to the address being verified, by email or SMS. */
    public static Delivery verification(String email, String phone, String language) {
        return new Delivery(Purpose.TRANSACTIONAL, Urgency.URGENT, Set.of(email != null ? ChannelKind.EMAIL : ChannelKind.SMS),
                new Contact(email, phone, language, true));
    }

    /** The contact given with an order, for a person without a profile or without an address in it; none if null. */
    public Delivery guestContact(String email, String phone) {
        return email == null && phone == null ? this
                : new Delivery(purpose, urgency, channels, new Contact(email, phone, null, false));
    }

    /** Whether the message may use every channel the person allows. */
    public boolean anyChannel() {
        return channels.containsAll(EnumSet.allOf(ChannelKind.class));
    }
}
