package com.omnicanal;

import com.omnicanal.customer.CustomerHistory;
import com.omnicanal.customer.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every capability holds about a person, as the customer capability's merge, erasure and export see it: the
 * tables the customer adapter reads itself, then loyalty's ledger (built only when a merge, erasure or export needs it).
 * The reward codes go first: they are found through the pointers the customer adapter then moves or deletes.
 */
final class PersonsRecords implements CustomerHistory {
    private final CustomerHistory tables;
    private final Supplier<? extends CustomerHistory> loyalty;
    private final CustomerHistory rewards;

    PersonsRecords(CustomerHistory tables, Supplier<? extends CustomerHistory> loyalty, CustomerHistory rewards) {
        this.tables = tables;
        this.loyalty = loyalty;
        this.rewards = rewards;
    }

    @Override
    public int reassign(String from, String to) {
        int codes = rewards.reassign(from, to);
        return codes + tables.reassign(from, to) + loyalty.get().reassign(from, to);
    }

    @Override
    public List<TimelineEntry> timeline(String customerId, Instant before, int limit) {
        var all = new ArrayList<>(tables.timeline(customerId, before, limit));
        all.addAll(loyalty.get().timeline(customerId, before, limit));
        all.sort(Comparator.comparing(TimelineEntry::at).reversed().thenComparing(TimelineEntry::id));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    @Override
    public List<Map<String, Object>> export(String customerId) {
        var all = new ArrayList<>(tables.export(customerId));
        all.addAll(loyalty.get().export(customerId));
        return all;
    }

    @Override
    public void anonymise(String customerId, String anonymousId) {
        rewards.anonymise(customerId, anonymousId);
        tables.anonymise(customerId, anonymousId);
        loyalty.get().anonymise(customerId, anonymousId);
    }
}
