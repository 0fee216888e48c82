package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderMessages;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.FailingWrites;
import com.omnicanal.testing.Race;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** Identities proved by one-time codes: counted tries, codes nobody else reads, and addresses nobody takes by typing them. */
class VerifyingIdentitiesTest extends CustomerJourneysOnDynamoDbLocal {
    @Test
    void aNewEmailIsVerifiedWithAOneTimeCodeSentToThatAddress() {
        var sent = fx.verifyingIdentities.add(camille, "email", " Camille.Martin@Example.fr ");
        assertThat(sent).containsEntry("value", "camille.martin@example.fr").containsEntry("verified", false);
        var code = fx.lastCode("cust-camille", Identity.Kind.EMAIL, "camille.martin@example.fr");
        var wrong = "000000".equals(code) ? "111111" : "000000";
        assertThatThrownBy(() -> fx.verifyingIdentities.verify(camille, "email", "camille.martin@example.fr", wrong))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("code");
        var profile = fx.verifyingIdentities.verify(camille, "email", "camille.martin@example.fr", code);
        assertThat(profile.email()).isEqualTo("camille.martin@example.fr");
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "camille.martin@example.fr").orElseThrow().verified()).isTrue();
        assertThatThrownBy(() -> fx.verifyingIdentities.verify(camille, "email", "camille.martin@example.fr", code))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void fiveWrongCodesOrALateOneAreRefused() {
        fx.verifyingIdentities.add(camille, "phone", "06 12 34 56 78");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> fx.verifyingIdentities.verify(camille, "phone", "+33612345678", "abcdef"))
                    .isInstanceOf(DomainException.InvalidInput.class);
        }
        var code = fx.lastCode("cust-camille", Identity.Kind.PHONE, "0612345678");
        assertThatThrownBy(() -> fx.verifyingIdentities.verify(camille, "phone", "0612345678", code)).hasMessageContaining("too many");
        fx.verifyingIdentities.add(camille, "phone", "06 12 34 56 78");
        fx.backend.clock.advance(Duration.ofMillis(5));
        var fresh = fx.lastCode("cust-camille", Identity.Kind.PHONE, "0612345678");
        fx.backend.clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> fx.verifyingIdentities.verify(camille, "phone", "0612345678", fresh)).hasMessageContaining("expired");
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678")).isEmpty();
    }

    @Test
    void concurrentWrongCodesCompareAtMostFiveThenEvenTheRightOneWaitsForANewCode() throws Exception {
        fx.verifyingIdentities.add(camille, "phone", "06 12 34 56 78");
        var code = fx.lastCode("cust-camille", Identity.Kind.PHONE, "0612345678");
        int guesses = 24;
        var all = Race.of(guesses).expecting(DomainException.class).within(Duration.ofSeconds(60)).run(i -> {
            var wrong = String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000);
            fx.verifyingIdentities.verify(camille, "phone", "+33612345678", wrong);
            return "verified";
        }).all().stream().map(o -> o.succeeded() ? o.value() : o.failure().getMessage()).toList();

        assertThat(all.stream().filter(a -> a.contains("is wrong")).count()).as("codes compared with the one sent")
                .isEqualTo(VerifyingIdentities.MAX_CODE_ATTEMPTS);
        assertThat(all).filteredOn(a -> !a.contains("is wrong")).allMatch(a -> a.contains("too many"));
        assertThatThrownBy(() -> fx.verifyingIdentities.verify(camille, "phone", "0612345678", code))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("too many");
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678")).isEmpty();

        fx.backend.clock.advance(Duration.ofMillis(5));
        fx.verifyingIdentities.add(camille, "phone", "06 12 34 56 78");
        var fresh = fx.lastCode("cust-camille", Identity.Kind.PHONE, "0612345678");
        assertThat(fx.verifyingIdentities.verify(camille, "phone", "0612345678", fresh).phone()).isEqualTo("+33612345678");
    }

    @Test
    void aCodeIsNotComparedWhenItsTryCannotBeCounted() {
        var counter = new FailingWrites(dynamo.client(), "updateItem");
        var faulty = new CustomerFixture(counter.client());
        faulty.verifyingIdentities.add(camille, "email", "camille.martin@example.fr");
        var code = faulty.lastCode("cust-camille", Identity.Kind.EMAIL, "camille.martin@example.fr");
        counter.failing = true;

        assertThatThrownBy(() -> faulty.verifyingIdentities.verify(camille, "email", "camille.martin@example.fr", code))
                .isInstanceOf(ProvisionedThroughputExceededException.class);

        counter.failing = false;
        assertThat(faulty.customers.identity(Identity.Kind.EMAIL, "camille.martin@example.fr"))
                .as("the right code, uncounted, verified nothing").isEmpty();
        assertThat(faulty.verifyingIdentities.verify(camille, "email", "camille.martin@example.fr", code).email())
                .isEqualTo("camille.martin@example.fr");
    }

    @Test
    void aCodeRequestedBeforeSomeoneElseVerifiedTheAddressNoLongerTakesIt() {
        fx.verifyingIdentities.add(hugo, "phone", "06 12 34 56 78");
        var hugosCode = fx.lastCode("cust-hugo", Identity.Kind.PHONE, "0612345678");
        verified(camille, "phone", "06 12 34 56 78");

        assertThatThrownBy(() -> fx.verifyingIdentities.verify(hugo, "phone", "0612345678", hugosCode))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678").orElseThrow().customerId()).isEqualTo("cust-camille");
        // and a profile registered at a till is never what a sign-in acts as
        var walkIn = fx.registeringWalkIns.register(lea, "paris-rivoli", new ProfilePatch("W", null, null, null, null, null), null, null, null);
        assertThatThrownBy(() -> fx.signingIn.profile(Actor.customer(walkIn.id()))).isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void anIdentityVerifiedByAnotherCustomerIsRefusedWithoutSayingWhose() {
        verified(camille, "email", "camille.martin@example.fr");
        assertThatThrownBy(() -> fx.verifyingIdentities.add(hugo, "email", "camille.martin@example.fr"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageNotContaining("cust-camille");
        assertThatThrownBy(() -> fx.verifyingIdentities.add(hugo, "email", "not-an-email"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("email"));
        assertThatThrownBy(() -> fx.verifyingIdentities.add(hugo, "phone", "12"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("phone"));
        fx.verifyingIdentities.add(camille, "card", "2900 1234 5678");
        assertThatThrownBy(() -> fx.verifyingIdentities.add(hugo, "card", "290012345678")).isInstanceOf(DomainException.InvalidState.class);
    }

    @Test
    void verifyingAPhoneAStoreRegisteredTakesItFromTheWalkInWithoutMergingAnything() {
        var store = fx.registeringWalkIns.register(lea, "paris-rivoli",
                new ProfilePatch("Camille", "Martin", "fr", null, null, null), "06 12 34 56 78", null, "2900123456");
        var reservation = fx.backend.reserve(Actor.customer(store.id()),
                new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k").reservation();
        fx.customers.decide(store.id(), new Consent("MARKETING", "SMS", true, "store", "v1", fx.backend.clock.instant()));

        verified(camille, "phone", "06 12 34 56 78");

        // whoever gave that number at the till proved nothing: the walk-in loses it, and nothing else happens
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678").orElseThrow())
                .satisfies(i -> assertThat(i.customerId()).isEqualTo("cust-camille"))
                .satisfies(i -> assertThat(i.verified()).isTrue());
        assertThat(fx.customers.identities(store.id())).extracting(Identity::kind).containsExactly(Identity.Kind.CARD);
        assertThat(fx.customers.profile(store.id()).orElseThrow().status()).isEqualTo(Profile.Status.ACTIVE);
        var account = fx.signingIn.profile(camille);
        assertThat(account.loyaltyCard()).isNull();
        assertThat(account.phone()).isEqualTo("+33612345678");
        assertThat(fx.decidingConsents.consents(camille)).isEmpty();
        assertThat(fx.backend.reservations.find(reservation.id()).orElseThrow().customerId()).isEqualTo(store.id());
    }

    @Test
    void anOrderContactNeverHandsTheOrderersTokenToWhoeverLaterVerifiesThatPhone() {
        var attacker = Actor.customer("cust-attacker");
        var victim = Actor.customer("cust-victim");
        fx.updatingProfile.update(victim, new ProfilePatch("Valérie", "Victime", null, null, null, null));
        verified(victim, "email", "valerie@example.fr");
        var planted = fx.order(attacker, "a1", "Whoever", null, "06 12 34 56 78");

        verified(victim, "phone", "06 12 34 56 78");

        // the attacker's token reads, changes and erases the attacker's own profile, never the victim's
        assertThat(fx.signingIn.profile(attacker).id()).isEqualTo("cust-attacker");
        assertThat(Json.write(fx.exportingData.export(attacker))).doesNotContain("cust-victim", "valerie@example.fr", "Victime");
        fx.updatingProfile.update(attacker, new ProfilePatch("Pirate", null, null, null, null, null));
        assertThat(fx.signingIn.profile(victim).firstName()).isEqualTo("Valérie");
        // and the victim's account holds nothing of the attacker's order
        assertThat(fx.orders.following().mine(victim, null).items()).isEmpty();
        assertThat(Json.write(fx.exportingData.export(victim))).doesNotContain(planted.id());
        assertThat(fx.orders.following().mine(attacker, null).items()).extracting(Order::id).containsExactly(planted.id());

        fx.erasingCustomers.erase(attacker);

        var after = fx.signingIn.profile(victim);
        assertThat(after.email()).isEqualTo("valerie@example.fr");
        assertThat(after.phone()).isEqualTo("+33612345678");
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "valerie@example.fr").orElseThrow().customerId()).isEqualTo("cust-victim");
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678").orElseThrow().customerId()).isEqualTo("cust-victim");
    }

    @Test
    void theCodeSentToAnAddressIsNeverReadableByTheAccountThatAskedForIt() {
        var attacker = Actor.customer("cust-attacker");
        fx.verifyingIdentities.add(attacker, "phone", "06 12 34 56 78");
        var code = fx.lastCode("cust-attacker", Identity.Kind.PHONE, "0612345678");

        var exported = Json.write(fx.exportingData.export(attacker));
        assertThat(exported).contains("+33612345678").doesNotContain("\"" + code + "\"");

        fx.dispatchAll();
        assertThat(fx.sms.to("+33612345678")).singleElement().satisfies(s -> assertThat(s.envelope().text()).contains(code));
        // once handed to the channel, the outbox keeps no readable code either
        assertThat(fx.everything()).noneMatch(item -> item.contains("S=" + code + ")"));
    }

    @Test
    void aGuestOrderStaysWithTheGuestWhenAnAccountLaterVerifiesItsPhone() {
        var guest = Actor.customer("guest-5f2a");
        var order = fx.order(guest, "g1", "Camille M.", null, "06 12 34 56 78");

        verified(camille, "phone", "06 12 34 56 78");

        assertThat(fx.orders.following().mine(camille, null).items()).isEmpty();
        assertThat(fx.orders.following().mine(guest, null).items()).extracting(Order::id).containsExactly(order.id());
        fx.customers.profile("guest-5f2a").ifPresent(p -> assertThat(p.status()).isEqualTo(Profile.Status.ACTIVE));
        // the guest is still told about that order, at the contact given with it
        fx.dispatchAll();
        assertThat(fx.sms.to("+33612345678")).extracting(s -> s.envelope().messageId()).contains(OrderMessages.PLACED + "#" + order.id());
    }
}
