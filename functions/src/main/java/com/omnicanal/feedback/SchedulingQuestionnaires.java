package com.omnicanal.feedback;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Product;
import com.omnicanal.messaging.ContactBook;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.BusinessEvents;
import com.omnicanal.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * After an event that matches a questionnaire's targeting (an order collected, a return received, a reservation
 * completed, a visit), the customer who agreed to be asked gets an invitation, due after the questionnaire's delay;
 * one event never brings two, however often it is handed over.
 */
public final class SchedulingQuestionnaires implements BusinessEvents {
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

    /**
     * From the outbox stream: an order collected, a return received, a reservation completed. A failure is thrown, so
     * the stream hands the event over again.
     */
    @Override
    public void happened(BusinessEvent event) {
        var trigger = trigger(event);
        // the outbox carries events for other readers too (the KPIs): only these four ask a questionnaire
        if (trigger == null) return;
        var postcode = event.storeId() == null ? null
                : catalog.store(event.storeId()).map(s -> s.address().postcode()).orElse(null);
        var categories = event.skus().stream().map(catalog::product).flatMap(Optional::stream).map(Product::category)
                .collect(Collectors.toSet());
        schedule(new FeedbackEvent(trigger, event.customerId(), trigger + "#" + event.subjectId(), event.storeId(), postcode,
                event.skus(), categories, null, null, 0, event.at()));
    }

    /** The trigger an event is, or null when no questionnaire follows it. */
    private static Questionnaire.Trigger trigger(BusinessEvent event) {
        if (event instanceof BusinessEvent.OrderCollected) return Questionnaire.Trigger.ORDER_COLLECTED;
        if (event instanceof BusinessEvent.ReturnReceived) return Questionnaire.Trigger.RETURN_RECEIVED;
        if (event instanceof BusinessEvent.ReservationCompleted) return Questionnaire.Trigger.RESERVATION_COMPLETED;
        if (event instanceof BusinessEvent.AppointmentCompleted) return Questionnaire.Trigger.APPOINTMENT_COMPLETED;
        return null;
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
