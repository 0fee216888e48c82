package com.omnicanal.messaging;

import com.omnicanal.customer.Consent;
import com.omnicanal.customer.Customers;
import com.omnicanal.customer.Identity;
import com.omnicanal.shared.DomainException;
import java.util.Locale;

/**
 * Bounces and complaints from the mail provider: a hard bounce marks the address undeliverable for the customer who
 * gave it; a complaint withdraws that customer's email marketing consent, with the complaint as its source. Each effect
 * is a write that the same notification delivered again repeats harmlessly (the decision carries the notification's
 * time, and a later decision of the customer's is never overwritten by it).
 */
public final class HandlingMailFeedback {
    /** The source recorded on a consent withdrawn by a complaint. */
    public static final String COMPLAINT_SOURCE = "email-complaint";

    /** What one notification changed. */
    public record Result(int undeliverable, int withdrawn, int unknownAddresses) {
    }

    private final Customers customers;
    private final UndeliverableAddresses undeliverable;
    private final DeliveryLog log;

    public HandlingMailFeedback(Customers customers, UndeliverableAddresses undeliverable) {
        this(customers, undeliverable, null);
    }

    /** {@code log}: where a bounced mail's delivery is recorded as undelivered (the KPIs count it from there). */
    public HandlingMailFeedback(Customers customers, UndeliverableAddresses undeliverable, DeliveryLog log) {
        this.customers = customers;
        this.undeliverable = undeliverable;
        this.log = log;
    }

    public Result handle(MailFeedback feedback) {
        int marked = 0, withdrawn = 0, unknown = 0;
        if (feedback instanceof MailFeedback.Bounce bounce && bounce.permanent()) {
            if (log != null && bounce.mailMessageId() != null && !bounce.mailMessageId().isBlank()) {
                // the message itself did not arrive: its delivery moves to UNDELIVERED once (a redelivery finds it there)
                var id = bounce.mailMessageId().strip();
                var code = "hard-bounce:" + bounce.subType();
                if (!log.updateDelivery(id, DeliveryStatus.UNDELIVERED, code, bounce.at()) && !id.startsWith("<")) {
                    log.updateDelivery("<" + id + ">", DeliveryStatus.UNDELIVERED, code, bounce.at());
                }
            }
            for (var address : bounce.addresses()) {
                var customer = customerOf(address);
                if (customer == null) {
                    unknown++;
                    continue;
                }
                undeliverable.markUndeliverable(customer, normalized(address), "hard-bounce:" + bounce.subType(), bounce.at());
                marked++;
            }
        } else if (feedback instanceof MailFeedback.Complaint complaint) {
            for (var address : complaint.addresses()) {
                var customer = customerOf(address);
                if (customer == null) {
                    unknown++;
                    continue;
                }
                try {
                    customers.decide(customer, new Consent("MARKETING", "EMAIL", false,
                            COMPLAINT_SOURCE + ":" + complaint.notificationId(), null, complaint.at()));
                    withdrawn++;
                } catch (DomainException.Forbidden erased) {
                    // an erased customer has no consent left to withdraw
                }
            }
        }
        return new Result(marked, withdrawn, unknown);
    }

    private String customerOf(String address) {
        return customers.identity(Identity.Kind.EMAIL, normalized(address)).map(Identity::customerId).orElse(null);
    }

    /** Addresses are kept lower-cased (as identities are). */
    static String normalized(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
