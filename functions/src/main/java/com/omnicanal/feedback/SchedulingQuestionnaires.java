package com.omnicanal.feedback;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Product;
import com.omnicanal.messaging.ContactBook;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessEvents;
import com.omnicanal.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After an event that matches a questionnaire's targeting (an order collected, a return received, a reservation
 * completed, a visit), the customer who agreed to be asked gets an invitation, due after the questionnaire's delay;
 * one event never brings two.
 */
public final class SchedulingQuestionnaires implements BusinessEvents {
    private static final System.Logger LOG = System.getLogger(SchedulingQuestionnaires.class.getName());

    private final Catalog catalog;
    private final FeedbackStore store;
    private final ContactBook contacts;
    private final QuestionnaireChoice choice;
    private final FeedbackPolicy policy;
    private final Clock clock;

    public SchedulingQuestionnaires(Catalog catalog, FeedbackStore store, ContactBook contacts, QuestionnaireChoice choice,
                                    FeedbackPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.contacts = contacts;
        this.choice = choice;
        this.policy = policy;
        this.clock = clock;
    }

    /** From the capabilities: an order collected, a return received, a reservation completed, a visit. */
    @Override
    public void happened(String kind, String customerId, String eventId, String storeId, Set<String> skus, Instant at) {
        if (customerId == null) return;
        try {
            schedule(kind, customerId, eventId, storeId, skus, at);
        } catch (RuntimeException e) {
            // the collection, return or reservation is done: a feedback invitation lost is not worth failing it for
            LOG.log(System.Logger.Level.WARNING, "feedback not scheduled for " + kind + " " + eventId + ": " + e);
        }
    }

    private void schedule(String kind, String customerId, String eventId, String storeId, Set<String> skus, Instant at) {
        var trigger = Questionnaire.Trigger.valueOf(kind);
        var postcode = storeId == null ? null : catalog.store(storeId).map(s -> s.address().postcode()).orElse(null);
        var categories = skus.stream().map(catalog::product).flatMap(Optional::stream).map(Product::category)
                .collect(Collectors.toSet());
        schedule(new FeedbackEvent(trigger, customerId, trigger + "#" + eventId, storeId, postcode, skus, categories,
                null, null, 0, at));
    }

    /** Schedules the first matching questionnaire, if the customer agreed to be asked; false when none is scheduled. */
    public boolean schedule(FeedbackEvent event) {
        var recipient = contacts.find(event.who());
        if (recipient.isEmpty() || recipient.get().channelsFor(OutboxMessage.Purpose.FEEDBACK).isEmpty()) return false;
        var language = recipient.get().language() == null ? "fr" : recipient.get().language();
        var withLanguage = new FeedbackEvent(event.trigger(), event.who(), event.eventId(), event.storeId(), event.postcode(),
                event.skus(), event.categories(), language, event.page(), event.visitsInWindow(), event.at());
        var q = choice.firstFor(withLanguage);
        if (q.isEmpty()) return false;
        var due = event.at().plus(Duration.ofMinutes(q.get().targeting().delay()));
        return store.schedule(new Invitation("inv-" + Ids.newId(), q.get().id(), q.get().version(), event.who(),
                event.eventId(), event.storeId(), language, Invitation.Status.SCHEDULED, due, null,
                due.plus(policy.linkValidity()), clock.instant().truncatedTo(ChronoUnit.MILLIS), null));
    }
}
