package com.omnicanal.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.omnicanal.feedback.Questionnaire.Trigger;
import com.omnicanal.feedback.dynamo.DynamoFeedbackStore;
import com.omnicanal.messaging.Dispatcher;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.api.BusinessEventStream;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.Contract;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.FailingWrites;
import com.omnicanal.testing.StreamRecords;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FeedbackOnDynamoDbLocalTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private FeedbackFixture fx;
    private final Actor ops = Actor.ops("ops-1");
    private Questionnaire pickup;

    @BeforeEach
    void fresh() {
        fx = new FeedbackFixture(dynamo.client());
        pickup = fx.managingQuestionnaires.create(ops, FeedbackFixture.pickup(Set.of(Trigger.ORDER_COLLECTED), new Questionnaire.Reward(10, 30)));
        fx.customer("cust-camille", "fr", ChannelKind.EMAIL);
        fx.phone("cust-camille", "+33612345678");
    }

    private void collected(String customer, String orderId) {
        fx.schedulingQuestionnaires.happened(new BusinessEvent.OrderCollected(orderId, customer, "paris-rivoli",
                Set.of("TSH-COT-BLU-M"), fx.backend.clock.instant()));
    }

    @Test
    void anEventTheStreamDeliversTwiceBringsOneInvitation() {
        var stream = new BusinessEventStream(fx.schedulingQuestionnaires);
        var record = StreamRecords.insert(OutboxItems.event(fx.backend.tables.outbox(), new BusinessEvent.OrderCollected(
                "o1", "cust-camille", "paris-rivoli", Set.of("TSH-COT-BLU-M"), fx.backend.clock.instant())), "1");

        assertThat(stream.apply(StreamRecords.event(record)).getBatchItemFailures()).isEmpty();
        assertThat(stream.apply(StreamRecords.event(record)).getBatchItemFailures()).isEmpty();

        fx.backend.clock.advance(Duration.ofMinutes(120));
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(1, 0));
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(0, 0));
    }

    @Test
    void anEventFeedbackCouldNotScheduleIsHandedOverAgainRatherThanLost() {
        var throttled = new FailingWrites(dynamo.client(), "transactWriteItems");
        var scheduling = FeedbackJourneys.of(fx.backend.catalog, new DynamoFeedbackStore(throttled.client(), fx.backend.tables),
                fx.tokens, fx.contacts, new FeedbackPolicy(Duration.ofDays(30), Duration.ofDays(14), "https://shop.example/avis/",
                        100), fx.backend.clock).schedulingQuestionnaires();
        var stream = new BusinessEventStream(scheduling);
        var record = StreamRecords.insert(OutboxItems.event(fx.backend.tables.outbox(), new BusinessEvent.OrderCollected(
                "o1", "cust-camille", "paris-rivoli", Set.of("TSH-COT-BLU-M"), fx.backend.clock.instant())), "7");

        throttled.failing = true;
        assertThat(stream.apply(StreamRecords.event(record)).getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier).containsExactly("7");
        throttled.failing = false;
        assertThat(stream.apply(StreamRecords.event(record)).getBatchItemFailures()).isEmpty();

        fx.backend.clock.advance(Duration.ofMinutes(120));
        assertThat(fx.sendingInvitations.sweep().queued()).isEqualTo(1);
    }

    private static Response.Answer score(String id, int score) {
        return new Response.Answer(id, null, score, null, null);
    }

    @Test
    void anInvitationLeavesAfterTheDelayAndIsAnsweredOnceForARewardCode() {
        collected("cust-camille", "o1");
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(0, 0));
        fx.backend.clock.advance(Duration.ofMinutes(120));
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(1, 0));
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(0, 0));
        var invitation = fx.outbox(SendingInvitations.INVITATION);
        assertThat(invitation).hasSize(1);
        assertThat(invitation.get(0).get("purpose").s()).isEqualTo("FEEDBACK");
        assertThat(invitation.get(0).get("templateData").m().get("link").s()).startsWith("https://shop.example/avis/ey");

        var token = fx.lastToken();
        var view = fx.answeringQuestionnaires.open(token);
        assertThat(view.language()).isEqualTo("fr");
        assertThat(view.questions()).extracting(QuestionnaireView.Question::text)
                .startsWith("Recommanderiez-vous le retrait en magasin ?");
        var thanks = fx.answeringQuestionnaires.answer(token, List.of(score("nps", 3),
                new Response.Answer("why", null, null, List.of("wait"), null), score("csat", 2)));
        assertThat(thanks.reward().code()).matches("MERCI-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");
        assertThat(thanks.reward().percentOff()).isEqualTo(10);
        assertThat(thanks.reward().expiresAt()).isEqualTo(fx.backend.clock.instant().plus(Duration.ofDays(30)));
        var mail = fx.outbox(AnsweringQuestionnaires.THANKS);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).get("templateData").m().get("code").s()).isEqualTo(thanks.reward().code());
        assertThat(OutboxItems.message(mail.get(0)).delivery().channels()).containsExactly(ChannelKind.EMAIL);
        assertThat(mail.get(0).get("templateData").m()).doesNotContainKey("onlyChannels");

        // a second post of the same link changes nothing
        assertThatThrownBy(() -> fx.answeringQuestionnaires.answer(token, List.of(score("nps", 10))))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThatThrownBy(() -> fx.answeringQuestionnaires.open(token)).isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.store.responses(pickup.id())).hasSize(1);
        // the scores, and no customer, went to the outbox with the answer, once, for the KPIs
        assertThat(fx.backend.businessEvents()).filteredOn(BusinessEvent.QuestionnaireAnswered.class::isInstance)
                .singleElement().satisfies(e -> {
                    var answered = (BusinessEvent.QuestionnaireAnswered) e;
                    assertThat(answered.storeId()).isEqualTo("paris-rivoli");
                    assertThat(answered.nps()).isEqualTo(3);
                    assertThat(answered.csat()).isEqualTo(2);
                    assertThat(answered.customerId()).isNull();
                });
        assertThat(fx.outbox(AnsweringQuestionnaires.THANKS)).hasSize(1);
    }

    @Test
    void aForgedOrTamperedTokenOpensNothingAndAnExpiredOneIsGone() throws Exception {
        collected("cust-camille", "o1");
        fx.backend.clock.advance(Duration.ofMinutes(120));
        fx.sendingInvitations.sweep();
        var token = fx.lastToken();
        var parts = token.split("\\.");
        // another invitation id in the payload, the signature left as it was
        var payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("inv-", "inv-X");
        var tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        var otherKey = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(fx.tokens.read(token).orElseThrow().invitationId()).audience("omnicanal-feedback")
                .expirationTime(Date.from(fx.backend.clock.instant().plus(Duration.ofDays(1)))).build());
        otherKey.sign(new MACSigner("another-secret-another-secret-another-secret".getBytes()));
        var unsigned = parts[0].replace(parts[0], Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes())) + "." + parts[1] + ".";
        for (var forged : List.of(tampered, otherKey.serialize(), unsigned, "not-a-token", token + "x")) {
            assertThatThrownBy(() -> fx.answeringQuestionnaires.open(forged)).as(forged).isInstanceOf(DomainException.NotFound.class);
            assertThatThrownBy(() -> fx.answeringQuestionnaires.answer(forged, List.of(score("nps", 9)))).as(forged)
                    .isInstanceOf(DomainException.NotFound.class);
        }
        fx.backend.clock.advance(Duration.ofDays(14));
        assertThatThrownBy(() -> fx.answeringQuestionnaires.open(token)).isInstanceOf(DomainException.Gone.class);
        assertThatThrownBy(() -> fx.answeringQuestionnaires.answer(token, List.of(score("nps", 9)))).isInstanceOf(DomainException.Gone.class);
        assertThat(fx.store.responses(pickup.id())).isEmpty();
    }

    @Test
    void noConsentNoQuestionnaireAndOneEventNeverBringsTwo() {
        fx.customer("cust-hugo", "fr");
        collected("cust-hugo", "o2");
        collected("cust-camille", "o1");
        collected("cust-camille", "o1");
        fx.backend.clock.advance(Duration.ofMinutes(120));
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(1, 0));
        assertThat(fx.outbox(SendingInvitations.INVITATION)).extracting(m -> m.get("customerId").s())
                .containsExactly("cust-camille");
    }

    @Test
    void aConsentWithdrawnBeforeTheDelayEndsStopsTheInvitation() {
        collected("cust-camille", "o1");
        fx.contacts.decide("cust-camille", com.omnicanal.outbox.OutboxMessage.Purpose.FEEDBACK, ChannelKind.EMAIL, false,
                "web", fx.backend.clock.instant());
        fx.backend.clock.advance(Duration.ofMinutes(120));
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(0, 1));
        assertThat(fx.outbox(SendingInvitations.INVITATION)).isEmpty();
    }

    @Test
    void theFatigueCapHoldsAcrossTriggersAndTheRealTimePrompt() {
        var pages = FeedbackFixture.pickup(Set.of(Trigger.PAGE_VIEW, Trigger.RETURN_RECEIVED), null);
        fx.managingQuestionnaires.create(ops, new Questionnaire(null, "Site", 0, pages.questions(), pages.activeFrom(), null,
                new Questionnaire.Targeting(Set.of(Trigger.PAGE_VIEW, Trigger.RETURN_RECEIVED), null, null, null, null, null,
                        null, null, Set.of("/commande/confirmation"), 1.0, 0), null, null));
        collected("cust-camille", "o1");
        fx.backend.clock.advance(Duration.ofMinutes(120));
        assertThat(fx.sendingInvitations.sweep().queued()).isEqualTo(1);
        var prompt = new PromptingVisitors.PromptRequest(null, "/commande/confirmation", "75001", null, null, 3);
        assertThat(fx.promptingVisitors.prompt(Optional.of(Actor.customer("cust-camille")), prompt).show()).isFalse();
        fx.schedulingQuestionnaires.happened(new BusinessEvent.ReturnReceived("r1", "cust-camille", "paris-rivoli", Set.of(), fx.backend.clock.instant()));
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(0, 1));

        fx.backend.clock.advance(Duration.ofDays(30).plusMinutes(1));
        var shown = fx.promptingVisitors.prompt(Optional.of(Actor.customer("cust-camille")), prompt);
        assertThat(shown.show()).isTrue();
        assertThat(shown.questionnaire().title()).isEqualTo("Site");
        assertThat(fx.answeringQuestionnaires.answer(shown.token(), List.of(score("nps", 9))).status()).isEqualTo("ANSWERED");
    }

    @Test
    void anonymousVisitorsArePromptedByVisitorIdUnderTheSameCap() {
        fx.managingQuestionnaires.create(ops, new Questionnaire(null, "Visiteurs", 0, pickup.questions(), pickup.activeFrom(), null,
                new Questionnaire.Targeting(Set.of(Trigger.PAGE_VIEW), null, Set.of("69"), 2, 30, null, null, null,
                        Set.of("/magasins"), 1.0, 0), null, null));
        var lyon = new PromptingVisitors.PromptRequest("v-7f3a9c21", "/magasins/lyon", "69002", null, "en", 3);
        var paris = new PromptingVisitors.PromptRequest("v-00000001", "/magasins/paris", "75001", null, "en", 3);
        var firstVisit = new PromptingVisitors.PromptRequest("v-00000002", "/magasins/lyon", "69002", null, "en", 1);
        assertThat(fx.promptingVisitors.prompt(Optional.empty(), paris).show()).isFalse();
        assertThat(fx.promptingVisitors.prompt(Optional.empty(), firstVisit).show()).isFalse();
        var shown = fx.promptingVisitors.prompt(Optional.empty(), lyon);
        assertThat(shown.show()).isTrue();
        assertThat(shown.questionnaire().language()).isEqualTo("en");
        assertThat(shown.questionnaire().questions().get(0).text()).isEqualTo("Would you recommend pickup?");
        assertThat(fx.promptingVisitors.prompt(Optional.empty(), lyon).show()).isFalse();
        // a visitor's reward is shown, never sent: there is nobody to send it to
        assertThat(fx.answeringQuestionnaires.answer(shown.token(), List.of(score("nps", 10))).reward()).isNull();
        assertThatThrownBy(() -> fx.promptingVisitors.prompt(Optional.empty(),
                new PromptingVisitors.PromptRequest(null, "magasins", "?", "nowhere", "de", -1)))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field)
                        .containsExactlyInAnyOrder("page", "storeId", "visitorId"));
        // a postcode, language, visit count or visitor id of the wrong shape: openapi.yaml refuses them first
        assertThat(Contract.refusedFields("POST /feedback/prompt", """
                {"visitorId": "x", "page": "magasins", "postcode": "?", "storeId": "nowhere", "language": "de",
                 "visits": -1}""")).containsExactlyInAnyOrder("visitorId", "postcode", "language", "visits");
    }

    @Test
    void visitsRecordedAtTheTillCountForVisitFrequency() {
        fx.managingQuestionnaires.create(ops, new Questionnaire(null, "Fidèles", 0, pickup.questions(), pickup.activeFrom(), null,
                new Questionnaire.Targeting(Set.of(Trigger.STORE_VISIT), Set.of("paris-rivoli"), null, 3, 30, null, null,
                        null, null, 1.0, 60), null, null));
        var lea = Actor.staff("staff-lea", "paris-rivoli");
        assertThat(fx.recordingVisits.record(lea, "paris-rivoli", new TillVisit("cust-camille", null)))
                .containsEntry("questionnaireScheduled", false);
        fx.backend.clock.advance(Duration.ofDays(1));
        assertThat(fx.recordingVisits.record(lea, "paris-rivoli", new TillVisit(null, "06 12 34 56 78")))
                .containsEntry("questionnaireScheduled", false);
        fx.backend.clock.advance(Duration.ofDays(1));
        var third = fx.recordingVisits.record(lea, "paris-rivoli", new TillVisit("cust-camille", null));
        assertThat(third).containsEntry("visitsLast30Days", 3).containsEntry("questionnaireScheduled", true);
        assertThatThrownBy(() -> fx.recordingVisits.record(Actor.staff("staff-karim", "lyon-republique"), "paris-rivoli",
                new TillVisit("cust-camille", null))).isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void resultsPerStoreAndWeekWithRateNpsCsatAndCleanTexts() {
        fx.customer("cust-hugo", "fr", ChannelKind.SMS);
        fx.phone("cust-hugo", "+33698765432");
        fx.customer("cust-emma", "en", ChannelKind.EMAIL);
        fx.schedulingQuestionnaires.happened(new BusinessEvent.OrderCollected("o1", "cust-camille", "paris-rivoli", Set.of(), fx.backend.clock.instant()));
        fx.schedulingQuestionnaires.happened(new BusinessEvent.OrderCollected("o2", "cust-hugo", "paris-rivoli", Set.of(), fx.backend.clock.instant()));
        fx.schedulingQuestionnaires.happened(new BusinessEvent.OrderCollected("o3", "cust-emma", "lyon-republique", Set.of(), fx.backend.clock.instant()));
        fx.backend.clock.advance(Duration.ofMinutes(120));
        assertThat(fx.sendingInvitations.sweep().queued()).isEqualTo(3);
        fx.invitationIds().forEach(fx.dispatcher()::dispatch);
        var links = fx.outbox(SendingInvitations.INVITATION).stream().map(m -> m.get("templateData").m().get("link").s())
                .map(l -> l.substring(l.lastIndexOf('/') + 1)).toList();
        var byCustomer = new java.util.HashMap<String, String>();
        for (var link : links) {
            var inv = fx.store.invitation(fx.tokens.read(link).orElseThrow().invitationId()).orElseThrow();
            byCustomer.put(inv.who(), link);
        }
        fx.answeringQuestionnaires.answer(byCustomer.get("cust-camille"), List.of(score("nps", 10), score("csat", 5),
                new Response.Answer("comment", null, null, null, "Parfait, écrivez-moi : camille@example.fr")));
        fx.answeringQuestionnaires.answer(byCustomer.get("cust-hugo"), List.of(score("nps", 2),
                new Response.Answer("why", null, null, List.of("wait"), null), score("csat", 2)));

        var results = fx.readingResults.results(ops, pickup.id());
        assertThat(results.overall().sent()).isEqualTo(3);
        assertThat(results.overall().answered()).isEqualTo(2);
        assertThat(results.overall().responseRate()).isEqualTo(2.0 / 3);
        assertThat(results.overall().nps()).isEqualTo(0.0);
        assertThat(results.overall().csat()).isEqualTo(3.5);
        assertThat(results.byStore()).extracting(Results.Slice::key, Results.Slice::sent, Results.Slice::answered,
                Results.Slice::nps).containsExactly(org.assertj.core.groups.Tuple.tuple("lyon-republique", 1, 0, null),
                org.assertj.core.groups.Tuple.tuple("paris-rivoli", 2, 2, 0.0));
        assertThat(results.byWeek()).extracting(Results.Slice::key).containsExactly("2026-W48");
        assertThat(results.freeText()).extracting(Results.FreeText::text).containsExactly("Parfait, écrivez-moi : [email]");
        var csv = fx.readingResults.csv(ops, pickup.id());
        assertThat(csv.lines()).hasSize(1 + 6).first().isEqualTo("respondedAt,week,storeId,version,questionId,kind,score,choices,text");
        assertThat(csv).doesNotContain("cust-").doesNotContain("camille@");
        assertThatThrownBy(() -> fx.readingResults.results(Actor.staff("staff-lea", "paris-rivoli"), pickup.id()))
                .isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void anInvitationWaitingForQuietHoursIsNotSentInAnyFigureUntilAChannelTakesIt() {
        fx.quietHours("cust-camille", "21:00", "08:00");
        fx.customer("cust-bounce", "fr", ChannelKind.EMAIL);
        var dispatcher = fx.dispatcher();
        collected("cust-camille", "o1");
        collected("cust-bounce", "o2");
        fx.backend.clock.advance(Duration.ofHours(11)); // 20:00 UTC: 21:00 in Paris, Camille's quiet hours begin
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(2, 0));
        var invitations = fx.invitationIds();
        assertThat(invitations).hasSize(2);
        assertThat(invitations.stream().map(dispatcher::dispatch))
                .containsExactlyInAnyOrder(Dispatcher.Result.DEFERRED, Dispatcher.Result.FAILED);

        var waiting = fx.readingResults.results(ops, pickup.id());
        assertThat(waiting.overall().sent()).isZero();
        assertThat(waiting.overall().responseRate()).isNull();
        assertThat(waiting.byStore()).allSatisfy(slice -> assertThat(slice.sent()).isZero());
        assertThat(waiting.byWeek()).allSatisfy(slice -> assertThat(slice.sent()).isZero());
        // still outstanding, it holds the fatigue cap: a second collection tonight brings no second invitation
        collected("cust-camille", "o3");
        fx.backend.clock.advance(Duration.ofHours(2));
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(0, 1));

        fx.backend.clock.advance(Duration.ofHours(9)); // 07:00 UTC: 08:00 in Paris
        assertThat(fx.log.redriveDue(fx.backend.clock.instant(), 10)).isEqualTo(1);
        for (var id : invitations) dispatcher.dispatch(id);
        var delivered = fx.readingResults.results(ops, pickup.id());
        assertThat(delivered.overall().sent()).isEqualTo(1);
        assertThat(delivered.byStore()).extracting(Results.Slice::key, Results.Slice::sent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("paris-rivoli", 1));
        // the stream delivering the sent message again does not count it twice, before or after the answer
        for (var id : invitations) dispatcher.dispatch(id);
        assertThat(fx.readingResults.results(ops, pickup.id()).overall().sent()).isEqualTo(1);
        var link = fx.outbox(SendingInvitations.INVITATION).stream().filter(i -> i.get("customerId").s().equals("cust-camille"))
                .findFirst().orElseThrow().get("templateData").m().get("link").s();
        fx.answeringQuestionnaires.answer(link.substring(link.lastIndexOf('/') + 1), List.of(score("nps", 9)));
        for (var id : invitations) dispatcher.dispatch(id);
        var answered = fx.readingResults.results(ops, pickup.id()).overall();
        assertThat(answered.sent()).isEqualTo(1);
        assertThat(answered.answered()).isEqualTo(1);
        assertThat(answered.responseRate()).isEqualTo(1.0);
    }

    @Test
    void aNewVersionLeavesOpenInvitationsOnTheVersionTheyWereSent() {
        collected("cust-camille", "o1");
        fx.backend.clock.advance(Duration.ofMinutes(120));
        fx.sendingInvitations.sweep();
        var token = fx.lastToken();
        var draft = FeedbackFixture.pickup(Set.of(Trigger.ORDER_COLLECTED), null);
        var v2 = fx.managingQuestionnaires.update(ops, pickup.id(), new Questionnaire(null, "Retrait v2", 0, draft.questions().subList(0, 1),
                draft.activeFrom(), null, draft.targeting(), null, null));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(fx.answeringQuestionnaires.open(token).version()).isEqualTo(1);
        assertThat(fx.answeringQuestionnaires.open(token).questions()).hasSize(4);
        fx.answeringQuestionnaires.answer(token, List.of(score("nps", 9)));
        assertThat(fx.store.responses(pickup.id())).extracting(Response::version).containsExactly(1);
        assertThat(fx.managingQuestionnaires.get(ops, pickup.id()).name()).isEqualTo("Retrait v2");
    }

    @Test
    void aRewardCodeIsUsedOnceByItsOwnerBeforeItExpires() {
        collected("cust-camille", "o1");
        fx.backend.clock.advance(Duration.ofMinutes(120));
        fx.sendingInvitations.sweep();
        var code = fx.answeringQuestionnaires.answer(fx.lastToken(), List.of(score("nps", 9))).reward().code();
        assertThatThrownBy(() -> fx.redeemingRewards.redeem(Actor.customer("cust-hugo"), code)).isInstanceOf(DomainException.NotFound.class);
        assertThat(fx.redeemingRewards.redeem(Actor.customer("cust-camille"), code.toLowerCase()).redeemedAt()).isNotNull();
        assertThatThrownBy(() -> fx.redeemingRewards.redeem(Actor.staff("staff-lea", "paris-rivoli"), code))
                .isInstanceOf(DomainException.InvalidState.class);

        collected("cust-camille", "o9");
        fx.backend.clock.advance(Duration.ofDays(31));
        fx.schedulingQuestionnaires.happened(new BusinessEvent.OrderCollected("o10", "cust-camille", "paris-rivoli", Set.of(), fx.backend.clock.instant()));
        fx.backend.clock.advance(Duration.ofMinutes(120));
        fx.sendingInvitations.sweep();
        var late = fx.answeringQuestionnaires.answer(fx.lastToken(), List.of(score("nps", 9))).reward().code();
        fx.backend.clock.advance(Duration.ofDays(30));
        assertThatThrownBy(() -> fx.redeemingRewards.redeem(Actor.customer("cust-camille"), late)).isInstanceOf(DomainException.Gone.class);
    }

    @Test
    void visitsAndInvitationsFollowAMergeAndLeaveWithAnErasure() {
        var history = new com.omnicanal.customer.dynamo.DynamoCustomerHistory(fx.backend.dynamo, fx.backend.tables);
        fx.customer("guest-1", "fr", ChannelKind.EMAIL);
        var lea = Actor.staff("staff-lea", "paris-rivoli");
        fx.recordingVisits.record(lea, "paris-rivoli", new TillVisit("guest-1", null));
        fx.recordingVisits.record(lea, "paris-rivoli", new TillVisit("cust-camille", null));
        collected("guest-1", "o1");
        fx.backend.clock.advance(Duration.ofMinutes(120));
        fx.sendingInvitations.sweep();
        assertThat(history.export("guest-1")).extracting(r -> String.valueOf(r.get("sk")))
                .anyMatch(sk -> sk.startsWith("VISIT#")).anyMatch(sk -> sk.startsWith("INV#")).contains("ASKED");

        history.reassign("guest-1", "cust-camille");
        assertThat(fx.store.visits("cust-camille", fx.backend.clock.instant().minus(Duration.ofDays(30)))).isEqualTo(2);
        // the survivor inherits the fatigue cap: no second questionnaire within 30 days
        collected("cust-camille", "o2");
        fx.backend.clock.advance(Duration.ofMinutes(120));
        assertThat(fx.sendingInvitations.sweep()).isEqualTo(new SendingInvitations.Sweep(0, 1));

        history.anonymise("cust-camille", "anon-1");
        assertThat(history.export("cust-camille")).noneMatch(r -> fx.backend.tables.feedback().equals(r.get("table")));
        assertThat(fx.store.visits("cust-camille", fx.backend.clock.instant().minus(Duration.ofDays(30)))).isZero();
    }
}
