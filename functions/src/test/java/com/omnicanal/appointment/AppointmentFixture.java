package com.omnicanal.appointment;

import com.omnicanal.appointment.BookingAppointments.BookingRequest;
import com.omnicanal.appointment.BookingAppointments.HoldAppointment;
import com.omnicanal.appointment.dynamo.DynamoAppointments;
import com.omnicanal.appointment.dynamo.DynamoBookingSetup;
import com.omnicanal.appointment.ics.BiweeklyInvitations;
import com.omnicanal.appointment.jwt.JwtManageLinks;
import com.omnicanal.api.Callers;
import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.testing.Backend;
import com.omnicanal.testing.TestBackend;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Appointments at Paris Rivoli over DynamoDB Local, on the test clock (Monday 23 November 2026, 10:00 in Paris): two
 * advisors working 10:00-19:00 Monday to Saturday, one fitting room, a styling session (60 min, 15 min after, an
 * hour's notice) and a fitting (30 min in the fitting room), and T-shirts to try.
 */
final class AppointmentFixture {
    static final String STORE = "paris-rivoli";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String SKU = "TSH-COT-BLU-M";
    static final String SECRET = "appointment-test-secret-0123456789abcdef";

    final TestBackend backend;
    final DynamoAppointments appointments;
    final DynamoBookingSetup setup;
    final JwtManageLinks links = new JwtManageLinks(SECRET);
    final AppointmentBook book;
    final Actor staff = Actor.staff("staff-lea", STORE);
    final Actor camille = Actor.customer("cust-camille");

    AppointmentFixture(DynamoDbClient dynamo) {
        this(dynamo, AppointmentPolicy.DEFAULT);
    }

    AppointmentFixture(DynamoDbClient dynamo, AppointmentPolicy policy) {
        backend = new TestBackend(dynamo);
        backend.resetTables();
        appointments = new DynamoAppointments(dynamo, backend.tables);
        setup = new DynamoBookingSetup(dynamo, backend.tables);
        CustomerSummaries summaries = id -> id.equals("cust-camille")
                ? Optional.of(new CustomerSummaries.Summary("Camille Martin", "fr", STORE, "camille.martin@example.fr", null))
                : Optional.empty();
        book = AppointmentBook.of(backend.catalog, setup, appointments, backend.reservationService, summaries,
                new BiweeklyInvitations("rendez-vous@omnicanal.example"), links, policy, backend.clock);
        furnish(setup, backend);
    }

    /** What every appointment test starts with at Paris Rivoli, on either backend. */
    static void furnish(BookingSetup setup, Backend backend) {
        var week = Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY, DayOfWeek.SATURDAY)
                .map(d -> new Advisor.WorkingHours(d, LocalTime.of(10, 0), LocalTime.of(19, 0))).toList();
        setup.save(new Advisor("adv-lea", STORE, "Léa Dubois", week, List.of(), true));
        setup.save(new Advisor("adv-marc", STORE, "Marc Petit", week, List.of(), true));
        setup.save(new Resource("room", STORE, "Cabine d'essayage", 1));
        setup.save(new AppointmentType("styling", STORE, "Conseil en style", 60, 0, 15, 60, 60, List.of(), List.of(), true));
        setup.save(new AppointmentType("fitting", STORE, "Essayage", 30, 0, 0, 0, 60, List.of(), List.of("room"), true));
        backend.stock(SKU, STORE, 5);
    }

    /** A Paris wall-clock time as an instant. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    static BookingRequest request(String type, String start, String advisor, BookingRequest.ItemRequest... items) {
        return new BookingRequest(STORE, type, at(start), advisor,
                new Appointment.Contact("Camille Martin", "camille.martin@example.fr", "06 12 34 56 78"), List.of(items));
    }

    BookingAppointments.Outcome hold(Actor customer, BookingRequest request, String key) {
        var command = new HoldAppointment(customer, request);
        return book.booking().hold(command, key(customer, key, request));
    }

    Appointment book(Actor customer, BookingRequest request, String key) {
        var held = hold(customer, request, key).appointment();
        return book.booking().confirm(customer, held.id());
    }

    static IdempotencyKey key(Actor caller, String key, BookingRequest request) {
        return Callers.idempotencyKey("appointments",
                new Idempotency.Key(caller.id(), key, Idempotency.fingerprint("/appointments", Json.write(request))));
    }

    /** Every message in the outbox, as the dispatcher reads it. */
    List<OutboxMessage> outbox() {
        var log = new DynamoDeliveryLog(backend.dynamo, backend.tables.outbox());
        var messages = new ArrayList<OutboxMessage>();
        for (var item : backend.dynamo.scan(r -> r.tableName(backend.tables.outbox())).items()) {
            if (item.containsKey("kind")) messages.add(log.find(item.get("id").s()).orElseThrow().message());
        }
        return messages;
    }

    List<String> kinds() {
        return outbox().stream().map(OutboxMessage::kind).sorted().toList();
    }
}
