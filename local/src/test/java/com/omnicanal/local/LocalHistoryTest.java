package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A few days of history through the gateway on the moved clock: the orders and reservations it made show in the KPIs
 * on the days they were made, counted from the outbox stream, and the clock is back to now afterwards.
 */
class LocalHistoryTest {

    @Test
    void threeDaysOfActivityShowInTheKpisOnTheirOwnDays() throws Exception {
        var clock = new ShiftedClock();
        try (var stack = LocalStack.start(0, null, clock)) {
            var done = new LocalHistory(stack.port(), clock).fill(3);
            assertThat(java.time.Duration.between(clock.instant(), java.time.Instant.now()).abs())
                    .isLessThan(java.time.Duration.ofSeconds(5));
            assertThat(done.get("ordersPlaced")).isPositive();
            assertThat(done.keySet()).noneMatch(k -> k.startsWith("refused"));

            var client = new LocalClient(stack.port());
            var ops = client.token("ops-nadia", "ops", null);
            var today = LocalDate.now(ZoneId.of("Europe/Paris"));
            var query = "/ops/kpis?from=" + today.minusDays(3) + "&to=" + today.minusDays(1) + "&groupBy=day";
            var deadline = java.time.Instant.now().plusSeconds(60);
            long placed = 0;
            com.fasterxml.jackson.databind.JsonNode rows = null;
            while (java.time.Instant.now().isBefore(deadline)) {
                rows = client.get(query, ops).body().get("rows");
                placed = 0;
                for (var row : rows) placed += row.get("ordersPlaced").asLong();
                if (placed == done.get("ordersPlaced")) break;
                Thread.sleep(500);
            }
            assertThat(placed).isEqualTo(done.get("ordersPlaced").longValue());
            // one row per past day, none today: each call was made at its simulated moment
            assertThat(rows).hasSize(3);
            long held = 0;
            for (var row : rows) held += row.get("reservationsHeld").asLong();
            assertThat(held).isEqualTo(done.getOrDefault("reservationsHeld", 0).longValue());
            // the answers given on the storefront's pop-up after a pickup, counted per store from their scores
            long answers = 0;
            for (var row : rows) answers += row.get("npsAnswers").asLong();
            assertThat(answers).isEqualTo(done.getOrDefault("answers", 0).longValue());
            // the orders' messages, sent by the real dispatcher, and the STOP texts, counted as they happened
            long sent = 0, stops = 0;
            while (java.time.Instant.now().isBefore(deadline)) {
                rows = client.get(query, ops).body().get("rows");
                sent = 0;
                stops = 0;
                for (var row : rows) {
                    sent += row.get("messagesSent").asLong();
                    stops += row.get("smsStops").asLong();
                }
                if (sent > 0 && stops == done.getOrDefault("smsStops", 0)) break;
                Thread.sleep(500);
            }
            assertThat(sent).isPositive();
            assertThat(stops).isEqualTo(done.getOrDefault("smsStops", 0).longValue());
        }
    }
}
