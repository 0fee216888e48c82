package com.omnicanal.feedback;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Product;
import com.omnicanal.messaging.ContactBook;
import com.omnicanal.shared.PhoneNumbers;
import com.omnicanal.messaging.Recipient;
import com.omnicanal.messaging.SentMessages;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvents;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Smart feedback questionnaires (seed 000): after an event that matches a questionnaire's targeting, the customer is
 * invited (after a delay, with their consent, at most once per fatigue period and once per event) by a signed link, or
 * the storefront shows the questionnaire at once; answers are kept with their version, a reward code may thank them.
 */
public final class FeedbackService implements BusinessEvents, SentMessages {
    public static final String INVITATION = "FEEDBACK_INVITATION";
    private static final String INVITATION_KEY = "FEEDBACK#";
    public static final String THANKS = "FEEDBACK_THANKS";
    private static final System.Logger LOG = System.getLogger(FeedbackService.class.getName());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneOffset.UTC);

    /** Fatigue cap, link validity, where links point, and how many invitations one sweep handles. */
    public record Policy(Duration fatigue, Duration linkValidity, String linkBase, int batch) {
        public static final Policy DEFAULT = new Policy(Duration.ofDays(30), Duration.ofDays(14),
                "https://api.omnicanal.example/feedback/", 100);
    }

    private final Catalog catalog;
    private final FeedbackStore store;
    private final InvitationTokens tokens;
    private final ContactBook contacts;
    private final Policy policy;
    private final Clock clock;

    public FeedbackService(Catalog catalog, FeedbackStore store, InvitationTokens tokens, ContactBook contacts,
                           Policy policy, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.tokens = tokens;
        this.contacts = contacts;
        this.policy = policy;
        this.clock = clock;
    }

    // ---- questionnaires (ops) ----------------------------------------------------------------------------------------

    public Questionnaire create(Actor actor, Questionnaire draft) {
        requireOps(actor);
        QuestionnaireRules.validate(draft);
        var q = new Questionnaire("q-" + Ids.newId().toLowerCase(java.util.Locale.ROOT), draft.name().strip(), 1,
                draft.questions(), draft.activeFrom(), draft.activeTo(), draft.targeting(), draft.reward(), now());
        if (!store.save(q, 0)) throw new IllegalStateException("questionnaire id collision " + q.id());
        return q;
    }

    /** Every change is a new version; answers keep the version they answered. */
    public Questionnaire update(Actor actor, String id, Questionnaire draft) {
        requireOps(actor);
        var current = get(actor, id);
        QuestionnaireRules.validate(draft);
        var next = new Questionnaire(id, draft.name().strip(), current.version() + 1, draft.questions(), draft.activeFrom(),
                draft.activeTo(), draft.targeting(), draft.reward(), now());
        if (!store.save(next, current.version())) {
            throw new DomainException.InvalidState("questionnaire " + id + " was changed meanwhile: read it again");
        }
        return next;
    }

    public Questionnaire get(Actor actor, String id) {
        requireOps(actor);
        return store.questionnaire(id).orElseThrow(() -> new DomainException.NotFound("no questionnaire " + id));
    }

    public List<Questionnaire> list(Actor actor) {
        requireOps(actor);
        return store.questionnaires().stream().sorted(Comparator.comparing(Questionnaire::id)).toList();
    }

    // ---- events ------------------------------------------------------------------------------------------------------

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
        onEvent(new FeedbackEvent(trigger, customerId, trigger + "#" + eventId, storeId, postcode, skus, categories,
                null, null, 0, at));
    }

    /** Schedules the first matching questionnaire, if the customer agreed to be asked; false when none is scheduled. */
    public boolean onEvent(FeedbackEvent event) {
        var recipient = contacts.find(event.who());
        if (recipient.isEmpty() || recipient.get().channelsFor(OutboxMessage.Purpose.FEEDBACK).isEmpty()) return false;
        var language = recipient.get().language() == null ? "fr" : recipient.get().language();
        var withLanguage = new FeedbackEvent(event.trigger(), event.who(), event.eventId(), event.storeId(), event.postcode(),
                event.skus(), event.categories(), language, event.page(), event.visitsInWindow(), event.at());
        var q = firstMatch(withLanguage);
        if (q.isEmpty()) return false;
        var due = event.at().plus(Duration.ofMinutes(q.get().targeting().delay()));
        return store.schedule(new Invitation("inv-" + Ids.newId(), q.get().id(), q.get().version(), event.who(),
                event.eventId(), event.storeId(), language, Invitation.Status.SCHEDULED, due, null,
                due.plus(policy.linkValidity()), now(), null));
    }

    /** The POS records a visit of a known customer; it counts for visit frequency and may trigger a questionnaire. */
    public Map<String, Object> recordVisit(Actor actor, String storeId, String customerId, String phone) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        String who = customerId;
        if (who == null && phone != null) {
            var e164 = PhoneNumbers.toE164(phone)
                    .orElseThrow(() -> new DomainException.InvalidInput("phone", "is not a phone number"));
            who = contacts.customerByPhone(e164).orElseThrow(() -> new DomainException.NotFound("no customer with this phone"));
        }
        if (who == null || who.isBlank() || who.length() > 64) {
            throw new DomainException.InvalidInput("customerId", "give customerId or phone");
        }
        if (contacts.find(who).isEmpty()) throw new DomainException.NotFound("no customer " + who);
        var now = now();
        store.recordVisit(who, storeId, now);
        var day = now.truncatedTo(ChronoUnit.DAYS);
        var postcode = catalog.store(storeId).map(s -> s.address().postcode()).orElse(null);
        // one visit event per customer, store and day: a second scan at the till never brings a second questionnaire
        boolean scheduled = onEvent(new FeedbackEvent(Questionnaire.Trigger.STORE_VISIT, who,
                "STORE_VISIT#" + who + "#" + storeId + "#" + day, storeId, postcode, Set.of(), Set.of(), null, null, 0, now));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("customerId", who);
        answer.put("storeId", storeId);
        answer.put("at", now);
        answer.put("visitsLast30Days", store.visits(who, now.minus(Duration.ofDays(30))));
        answer.put("questionnaireScheduled", scheduled);
        return answer;
    }

    private Optional<Questionnaire> firstMatch(FeedbackEvent event) {
        for (var q : store.questionnaires().stream().sorted(Comparator.comparing(Questionnaire::id)).toList()) {
            var t = q.targeting();
            var e = event;
            if (t.minVisits() != null && e.visitsInWindow() == 0 && !e.anonymous()) {
                e = e.withVisits(store.visits(e.who(), e.at().minus(Duration.ofDays(t.visitWindowDays()))));
            }
            if (TargetingRules.matches(q, e, draw(event.eventId(), q.id()))) return Optional.of(q);
        }
        return Optional.empty();
    }

    /** A number in [0, 1) fixed by the event and questionnaire: a retried event is sampled the same way. */
    static double draw(String eventId, String questionnaireId) {
        try {
            var hash = MessageDigest.getInstance("SHA-256")
                    .digest((eventId + "|" + questionnaireId).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) bits = (bits << 8) | (hash[i] & 0xff);
            return (double) bits / (1L << 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- sending (scheduled) -----------------------------------------------------------------------------------------

    /** Queued: handed to messaging, which may still hold them for quiet hours (sent once a channel takes them). */
    public record Sweep(int queued, int skipped) {
    }

    /** Hands the invitations whose delay has passed to messaging, under the fatigue cap; each at most once. */
    public Sweep sweep() {
        var now = now();
        int queued = 0;
        int skipped = 0;
        for (var invitation : store.due(now, policy.batch())) {
            var q = store.questionnaire(invitation.questionnaireId(), invitation.version()).orElse(null);
            var current = store.questionnaire(invitation.questionnaireId()).orElse(null);
            var recipient = contacts.find(invitation.who());
            String reason = null;
            if (q == null || current == null || !current.activeAt(now)) reason = "questionnaire-inactive";
            else if (recipient.isEmpty() || recipient.get().channelsFor(OutboxMessage.Purpose.FEEDBACK).isEmpty()) {
                reason = "no-feedback-consent";
            } else if (!now.isBefore(invitation.expiresAt())) reason = "expired";
            if (reason != null) {
                store.skip(invitation, reason);
                skipped++;
                continue;
            }
            var outcome = store.send(invitation.sent(now), invitationMessage(invitation, q, now), now.minus(policy.fatigue()));
            if (outcome == FeedbackStore.Sent.SENT) queued++;
            else if (outcome == FeedbackStore.Sent.FATIGUED) skipped++;
        }
        return new Sweep(queued, skipped);
    }

    /**
     * A channel took an invitation: only now does it count as sent in the results (one waiting for quiet hours, or one
     * no channel could take, never does); told twice, it counts once.
     */
    @Override
    public void sent(OutboxMessage message, Instant at) {
        if (!INVITATION.equals(message.kind()) || !message.id().startsWith(INVITATION_KEY)) return;
        store.invitation(message.id().substring(INVITATION_KEY.length())).ifPresent(invitation -> store.delivered(invitation, at));
    }

    private OutboxMessage invitationMessage(Invitation invitation, Questionnaire q, Instant now) {
        var data = new LinkedHashMap<String, String>();
        data.put("link", policy.linkBase() + tokens.issue(invitation.id(), invitation.expiresAt()));
        data.put("questionnaire", q.name());
        data.put("minutes", String.valueOf(Math.max(1, q.questions().size() / 2)));
        data.put("expiresDate", DAY.format(invitation.expiresAt()));
        data.put("storeName", invitation.storeId() == null ? "Omnicanal"
                : catalog.store(invitation.storeId()).map(s -> s.name()).orElse("Omnicanal"));
        // "" without a reward: the templates leave the sentence out
        data.put("rewardPercent", q.reward() == null ? "" : String.valueOf(q.reward().percentOff()));
        var key = INVITATION_KEY + invitation.id();
        return new OutboxMessage(key, INVITATION, invitation.who(), OutboxMessage.Purpose.FEEDBACK,
                OutboxMessage.Urgency.NORMAL, key, data, now);
    }

    // ---- the real-time prompt ----------------------------------------------------------------------------------------

    /** What the storefront sends: the page shown, the visitor's postcode and visit count, maybe a store and language. */
    public record PromptRequest(String visitorId, String page, String postcode, String storeId, String language,
                                Integer visits) {
    }

    public record Prompt(boolean show, String token, View questionnaire) {
    }

    /**
     * For the storefront's pop-up or tab: the questionnaire to show now, or none. Customers need their feedback consent;
     * anonymous visitors are identified by the storefront's visitor id. The same caps apply as for invitations.
     */
    public Prompt prompt(Optional<Actor> actor, PromptRequest request) {
        if (request == null) throw new DomainException.InvalidInput("body", "is required");
        var violations = new ArrayList<DomainException.Violation>();
        if (request.page() == null || !request.page().startsWith("/") || request.page().length() > 200) {
            violations.add(new DomainException.Violation("page", "is required: a path starting with /, at most 200 characters"));
        }
        if (request.postcode() != null && !request.postcode().matches("^[0-9A-Za-z -]{2,10}$")) {
            violations.add(new DomainException.Violation("postcode", "is 2 to 10 letters or digits"));
        }
        if (request.language() != null && !Set.of("fr", "en").contains(request.language())) {
            violations.add(new DomainException.Violation("language", "must be fr or en"));
        }
        if (request.visits() != null && (request.visits() < 0 || request.visits() > 10_000)) {
            violations.add(new DomainException.Violation("visits", "must be between 0 and 10000"));
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
            if (request.visitorId() == null || !request.visitorId().matches("^[A-Za-z0-9_-]{8,64}$")) {
                violations.add(new DomainException.Violation("visitorId", "is required for visitors: 8 to 64 letters, digits, - or _"));
            }
            who = "visitor:" + request.visitorId();
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        if (language == null) language = "fr";
        var now = now();
        // one page view per person, page and day: reloading the page never brings the same questionnaire twice
        var event = new FeedbackEvent(Questionnaire.Trigger.PAGE_VIEW, who,
                "PAGE_VIEW#" + who + "#" + request.page() + "#" + now.truncatedTo(ChronoUnit.DAYS), request.storeId(),
                request.postcode(), Set.of(), Set.of(), language, request.page(),
                request.visits() == null ? 0 : request.visits(), now);
        var q = firstMatch(event);
        if (q.isEmpty()) return new Prompt(false, null, null);
        var invitation = new Invitation("inv-" + Ids.newId(), q.get().id(), q.get().version(), who, event.eventId(),
                request.storeId(), language, Invitation.Status.SENT, now, now, now.plus(Duration.ofDays(1)), now, null);
        if (!store.show(invitation, now.minus(policy.fatigue()))) return new Prompt(false, null, null);
        return new Prompt(true, tokens.issue(invitation.id(), invitation.expiresAt()), view(q.get(), invitation));
    }

    private static boolean consentsToFeedback(Recipient recipient) {
        return !recipient.consented().getOrDefault(OutboxMessage.Purpose.FEEDBACK, Set.of()).isEmpty();
    }

    // ---- answering by link -------------------------------------------------------------------------------------------

    /** The questions in the invitation's language, with the conditions that show follow-ups. */
    public record View(String questionnaireId, int version, String title, String language, Instant expiresAt,
                       List<ViewQuestion> questions, Integer rewardPercentOff) {
    }

    public record ViewQuestion(String id, Questionnaire.Kind kind, String text, List<ViewOption> options, boolean required,
                               Questionnaire.ShowIf showIf, Integer min, Integer max) {
    }

    public record ViewOption(String id, String text) {
    }

    public View open(String token) {
        var invitation = openInvitation(token);
        var q = store.questionnaire(invitation.questionnaireId(), invitation.version()).orElseThrow();
        return view(q, invitation);
    }

    public record Thanks(String status, Reward reward) {
    }

    public record Reward(String code, int percentOff, Instant expiresAt) {
    }

    /** Stores the answers once: a second post is refused, the reward is shown and sent by email. */
    public Thanks answer(String token, List<Response.Answer> answers) {
        var invitation = openInvitation(token);
        var q = store.questionnaire(invitation.questionnaireId(), invitation.version()).orElseThrow();
        var clean = AnswerRules.validate(q, answers);
        var now = now();
        var response = new Response(invitation.id(), q.id(), q.version(), invitation.storeId(), now, clean);
        for (int attempt = 0; attempt < 3; attempt++) {
            RewardCode reward = null;
            OutboxMessage thanks = null;
            if (q.reward() != null) {
                reward = new RewardCode(RewardCode.newCode(), invitation.who(), q.id(), q.reward().percentOff(),
                        now.plus(Duration.ofDays(q.reward().validDays())), null);
                if (!invitation.who().startsWith("visitor:")) thanks = thanksMessage(invitation, reward, now);
            }
            switch (store.answer(invitation.answered(), response, reward, thanks)) {
                case ANSWERED -> {
                    return new Thanks("ANSWERED", reward == null ? null
                            : new Reward(reward.code(), reward.percentOff(), reward.expiresAt()));
                }
                case ALREADY_ANSWERED -> throw new DomainException.InvalidState("this questionnaire was already answered");
                case CODE_TAKEN -> {
                    // a 59-bit collision: draw another code
                }
            }
        }
        throw new IllegalStateException("no free reward code after 3 tries");
    }

    private OutboxMessage thanksMessage(Invitation invitation, RewardCode reward, Instant now) {
        var key = "FEEDBACK_THANKS#" + invitation.id();
        // the code goes by email only: it is kept, searched for and used at checkout later
        return new OutboxMessage(key, THANKS, invitation.who(), OutboxMessage.Purpose.TRANSACTIONAL,
                OutboxMessage.Urgency.NORMAL, key, Map.of("code", reward.code(), "percentOff",
                String.valueOf(reward.percentOff()), "expiresDate", DAY.format(reward.expiresAt()), "onlyChannels", "EMAIL"),
                now);
    }

    private Invitation openInvitation(String token) {
        if (token == null || token.length() > 2048) throw new DomainException.NotFound("unknown feedback link");
        var link = tokens.read(token).orElseThrow(() -> new DomainException.NotFound("unknown feedback link"));
        var invitation = store.invitation(link.invitationId())
                .orElseThrow(() -> new DomainException.NotFound("unknown feedback link"));
        if (invitation.status() == Invitation.Status.ANSWERED) {
            throw new DomainException.InvalidState("this questionnaire was already answered");
        }
        if (invitation.status() != Invitation.Status.SENT) throw new DomainException.NotFound("unknown feedback link");
        if (!now().isBefore(link.expiresAt()) || !now().isBefore(invitation.expiresAt())) {
            throw new DomainException.Gone("this feedback link expired on " + DAY.format(invitation.expiresAt()));
        }
        return invitation;
    }

    private static View view(Questionnaire q, Invitation invitation) {
        var lang = invitation.language();
        var questions = q.questions().stream().map(question -> new ViewQuestion(question.id(), question.kind(),
                text(question.text(), lang),
                question.options() == null ? List.of() : question.options().stream()
                        .map(o -> new ViewOption(o.id(), text(o.text(), lang))).toList(),
                question.mustAnswer(), question.showIf(), QuestionnaireRules.min(question.kind()),
                QuestionnaireRules.max(question.kind()))).toList();
        return new View(q.id(), q.version(), q.name(), lang, invitation.expiresAt(), questions,
                q.reward() == null ? null : q.reward().percentOff());
    }

    private static String text(Map<String, String> texts, String language) {
        return texts.getOrDefault(language, texts.get("fr"));
    }

    // ---- rewards -----------------------------------------------------------------------------------------------------

    /** Uses a reward code once: its owner online, or staff at the till (who checked who is in front of them). */
    public RewardCode redeem(Actor actor, String typed) {
        var code = RewardCode.normalize(typed);
        var reward = store.reward(code).filter(r -> !actor.isCustomer() || r.owner().equals(actor.id()))
                .orElseThrow(() -> new DomainException.NotFound("no reward code " + code));
        var now = now();
        if (reward.redeemedAt() != null) throw new DomainException.InvalidState("this code was already used");
        if (!now.isBefore(reward.expiresAt())) {
            throw new DomainException.Gone("this code expired on " + DAY.format(reward.expiresAt()));
        }
        if (!store.redeem(code, actor.isCustomer() ? actor.id() : null, now)) {
            throw new DomainException.InvalidState("this code was already used");
        }
        return new RewardCode(reward.code(), reward.owner(), reward.questionnaireId(), reward.percentOff(),
                reward.expiresAt(), now);
    }

    // ---- results (ops) -----------------------------------------------------------------------------------------------

    public Results results(Actor actor, String id) {
        var q = get(actor, id);
        return Results.of(q, store.responses(id), store.tallies(id));
    }

    /** Every answer as a CSV row (no customer in it). */
    public String csv(Actor actor, String id) {
        get(actor, id);
        return Results.csv(store.responses(id));
    }

    private static void requireOps(Actor actor) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops manage questionnaires");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
