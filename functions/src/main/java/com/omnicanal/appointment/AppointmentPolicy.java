package com.omnicanal.appointment;

import java.time.Duration;
import java.util.List;

/**
 * How long a slot is held while the customer confirms; until when before it the customer may cancel or move it
 * (through the app or the link in the messages); how long after it the items held to try wait; when reminders go
 * (24 h and 2 h before); the widest day range one slot search covers; where the messages' links point.
 */
public record AppointmentPolicy(Duration holdPeriod, Duration changeCutoff, Duration itemsGrace, List<Duration> reminders,
                                int maxSearchDays, String linkBase, String organizer) {
    public static final AppointmentPolicy DEFAULT = new AppointmentPolicy(Duration.ofMinutes(10), Duration.ofHours(4),
            Duration.ofHours(2), List.of(Duration.ofHours(24), Duration.ofHours(2)), 14,
            "https://www.omnicanal.example/rendez-vous/", "rendez-vous@omnicanal.example");

    public AppointmentPolicy {
        reminders = reminders.stream().sorted(java.util.Comparator.reverseOrder()).toList();
    }

    /** A reminder's name in messages and dedupe keys: "24h", "2h". */
    static String name(Duration before) {
        return before.toMinutes() % 60 == 0 ? before.toHours() + "h" : before.toMinutes() + "min";
    }

    /**
     * When the sweeper next looks at it: a hold at its end; a booked appointment when its next reminder is due (one
     * whose time had passed when it was booked or moved is not owed); nothing else.
     */
    java.time.Instant due(Appointment a) {
        if (a.status() == AppointmentStatus.HELD) return a.holdExpiresAt();
        if (a.status() != AppointmentStatus.CONFIRMED) return null;
        return owed(a).stream().map(r -> a.start().minus(r)).min(java.util.Comparator.naturalOrder()).orElse(null);
    }

    /** The reminders owed whose time has come by {@code now}, latest last: only the last one is worth sending. */
    List<Duration> come(Appointment a, java.time.Instant now) {
        return owed(a).stream().filter(r -> !a.start().minus(r).isAfter(now)).toList();
    }

    private List<Duration> owed(Appointment a) {
        return reminders.stream().filter(r -> !a.reminders().contains(name(r)))
                .filter(r -> a.start().minus(r).isAfter(a.updatedAt())).toList();
    }
}
