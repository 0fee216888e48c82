package com.omnicanal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.BusinessEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every kind of business event reads back from its outbox item as it was written, and an erasure finds its key. */
@Tag("fast")
class BusinessEventItemsTest {
    private static final Instant AT = Instant.parse("2026-11-23T09:25:00Z");
    private static final Set<String> SKUS = Set.of("TSH-COT-BLU-M", "BOU-CIR-FIG");

    static List<BusinessEvent> everyKind() {
        return List.of(
                new BusinessEvent.OrderCollected("o1", "cust-camille", "paris-rivoli", SKUS, AT),
                new BusinessEvent.ReturnReceived("ret1", "cust-camille", null, SKUS, AT, "lyon-republique"),
                new BusinessEvent.ReturnReceived("ret2", "cust-camille", "paris-rivoli", SKUS, AT),
                new BusinessEvent.ReservationCompleted("r1", "cust-camille", "paris-rivoli", "TSH-COT-BLU-M", AT),
                new BusinessEvent.AppointmentCompleted("a1", "cust-camille", "paris-rivoli", SKUS, AT),
                new BusinessEvent.OrderPlaced("o1", "cust-camille", "paris-rivoli", SKUS, AT),
                new BusinessEvent.OrderAccepted("o1", "cust-camille", "paris-rivoli", SKUS, AT),
                new BusinessEvent.OrderRejected("o2", "cust-camille", "paris-rivoli", SKUS, AT),
                new BusinessEvent.OrderReady("o1", "cust-camille", "paris-rivoli", SKUS, AT.minusSeconds(3600),
                        AT.plusSeconds(3600), AT),
                new BusinessEvent.OrderReady("o3", "cust-camille", "paris-rivoli", SKUS, AT.minusSeconds(60), null, AT),
                new BusinessEvent.OrderExpired("o1", "cust-camille", "paris-rivoli", SKUS, AT),
                // sold in a store for its customer (the endless aisle): where it was sold reads back
                new BusinessEvent.OrderPlaced("o4", "cust-camille", "paris-rivoli", SKUS, AT, "lyon-republique"),
                new BusinessEvent.OrderAccepted("o4", "cust-camille", "paris-rivoli", SKUS, AT, "lyon-republique"),
                new BusinessEvent.OrderRejected("o5", "cust-camille", "paris-rivoli", SKUS, AT, "lyon-republique"),
                new BusinessEvent.OrderReady("o4", "cust-camille", "paris-rivoli", SKUS, AT.minusSeconds(3600),
                        AT.plusSeconds(3600), AT, "lyon-republique"),
                new BusinessEvent.OrderExpired("o4", "cust-camille", "paris-rivoli", SKUS, AT, "lyon-republique"),
                new BusinessEvent.ReservationHeld("r1", "cust-camille", "paris-rivoli", "TSH-COT-BLU-M", AT),
                new BusinessEvent.ReservationExpired("r2", "cust-camille", "paris-rivoli", "TSH-COT-BLU-M", AT),
                new BusinessEvent.ReturnRefunded("ret1", "cust-camille", null, SKUS, "lyon-republique",
                        AT.minusSeconds(7200), AT),
                new BusinessEvent.AppointmentMissed("a2", "cust-camille", "paris-rivoli", Set.of(), AT),
                new BusinessEvent.QuestionnaireAnswered("inv-1", "paris-rivoli", 9, null, AT),
                new BusinessEvent.QuestionnaireAnswered("inv-2", null, null, 4, AT));
    }

    @Test
    void everyKindReadsBackAsWritten() {
        for (var event : everyKind()) {
            var item = OutboxItems.event("Outbox", event).put().item();
            assertThat(OutboxItems.isEvent(item)).isTrue();
            assertThat(OutboxItems.event(item)).isEqualTo(event);
        }
    }

    @Test
    void anErasureFindsTheKeyOfEveryKindOfEvent() {
        for (var event : everyKind()) {
            var key = OutboxItems.event("Outbox", event).put().item().get("id");
            assertThat(OutboxItems.eventKeys(event.subjectId())).as(event.toString())
                    .anySatisfy(k -> assertThat(k.get("id")).isEqualTo(key));
        }
    }

    /** Outbox items written before order events said where the order was sold have no soldAt: they read as online. */
    @Test
    void anOrderEventWrittenBeforeSoldAtWasCarriedReadsAsPlacedOnline() {
        var sold = List.<BusinessEvent>of(
                new BusinessEvent.OrderPlaced("o4", "cust-camille", "paris-rivoli", SKUS, AT, "lyon-republique"),
                new BusinessEvent.OrderAccepted("o4", "cust-camille", "paris-rivoli", SKUS, AT, "lyon-republique"),
                new BusinessEvent.OrderRejected("o5", "cust-camille", "paris-rivoli", SKUS, AT, "lyon-republique"),
                new BusinessEvent.OrderReady("o4", "cust-camille", "paris-rivoli", SKUS, AT.minusSeconds(3600), null, AT,
                        "lyon-republique"),
                new BusinessEvent.OrderExpired("o4", "cust-camille", "paris-rivoli", SKUS, AT, "lyon-republique"));
        for (var event : sold) {
            var item = new java.util.HashMap<>(OutboxItems.event("Outbox", event).put().item());
            assertThat(item).as(event.toString()).containsKey("soldAt");
            item.remove("soldAt");
            var read = OutboxItems.event(item);
            assertThat(read).as(event.toString()).hasFieldOrPropertyWithValue("soldAt", null)
                    .hasFieldOrPropertyWithValue("orderId", event.subjectId());
        }
    }

    @Test
    void anOnlineOrderEventHasNoSoldAt() {
        var item = OutboxItems.event("Outbox", new BusinessEvent.OrderPlaced("o1", "cust-camille", "paris-rivoli", SKUS, AT))
                .put().item();
        assertThat(item).doesNotContainKey("soldAt");
    }

    @Test
    void anAnswerNamesNobody() {
        var item = OutboxItems.event("Outbox", new BusinessEvent.QuestionnaireAnswered("inv-1", "paris-rivoli", 9, 5, AT))
                .put().item();
        assertThat(item).doesNotContainKey("customer");
    }
}
