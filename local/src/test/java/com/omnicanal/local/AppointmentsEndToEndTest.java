package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import com.omnicanal.testing.Race;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An appointment through the local gateway, as the storefront, the customer's mailbox and the store's tablet see it:
 * free slots, a hold replayed under its Idempotency-Key, the confirmation email with its .ics invitation and signed
 * link, the reminder a day before (the functions' clock moved on), the advisor's agenda, check-in and completion.
 */
class AppointmentsEndToEndTest {
    private static final String STORE = "paris-rivoli";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static LocalStack stack;
    private static LocalClient client;

    /** The functions' clock: the wall clock, moved forward by the test. */
    private static final class ShiftedClock extends Clock {
        private volatile Duration shift = Duration.ZERO;

        void moveTo(Instant at) {
            shift = Duration.between(Instant.now(), at);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(0, null, CLOCK);
        client = new LocalClient(stack.port());
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void bookConfirmBeRemindedWithTheInvitationAndBeSeenByTheAdvisor() throws Exception {
        var emma = client.token("cust-emma", "customer", null);
        var lea = client.token("staff-lea", "staff", STORE);
        var types = client.get("/stores/" + STORE + "/appointment-types", null);
        assertThat(types.status()).isEqualTo(200);
        assertThat(types.body().get("items").findValuesAsText("id")).contains("conseil-style", "essayage");

        // a slot two days ahead at least, so that the 24 h reminder is owed
        var from = LocalDate.now(PARIS).plusDays(2);
        var slots = client.get("/stores/" + STORE + "/appointment-types/conseil-style/slots?from=" + from + "&to="
                + from.plusDays(6), null);
        assertThat(slots.status()).isEqualTo(200);
        assertThat(slots.body().get("timeZone").asText()).isEqualTo("Europe/Paris");
        var slot = slots.body().get("items").get(0);
        var start = slot.get("start").asText();
        var local = java.time.OffsetDateTime.parse(slot.get("localStart").asText());
        assertThat(local.toInstant()).isEqualTo(Instant.parse(start));
        assertThat(local.getOffset()).isEqualTo(PARIS.getRules().getOffset(Instant.parse(start)));

        var body = "{\"storeId\":\"" + STORE + "\",\"typeId\":\"conseil-style\",\"start\":\"" + start + "\","
                + "\"contact\":{\"name\":\"Emma Wilson\",\"email\":\"emma.wilson@example.com\"},"
                + "\"items\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}]}";
        var key = Map.of("Idempotency-Key", "rdv-" + UUID.randomUUID());
        var held = client.send("POST", "/appointments", emma, body, key);
        assertThat(held.status()).as(held.raw().body()).isEqualTo(201);
        assertThat(held.body().get("status").asText()).isEqualTo("HELD");
        var id = held.body().get("id").asText();
        var replay = client.send("POST", "/appointments", emma, body, key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body().get("id").asText()).isEqualTo(id);
        assertThat(replay.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        // the slot is no longer offered to anyone else with that advisor
        var other = client.send("POST", "/appointments", client.token("cust-hugo", "customer", null),
                body.replace("Emma Wilson", "Hugo Lefèvre").replace("\"contact\"", "\"advisorId\":\""
                        + held.body().get("advisorId").asText() + "\",\"contact\""), Map.of("Idempotency-Key", "rdv-hugo-1"));
        assertThat(other.status()).isEqualTo(409);

        var confirmed = client.send("POST", "/appointments/" + id + "/confirm", emma, null, Map.of());
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body().get("status").asText()).isEqualTo("CONFIRMED");

        // the confirmation, in Emma's language, with the invitation attached
        var confirmation = client.awaitInbox(m -> m.path("to").asText().equals("emma.wilson@example.com")
                && m.path("subject").asText().startsWith("Appointment confirmed"));
        var invitation = Biweekly.parse(confirmation.get("calendar").asText()).first();
        assertThat(invitation.getMethod().getValue()).isEqualTo("REQUEST");
        var event = invitation.getEvents().get(0);
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse(start));
        assertThat(event.getUid().getValue()).isEqualTo(id + "@omnicanal");
        assertThat(event.getLocation().getValue()).contains("112 rue de Rivoli");
        var link = confirmation.get("text").asText().replaceAll("(?s).*(/appointments/manage/[A-Za-z0-9._-]+).*", "$1");
        var opened = client.get(link, null);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body().get("id").asText()).isEqualTo(id);

        // a day before, the reminder
        CLOCK.moveTo(Instant.parse(start).minus(Duration.ofHours(24)).plusSeconds(30));
        var swept = client.send("POST", "/_local/schedules/appointmentSweeper", null, null, Map.of());
        assertThat(swept.status()).isEqualTo(200);
        var reminder = client.awaitInbox(m -> m.path("to").asText().equals("emma.wilson@example.com")
                && m.path("subject").asText().startsWith("Reminder: your appointment"));
        assertThat(reminder.get("text").asText()).contains("Conseil en style").contains("/appointments/manage/");

        // in the store: the day's agenda with who she is and what is held for her, then check-in and completion
        var day = Instant.parse(start).atZone(PARIS).toLocalDate();
        var agenda = client.get("/stores/" + STORE + "/agenda?date=" + day, lea);
        assertThat(agenda.status()).isEqualTo(200);
        var entry = agenda.body().get("items").findParents("appointment").stream()
                .filter(e -> e.get("appointment").get("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(entry.get("customer").get("name").asText()).isEqualTo("Emma Wilson");
        assertThat(entry.get("appointment").get("items").get(0).get("sku").asText()).isEqualTo("TSH-COT-BLU-M");
        CLOCK.moveTo(Instant.parse(start));
        assertThat(client.send("POST", "/stores/" + STORE + "/appointments/" + id + "/check-in", lea, null, Map.of()).status())
                .isEqualTo(200);
        var completed = client.send("POST", "/stores/" + STORE + "/appointments/" + id + "/complete", lea,
                "{\"bought\":[\"TSH-COT-BLU-M\"]}", Map.of());
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.body().get("items").get(0).get("outcome").asText()).isEqualTo("BOUGHT");
        var figures = client.get("/stores/" + STORE + "/appointment-figures?from=" + day + "&to=" + day, lea);
        assertThat(figures.body().get("completed").asInt()).isEqualTo(1);
    }

    @Test
    void twentyCustomersRacingThroughTheGatewayForOneAdvisorsSlotGetOneBooking() throws Exception {
        var from = LocalDate.now(PARIS).plusDays(10);
        var slots = client.get("/stores/" + STORE + "/appointment-types/conseil-style/slots?from=" + from + "&to="
                + from.plusDays(6), null).body().get("items");
        var slot = slots.get(slots.size() - 1);
        var advisor = slot.get("advisors").get(0).get("id").asText();
        var body = "{\"storeId\":\"" + STORE + "\",\"typeId\":\"conseil-style\",\"start\":\"" + slot.get("start").asText()
                + "\",\"advisorId\":\"" + advisor + "\",\"contact\":{\"name\":\"Racer\",\"email\":\"race@example.org\"}}";
        var tokens = new java.util.ArrayList<String>();
        for (int i = 0; i < 20; i++) tokens.add(client.token("cust-race-" + UUID.randomUUID(), "customer", null));
        var statuses = Race.of(20).within(Duration.ofMinutes(2)).run(i -> client.send("POST", "/appointments", tokens.get(i), body,
                Map.of("Idempotency-Key", "race-" + UUID.randomUUID())).status()).values();
        assertThat(statuses).hasSize(20);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(19);
    }
}
