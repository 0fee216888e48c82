package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.order.OrderMessages;
import com.omnicanal.order.OrderStatus;
import com.omnicanal.order.Orders;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Erasure: nothing of the person is left in any table, and nothing written or sent for them afterwards. */
class ErasingCustomersTest extends CustomerJourneysOnDynamoDbLocal {
    @Test
    void erasingAnAccountAlsoErasesTheWalkInStaffMergedIntoIt() {
        var store = fx.registeringWalkIns.register(lea, "paris-rivoli",
                new ProfilePatch("Camille", "Walkin", "fr", null, null, null), "06 12 34 56 78", null, "2900123456");
        fx.signingIn.profile(camille);
        fx.mergingProfiles.merge(lea, "paris-rivoli", new ProfileMerge("cust-camille", store.id(), "same person, identity checked at the till"));

        fx.erasingCustomers.erase(camille);

        for (var trace : List.of("cust-camille", store.id(), "Walkin", "+33612345678", "2900123456")) {
            assertThat(fx.everything()).as(trace).noneMatch(item -> item.contains(trace));
        }
    }

    @Test
    void erasureLeavesNoneOfThePersonsDataInAnyTableAndTheEmailCanSignUpAgain() {
        var person = Actor.customer("cust-erase-7c1d");
        fx.updatingProfile.update(person, new ProfilePatch("Zoé", "Quintard", null, null, null, null));
        verified(person, "email", "zoe.quintard@example.fr");
        verified(person, "phone", "07 45 67 89 01");
        fx.verifyingIdentities.add(person, "card", "2900987654");
        fx.backend.reserve(person, new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k");
        // bought in store: its business event waits in the outbox for feedback, naming the person
        var bought = fx.backend.reserve(person, new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1),
                "k2").reservation();
        fx.backend.reservationService.complete(lea, "paris-rivoli", bought.id());
        assertThat(fx.backend.businessEvents()).extracting(BusinessEvent::customerId).contains(person.id());
        fx.lookingUpCustomers.lookup(lea, "paris-rivoli", new CustomerLookup(null, "zoe.quintard@example.fr", null));
        var exported = com.omnicanal.infrastructure.http.Json.write(fx.exportingData.export(person));
        assertThat(exported).contains("Quintard", "zoe.quintard@example.fr", "+33745678901", "2900987654");

        fx.erasingCustomers.erase(person);

        var traces = List.of("cust-erase-7c1d", "Zoé", "Quintard", "zoe.quintard", "+33745678901", "2900987654");
        for (var table : TableDefinitions.all(fx.backend.tables)) {
            for (var item : dynamo.client().scanPaginator(r -> r.tableName(table.tableName())).items()) {
                var text = item.toString();
                for (var trace : traces) assertThat(text).as("%s in %s", trace, table.tableName()).doesNotContain(trace);
            }
        }
        assertThat(fx.backend.level("TSH-COT-BLU-M", "paris-rivoli").reserved()).isEqualTo(1);
        assertThat(new DynamoContactBook(dynamo.client(), "Customers").find("cust-erase-7c1d")).isEmpty();
        assertThatThrownBy(() -> fx.lookingUpCustomers.lookup(lea, "paris-rivoli", new CustomerLookup("07 45 67 89 01", null, null)))
                .isInstanceOf(DomainException.NotFound.class);
        var again = Actor.customer("cust-new-account");
        verified(again, "email", "zoe.quintard@example.fr");
        assertThat(fx.signingIn.profile(again).email()).isEqualTo("zoe.quintard@example.fr");
    }

    @Test
    void anOrderThatCommitsAfterTheErasureIsRefusedAndNothingReachesTheErasedAddress() {
        var zoe = Actor.customer("cust-zoe");
        fx.updatingProfile.update(zoe, new ProfilePatch("Zoé", "Quintard", null, null, null, null));
        verified(zoe, "phone", "07 45 67 89 01");
        fx.order(zoe, "z1", "Zoé Quintard", "zoe.quintard@example.fr", "07 45 67 89 01");

        fx.erasingCustomers.erase(zoe);
        // the same token's order that was still on its way when the erasure answered
        assertThatThrownBy(() -> fx.order(zoe, "z2", "Zoé Quintard", "zoe.quintard@example.fr", "07 45 67 89 01"))
                .isInstanceOf(DomainException.Forbidden.class);
        fx.dispatchAll();

        assertThat(fx.sms.sent()).isEmpty();
        assertThat(fx.email.sent()).isEmpty();
        for (var trace : List.of("cust-zoe", "Quintard", "+33745678901", "zoe.quintard")) {
            assertThat(fx.everything()).as(trace).noneMatch(item -> item.contains(trace));
        }
    }

    @Test
    void aChangeReadBeforeTheErasureCannotWriteThePersonBack() {
        var zoe = Actor.customer("cust-zoe");
        fx.updatingProfile.update(zoe, new ProfilePatch("Zoé", "Quintard", null, null, null, null));
        var placed = fx.order(zoe, "z1", "Zoé Quintard", "zoe.quintard@example.fr", "07 45 67 89 01");
        var profileAsRead = fx.customers.profile("cust-zoe").orElseThrow();

        fx.erasingCustomers.erase(zoe);

        // the store accepts the order as it read it before the erasure: refused, the order keeps no one's name
        var accepted = placed.moveTo(OrderStatus.ACCEPTED, fx.backend.clock.instant(), "staff-lea", null);
        assertThat(fx.orderStore.apply(Orders.Change.of(accepted, OrderStatus.PLACED)
                .message(com.omnicanal.outbox.OutboxMessage.of("ORDER_ACCEPTED", "cust-zoe", "ORDER_ACCEPTED#" + placed.id(),
                        Delivery.transactional().guestContact(null, "+33745678901"), java.util.Map.of(),
                        fx.backend.clock.instant()))))
                .isInstanceOf(Orders.Outcome.Conflict.class);
        // a profile change, a new identity or a consent read before the erasure cannot bring the person back either
        assertThatThrownBy(() -> fx.customers.save(profileAsRead)).isInstanceOf(DomainException.Forbidden.class);
        assertThat(fx.customers.claim(new Identity(Identity.Kind.PHONE, "+33745678901", "cust-zoe", true,
                fx.backend.clock.instant()), true)).isFalse();
        assertThatThrownBy(() -> fx.customers.decide("cust-zoe", new Consent("MARKETING", "SMS", true, "web", "v1",
                fx.backend.clock.instant()))).isInstanceOf(DomainException.Forbidden.class);

        for (var trace : List.of("cust-zoe", "Quintard", "+33745678901", "zoe.quintard")) {
            assertThat(fx.everything()).as(trace).noneMatch(item -> item.contains(trace));
        }
    }

    @Test
    void aMessageForAnErasedCustomerIsNeverSentEvenWithTheOrderContactInIt() {
        var zoe = Actor.customer("cust-zoe");
        fx.signingIn.profile(zoe);
        fx.erasingCustomers.erase(zoe);
        // a message that a change committing as the erasure ran could still have queued
        var late = com.omnicanal.outbox.OutboxMessage.of(OrderMessages.READY, "cust-zoe", "ORDER_READY#late",
                Delivery.transactional().guestContact("zoe.quintard@example.fr", "+33745678901"),
                java.util.Map.of("orderId", "late"), fx.backend.clock.instant());
        fx.backend.dynamo.transactWriteItems(r -> r.transactItems(
                com.omnicanal.outbox.dynamo.OutboxItems.put(fx.backend.tables.outbox(), late)));

        fx.dispatchAll();

        assertThat(fx.sms.sent()).isEmpty();
        assertThat(fx.email.sent()).isEmpty();
        assertThat(fx.log.find("ORDER_READY#late").orElseThrow().status()).isEqualTo(com.omnicanal.messaging.MessageRecord.Status.FAILED);
        assertThat(fx.everything()).noneMatch(item -> item.contains("+33745678901") || item.contains("zoe.quintard"));
    }
}
