package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staff merges of walk-ins: only a walk-in is merged away, with its history and without giving consent for anyone. */
class MergingProfilesTest extends CustomerJourneysOnDynamoDbLocal {
    @Test
    void staffMergeAWalkInIntoAnAccountWithItsCardAndHistoryButGiveNoConsentOnTheAccountsBehalf() {
        var store = fx.registeringWalkIns.register(lea, "paris-rivoli",
                new ProfilePatch("Camille", "Martin", "fr", null, null, null), null, null, "2900123456");
        var reservation = fx.backend.reserve(Actor.customer(store.id()),
                new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k").reservation();
        fx.decidingConsents.decide(camille, List.of(new Consent("FEEDBACK", "EMAIL", true, null, "v1", null)));
        fx.backend.clock.advance(Duration.ofMinutes(1));
        fx.customers.decide(store.id(), new Consent("MARKETING", "SMS", true, "store", "v1", fx.backend.clock.instant()));
        fx.customers.decide(store.id(), new Consent("FEEDBACK", "EMAIL", false, "store", "v1", fx.backend.clock.instant()));

        fx.mergingProfiles.merge(lea, "paris-rivoli", new ProfileMerge("cust-camille", store.id(), "same person, identity checked at the till"));

        var survivor = fx.signingIn.profile(camille);
        assertThat(survivor.loyaltyCard()).isEqualTo("2900123456");
        assertThat(fx.customers.identity(Identity.Kind.CARD, "2900123456").orElseThrow().customerId()).isEqualTo("cust-camille");
        assertThat(fx.backend.reservations.find(reservation.id()).orElseThrow().customerId()).isEqualTo("cust-camille");
        assertThat(fx.customers.profile(store.id()).orElseThrow().mergedInto()).isEqualTo("cust-camille");
        // a refusal is the safe side and follows the person; a grant given on another profile is not Camille's consent
        assertThat(fx.decidingConsents.consents(camille)).singleElement().satisfies(c -> {
            assertThat(c.purpose() + "/" + c.channel()).isEqualTo("FEEDBACK/EMAIL");
            assertThat(c.granted()).isFalse();
        });
        var contact = new DynamoContactBook(dynamo.client(), "Customers").find(store.id()).orElseThrow();
        assertThat(contact.customerId()).isEqualTo("cust-camille");
    }

    @Test
    void staffNeverMergeAwayAnAccountSomeoneSignsInTo() {
        var victim = Actor.customer("cust-victim");
        verified(victim, "email", "valerie@example.fr");
        fx.signingIn.profile(camille);

        assertThatThrownBy(() -> fx.mergingProfiles.merge(lea, "paris-rivoli",
                new ProfileMerge("cust-camille", "cust-victim", "she says both are hers"))).isInstanceOf(DomainException.InvalidState.class);

        assertThat(fx.signingIn.profile(victim).email()).isEqualTo("valerie@example.fr");
        assertThat(fx.signingIn.profile(camille).email()).isNull();
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "valerie@example.fr").orElseThrow().customerId()).isEqualTo("cust-victim");
    }

    @Test
    void aTokenWhoseProfileWasMergedAwayIsRefusedRatherThanLedIntoTheSurvivor() {
        var victim = Actor.customer("cust-victim");
        verified(victim, "email", "valerie@example.fr");
        fx.signingIn.profile(hugo);
        // a merge recorded before the rules changed (an order contact, then the victim verified that phone)
        fx.customers.markMerged("cust-hugo", "cust-victim", "cust-victim", "verified phone", fx.backend.clock.instant());

        assertThatThrownBy(() -> fx.signingIn.profile(hugo)).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.exportingData.export(hugo)).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.updatingProfile.update(hugo, new ProfilePatch("Pirate", null, null, null, null, null)))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.erasingCustomers.erase(hugo)).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.verifyingIdentities.add(hugo, "email", "pirate@example.fr")).isInstanceOf(DomainException.Forbidden.class);

        assertThat(fx.signingIn.profile(victim).email()).isEqualTo("valerie@example.fr");
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "valerie@example.fr").orElseThrow().customerId()).isEqualTo("cust-victim");
    }

    @Test
    void staffMergeIsRecordedAndIdempotent() {
        var a = fx.registeringWalkIns.register(lea, "paris-rivoli", new ProfilePatch("A", "Un", null, null, null, null), null,
                "a@example.fr", null);
        fx.signingIn.profile(camille);
        assertThatThrownBy(() -> fx.mergingProfiles.merge(Actor.staff("x", "lyon-republique"), "paris-rivoli",
                new ProfileMerge("cust-camille", a.id(), "same person"))).isInstanceOf(DomainException.Forbidden.class);
        fx.mergingProfiles.merge(lea, "paris-rivoli", new ProfileMerge("cust-camille", a.id(), "same person at the till"));
        fx.mergingProfiles.merge(lea, "paris-rivoli", new ProfileMerge("cust-camille", a.id(), "same person at the till"));
        assertThat(fx.customers.profile(a.id()).orElseThrow().mergedInto()).isEqualTo("cust-camille");
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "a@example.fr").orElseThrow().customerId()).isEqualTo("cust-camille");
    }

    @Test
    void aMergeThatLandsAfterTheSurvivorsErasureMovesNothingUnderTheErasedId() {
        var store = fx.registeringWalkIns.register(lea, "paris-rivoli", new ProfilePatch("Zoé", null, "fr", null, null, null),
                null, null, null);
        var reservation = fx.backend.reserve(Actor.customer(store.id()),
                new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k").reservation();
        fx.signingIn.profile(Actor.customer("cust-zoe"));
        fx.erasingCustomers.erase(Actor.customer("cust-zoe"));

        // a staff merge into her account that checked the account before the erasure, and moves the walk-in's records now
        var history = new com.omnicanal.customer.dynamo.DynamoCustomerHistory(dynamo.client(), fx.backend.tables);
        assertThatThrownBy(() -> history.reassign(store.id(), "cust-zoe")).isInstanceOf(DomainException.Forbidden.class);

        assertThat(fx.backend.reservations.find(reservation.id()).orElseThrow().customerId()).isEqualTo(store.id());
        assertThat(fx.everything()).noneMatch(item -> item.contains("cust-zoe"));
    }
}
