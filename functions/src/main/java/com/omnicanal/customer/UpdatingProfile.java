package com.omnicanal.customer;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

/**
 * A customer changes their own profile: names, language, preferred channels, quiet hours, home store, birth date. Lengths,
 * languages and channels are openapi.yaml's to check; what it cannot say is checked here.
 */
public final class UpdatingProfile {
    public static final int MINIMUM_AGE = 15, MAXIMUM_AGE = 120;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Catalog catalog;
    private final SigningIn signingIn;
    private final Customers customers;
    private final Clock clock;

    public UpdatingProfile(Catalog catalog, SigningIn signingIn, Customers customers, Clock clock) {
        this.catalog = catalog;
        this.signingIn = signingIn;
        this.customers = customers;
        this.clock = clock;
    }

    public Profile update(Actor actor, ProfilePatch patch) {
        var current = signingIn.profile(actor);
        var violations = new ArrayList<DomainException.Violation>();
        // the contract has minLength 1: a name of spaces only still reaches us
        if (patch.firstName() != null && patch.firstName().isBlank()) {
            violations.add(new DomainException.Violation("firstName", "must be 1 to 100 characters"));
        }
        if (patch.lastName() != null && patch.lastName().isBlank()) {
            violations.add(new DomainException.Violation("lastName", "must be 1 to 100 characters"));
        }
        if (patch.quietHours() != null) violations.addAll(patch.quietHours().violations());
        if (patch.homeStoreId() != null && catalog.store(patch.homeStoreId()).isEmpty()) {
            violations.add(new DomainException.Violation("homeStoreId", "is not a store"));
        }
        if (patch.birthDate() != null) violations.addAll(birthDateViolations(patch.birthDate()));
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        var next = current.patched(patch, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        customers.save(next);
        return next;
    }

    /**
     * A real calendar date in the past, of someone at least {@link #MINIMUM_AGE} (France's age of digital consent, GDPR
     * art. 8) and at most {@link #MAXIMUM_AGE} years old today, in Paris.
     */
    private java.util.List<DomainException.Violation> birthDateViolations(String typed) {
        LocalDate born;
        try {
            // STRICT: 2023-02-30 is refused, not read as the 28th
            born = LocalDate.parse(typed, DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT));
        } catch (DateTimeParseException e) {
            return java.util.List.of(new DomainException.Violation("birthDate", "must be a real date as YYYY-MM-DD"));
        }
        var today = LocalDate.ofInstant(clock.instant(), PARIS);
        if (born.isAfter(today.minusYears(MINIMUM_AGE))) {
            return java.util.List.of(new DomainException.Violation("birthDate",
                    "must be a past date, of someone at least " + MINIMUM_AGE + " years old"));
        }
        if (!born.isAfter(today.minusYears(MAXIMUM_AGE))) {
            return java.util.List.of(new DomainException.Violation("birthDate",
                    "must be less than " + MAXIMUM_AGE + " years ago"));
        }
        return java.util.List.of();
    }
}
