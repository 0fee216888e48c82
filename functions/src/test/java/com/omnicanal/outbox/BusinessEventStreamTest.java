package com.omnicanal.outbox;

import static com.omnicanal.testing.StreamRecords.event;
import static com.omnicanal.testing.StreamRecords.insert;
import static com.omnicanal.testing.StreamRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.omnicanal.outbox.api.BusinessEventStream;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.BusinessEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The outbox stream as feedback's function reads it: business events as written, nothing else, failures reported. */
class BusinessEventStreamTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final BusinessEvent COLLECTED = new BusinessEvent.OrderCollected("o1", "cust-camille", "paris-rivoli",
            Set.of("TSH-COT-BLU-M", "BOU-CIR-FIG"), AT);
    private static final BusinessEvent RECEIVED_BY_POST = new BusinessEvent.ReturnReceived("r1", "cust-emma", null,
            Set.of("TSH-COT-BLU-M"), AT);
    private static final BusinessEvent COMPLETED = new BusinessEvent.ReservationCompleted("res1", "cust-hugo",
            "lyon-republique", "VES-LIN-BEI-M", AT);

    @Test
    void eachEventReachesTheSubscriberAsItWasWrittenAndMessagesAndLaterChangesArePassedBy() {
        var handed = new ArrayList<BusinessEvent>();
        var stream = new BusinessEventStream(handed::add);
        var message = OutboxItems.put("Outbox", OutboxMessage.transactional("ORDER_READY", "cust-camille", "ORDER_READY#o1",
                Map.of("orderId", "o1"), AT)).put().item();
        var expired = OutboxItems.event("Outbox", COLLECTED).put().item();

        var response = stream.apply(event(record("INSERT", null, message, "1"),
                insert(OutboxItems.event("Outbox", COLLECTED), "2"),
                insert(OutboxItems.event("Outbox", RECEIVED_BY_POST), "3"),
                insert(OutboxItems.event("Outbox", COMPLETED), "4"),
                record("REMOVE", expired, null, "5")));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handed).containsExactly(COLLECTED, RECEIVED_BY_POST, COMPLETED);
    }

    @Test
    void anEventItsSubscriberFailsOnIsReportedForRedeliveryAndTheOthersAreStillHandled() {
        var handed = new ArrayList<BusinessEvent>();
        var stream = new BusinessEventStream(event -> {
            if (event.equals(RECEIVED_BY_POST)) throw new IllegalStateException("feedback is down");
            handed.add(event);
        });

        var response = stream.apply(event(insert(OutboxItems.event("Outbox", COLLECTED), "10"),
                insert(OutboxItems.event("Outbox", RECEIVED_BY_POST), "11"),
                insert(OutboxItems.event("Outbox", COMPLETED), "12")));

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("11");
        assertThat(handed).containsExactly(COLLECTED, COMPLETED);
    }
}
