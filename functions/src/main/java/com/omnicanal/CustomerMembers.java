package com.omnicanal;

import com.omnicanal.customer.Customers;
import com.omnicanal.customer.Identity;
import com.omnicanal.customer.IdentityValues;
import com.omnicanal.customer.Profile;
import com.omnicanal.loyalty.Members;
import java.time.Month;
import java.util.Optional;

/** Loyalty's members are the customer capability's customers: the one a till names by card, phone or email. */
public final class CustomerMembers implements Members {
    private final Customers customers;

    public CustomerMembers(Customers customers) {
        this.customers = customers;
    }

    @Override
    public Optional<String> find(String card, String phone, String email) {
        var kind = card != null ? Identity.Kind.CARD : phone != null ? Identity.Kind.PHONE : Identity.Kind.EMAIL;
        var typed = card != null ? card : phone != null ? phone : email;
        try {
            return customers.identity(kind, IdentityValues.normalize(kind, typed)).map(Identity::customerId);
        } catch (com.omnicanal.shared.DomainException unreadable) {
            // a number or address the till mistyped: the sale is kept, it earns nobody's points
            return Optional.empty();
        }
    }

    @Override
    public Optional<Month> birthMonth(String customerId) {
        // a walk-in merged into another is that person: their birthday is the survivor's
        var profile = customers.profile(customerId).map(p -> p.status() == Profile.Status.MERGED && p.mergedInto() != null
                ? customers.profile(p.mergedInto()).orElse(p) : p);
        return profile.map(Profile::birthDate).map(java.time.LocalDate::getMonth);
    }
}
