package com.omnicanal.feedback;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.messaging.ContactBook;
import com.omnicanal.messaging.Recipient;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;

/**
 * For the storefront's pop-up or tab: the questionnaire to show now, or none. Customers need their feedback consent;
 * anonymous visitors are identified by the storefront's visitor id. The same caps apply as for invitations.
 */
public final class PromptingVisitors {
    private final Catalog catalog;
    private final FeedbackStore store;
    private final InvitationTokens tokens;
    private final ContactBook contacts;
    private final QuestionnaireChoice choice;
    private final FeedbackPolicy policy;
    private final Clock clock;

    public PromptingVisitors(Catalog catalog, FeedbackStore store, InvitationTokens tokens, ContactBook contacts,
                             QuestionnaireChoice choice, FeedbackPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.tokens = tokens;
        this.contacts = contacts;
        this.choice = choice;
        this.policy = policy;
        this.clock = clock;
    }

    /** What the storefront sends: the page shown, the visitor's postcode and visit count, maybe a store and language. */
    public record PromptRequest(String visitorId, String page, String postcode, String storeId, String language,
                                Integer visits) {
    }

    public record Prompt(boolean show, String token, QuestionnaireView questionnaire) {
    }

    public Prompt prompt(Optional<Actor> actor, PromptRequest request) {
        // shapes, lengths and ranges are openapi.yaml's; what it cannot say is checked here
        var violations = new ArrayList<DomainException.Violation>();
        if (request.page() == null || !request.page().startsWith("/")) {
            violations.add(new DomainException.Violation("page", "is required: a path starting with /, at most 200 characters"));
        }
        if (request.storeId() != null && catalog.store(request.storeId()).isEmpty()) {
            violations.add(new DomainException.Violation("storeId", "is not a store"));
        }
        String who;
        String language = request.language();
        if (actor.isPresent()) {
            if (!actor.get().isCustomer()) throw new DomainException.Forbidden("prompts are for customers and visitors");
            who = actor.get().id();
            var recipient = contacts.find(who);
            if (recipient.isEmpty() || !consentsToFeedback(recipient.get())) return new Prompt(false, null, null);
            if (language == null) language = recipient.get().language();
        } else {
            if (request.visitorId() == null) {
                violations.add(new DomainException.Violation("visitorId", "is required for visitors: 8 to 64 letters, digits, - or _"));
            }
            who = "visitor:" + request.visitorId();
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        if (language == null) language = "fr";
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // one page view per person, page and day: reloading the page never brings the same questionnaire twice
        var event = new FeedbackEvent(Questionnaire.Trigger.PAGE_VIEW, who,
                "PAGE_VIEW#" + who + "#" + request.page() + "#" + now.truncatedTo(ChronoUnit.DAYS), request.storeId(),
                request.postcode(), Set.of(), Set.of(), language, request.page(),
                request.visits() == null ? 0 : request.visits(), now);
        var q = choice.firstFor(event);
        if (q.isEmpty()) return new Prompt(false, null, null);
        var invitation = new Invitation("inv-" + Ids.newId(), q.get().id(), q.get().version(), who, event.eventId(),
                request.storeId(), language, Invitation.Status.SENT, now, now, now.plus(Duration.ofDays(1)), now, null);
        if (!store.show(invitation, now.minus(policy.fatigue()))) return new Prompt(false, null, null);
        return new Prompt(true, tokens.issue(invitation.id(), invitation.expiresAt()), QuestionnaireView.of(q.get(), invitation));
    }

    private static boolean consentsToFeedback(Recipient recipient) {
        return !recipient.consented().getOrDefault(OutboxMessage.Purpose.FEEDBACK, Set.of()).isEmpty();
    }
}
