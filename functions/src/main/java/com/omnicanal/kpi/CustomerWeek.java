package com.omnicanal.kpi;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One customer's week: the channels they acted on and their purchases. The week's counters move when this crosses a
 * line (first activity, a second channel, a second purchase), so each customer is counted once per figure and week.
 */
public record CustomerWeek(Set<String> channels, long purchases) {

    /** The week's figures over every customer. */
    public enum Figure { ACTIVE_CUSTOMERS, MULTICHANNEL_CUSTOMERS, REPEAT_CUSTOMERS }

    public static final CustomerWeek NONE = new CustomerWeek(Set.of(), 0);

    public CustomerWeek {
        channels = Set.copyOf(channels);
    }

    public CustomerWeek after(Tally.CustomerActivity activity) {
        var more = new TreeSet<>(channels);
        more.add(activity.channel().label());
        return new CustomerWeek(more, purchases + (activity.purchase() ? 1 : 0));
    }

    /** What the week's figures gain when this customer goes from {@code before} to this. */
    public Map<Figure, Long> gainedSince(CustomerWeek before) {
        var gained = new EnumMap<Figure, Long>(Figure.class);
        if (before.channels.isEmpty() && !channels.isEmpty()) gained.put(Figure.ACTIVE_CUSTOMERS, 1L);
        if (before.channels.size() < 2 && channels.size() >= 2) gained.put(Figure.MULTICHANNEL_CUSTOMERS, 1L);
        if (before.purchases < 2 && purchases >= 2) gained.put(Figure.REPEAT_CUSTOMERS, 1L);
        return gained;
    }
}
