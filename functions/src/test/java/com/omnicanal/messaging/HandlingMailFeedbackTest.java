package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.customer.Consent;
import com.omnicanal.customer.Customers;
import com.omnicanal.customer.Identity;
import com.omnicanal.shared.DomainException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The use case alone: who an address belongs to decides what a bounce or a complaint changes. */
class HandlingMailFeedbackTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private final List<String> marks = new ArrayList<>();
    private final List<String> decisions = new ArrayList<>();
    private final Map<String, String> owners = Map.of("camille@example.org", "cust-camille", "erased@example.org", "cust-erased");

    /** Only what the use case may call: identity and decide; anything else fails the test. */
    private Customers customers() {
        return (Customers) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Customers.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "identity" -> {
                    var value = (String) args[1];
                    return Optional.ofNullable(owners.get(value)).map(c -> new Identity(Identity.Kind.EMAIL, value, c, true, AT));
                }
                case "decide" -> {
                    if (args[0].equals("cust-erased")) throw new DomainException.Forbidden("this account was erased");
                    var consent = (Consent) args[1];
                    decisions.add(args[0] + " " + consent.purpose() + " " + consent.channel() + " " + consent.granted() + " " + consent.source());
                    return null;
                }
                default -> throw new AssertionError("unexpected call " + method.getName());
            }
        });
    }

    private final HandlingMailFeedback handling = new HandlingMailFeedback(customers(),
            (customer, email, reason, at) -> marks.add(customer + " " + email + " " + reason));

    @Test
    void aHardBounceMarksTheAddressOfItsCustomerWhateverItsCase() {
        var result = handling.handle(new MailFeedback.Bounce("fb", List.of(" Camille@Example.org", "nobody@example.org"), true, "General", AT));
        assertThat(result).isEqualTo(new HandlingMailFeedback.Result(1, 0, 1));
        assertThat(marks).containsExactly("cust-camille camille@example.org hard-bounce:General");
        assertThat(decisions).isEmpty();
    }

    @Test
    void aSoftBounceOrAnotherNotificationChangesNothing() {
        assertThat(handling.handle(new MailFeedback.Bounce("fb", List.of("camille@example.org"), false, "MailboxFull", AT)))
                .isEqualTo(new HandlingMailFeedback.Result(0, 0, 0));
        assertThat(handling.handle(new MailFeedback.Other("n", "Delivery", AT))).isEqualTo(new HandlingMailFeedback.Result(0, 0, 0));
        assertThat(marks).isEmpty();
        assertThat(decisions).isEmpty();
    }

    @Test
    void aComplaintWithdrawsEmailMarketingOnlyAndAnErasedCustomerIsLeftAlone() {
        var result = handling.handle(new MailFeedback.Complaint("fb-9", List.of("camille@example.org", "erased@example.org"), "abuse", AT));
        assertThat(result).isEqualTo(new HandlingMailFeedback.Result(0, 1, 0));
        assertThat(decisions).containsExactly("cust-camille MARKETING EMAIL false email-complaint:fb-9");
        assertThat(marks).isEmpty();
    }
}
