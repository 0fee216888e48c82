package com.omnicanal;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.customer.Customers;
import com.omnicanal.customer.Profile;
import com.omnicanal.loyalty.Entry;
import com.omnicanal.loyalty.LoyaltyProgramme;
import com.omnicanal.loyalty.Purchase;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.memory.InMemoryLoyaltyLedger;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Loyalty's birthday-month bonus reads the birth date a customer set on their profile, through customer's public API
 * ({@link CustomerMembers}): the default programme doubles what a purchase earns in that month.
 */
@Tag("fast")
class BirthdayBonusTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-10T10:00:00Z"));
    private final Map<String, Profile> profiles = new HashMap<>();
    private final InMemoryLoyaltyLedger ledger = new InMemoryLoyaltyLedger();
    private final LoyaltyProgramme loyalty = LoyaltyProgramme.of(ledger, () -> "PTS-1", new CustomerMembers(customers()),
            Duration.ofDays(30), clock);
    private int purchases;

    /** Customers holding these profiles, and nothing else: only what CustomerMembers is allowed to ask. */
    private Customers customers() {
        return (Customers) Proxy.newProxyInstance(Customers.class.getClassLoader(), new Class<?>[] {Customers.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("profile")) return Optional.ofNullable(profiles.get((String) args[0]));
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private void member(String id, LocalDate born) {
        profiles.put(id, Profile.fresh(id, clock.instant()).withBirthDate(born));
        // a first purchase already made: no first-purchase bonus in the way
        earn(id);
    }

    /** Points earned by a 40-euro purchase now. */
    private long earn(String id) {
        long before = ledger.account(id).map(a -> a.pending()).orElse(0L);
        loyalty.earning().earn(new Purchase(id, new Entry.Source("RECEIPT", "r" + (++purchases)), "STORE", "paris-rivoli",
                clock.instant(), List.of(new Purchase.Line("TSH-COT-BLU-M", "tops", 1, 4000))));
        return ledger.account(id).orElseThrow().pending() - before;
    }

    @Test
    void aPurchaseInTheBirthdayMonthEarnsDoubleAndNotTheMonthAfter() {
        member("cust-born-in-may", LocalDate.of(1990, 5, 31));
        member("cust-born-in-june", LocalDate.of(1990, 6, 1));
        member("cust-no-birth-date", null);

        assertThat(earn("cust-born-in-may")).isEqualTo(80);
        assertThat(earn("cust-born-in-june")).isEqualTo(40);
        assertThat(earn("cust-no-birth-date")).isEqualTo(40);

        clock.advance(Duration.ofDays(30)); // 9 June
        assertThat(earn("cust-born-in-may")).isEqualTo(40);
        assertThat(earn("cust-born-in-june")).isEqualTo(80);
    }

    @Test
    void theBirthdayMonthStartsAtMidnightInFranceNotInUtc() {
        member("cust-born-in-june", LocalDate.of(1990, 6, 12));

        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-05-31T22:30:00Z"))); // 1 June, 00:30 in Paris
        assertThat(earn("cust-born-in-june")).isEqualTo(80);
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-06-30T22:30:00Z"))); // 1 July, 00:30 in Paris
        assertThat(earn("cust-born-in-june")).isEqualTo(40);
    }

    @Test
    void aWalkInMergedIntoAnotherEarnsOnTheSurvivorsBirthday() {
        profiles.put("cust-lea", Profile.fresh("cust-lea", clock.instant()).withBirthDate(LocalDate.of(1985, 5, 2)));
        var walkIn = Profile.fresh("store-1", clock.instant());
        profiles.put("store-1", new Profile("store-1", null, null, "fr", List.of(), null, null, null, null, null,
                Profile.Status.MERGED, "cust-lea", walkIn.createdAt(), walkIn.updatedAt(), null));
        earn("store-1");

        assertThat(earn("store-1")).isEqualTo(80);
    }
}
