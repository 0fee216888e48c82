package com.omnicanal.feedback;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.messaging.ContactBook;
import com.omnicanal.shared.PhoneNumbers;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The POS records a visit of a known customer; it counts for visit frequency and may schedule a questionnaire. */
public final class RecordingVisits {
    private final Catalog catalog;
    private final FeedbackStore store;
    private final ContactBook contacts;
    private final SchedulingQuestionnaires scheduling;
    private final Clock clock;

    public RecordingVisits(Catalog catalog, FeedbackStore store, ContactBook contacts, SchedulingQuestionnaires scheduling,
                           Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.contacts = contacts;
        this.scheduling = scheduling;
        this.clock = clock;
    }

    public Map<String, Object> record(Actor actor, String storeId, TillVisit visit) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        String who = visit.customerId();
        if (who == null) {
            var e164 = PhoneNumbers.toE164(visit.phone())
                    .orElseThrow(() -> new DomainException.InvalidInput("phone", "is not a phone number"));
            who = contacts.customerByPhone(e164).orElseThrow(() -> new DomainException.NotFound("no customer with this phone"));
        }
        if (contacts.find(who).isEmpty()) throw new DomainException.NotFound("no customer " + who);
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        store.recordVisit(who, storeId, now);
        var day = now.truncatedTo(ChronoUnit.DAYS);
        var postcode = catalog.store(storeId).map(s -> s.address().postcode()).orElse(null);
        // one visit event per customer, store and day: a second scan at the till never brings a second questionnaire
        boolean scheduled = scheduling.schedule(new FeedbackEvent(Questionnaire.Trigger.STORE_VISIT, who,
                "STORE_VISIT#" + who + "#" + storeId + "#" + day, storeId, postcode, Set.of(), Set.of(), null, null, 0, now));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("customerId", who);
        answer.put("storeId", storeId);
        answer.put("at", now);
        answer.put("visitsLast30Days", store.visits(who, now.minus(Duration.ofDays(30))));
        answer.put("questionnaireScheduled", scheduled);
        return answer;
    }
}
