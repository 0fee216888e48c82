package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.appointment.Advisor;
import com.omnicanal.appointment.Appointment;
import com.omnicanal.appointment.AppointmentBook;
import com.omnicanal.appointment.AppointmentPolicy;
import com.omnicanal.appointment.AppointmentType;
import com.omnicanal.appointment.BookingAppointments;
import com.omnicanal.appointment.CustomerSummaries;
import com.omnicanal.appointment.dynamo.DynamoAppointments;
import com.omnicanal.appointment.dynamo.DynamoBookingSetup;
import com.omnicanal.appointment.ics.BiweeklyInvitations;
import com.omnicanal.appointment.jwt.JwtManageLinks;
import com.omnicanal.customer.CustomerJourneys;
import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.customer.dynamo.DynamoCustomers;
import com.omnicanal.feedback.FeedbackJourneys;
import com.omnicanal.feedback.FeedbackPolicy;
import com.omnicanal.feedback.Questionnaire;
import com.omnicanal.feedback.Response;
import com.omnicanal.feedback.SendingInvitations;
import com.omnicanal.feedback.dynamo.DynamoFeedbackStore;
import com.omnicanal.feedback.jwt.JwtInvitationTokens;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.returns.CrossChannelReturns;
import com.omnicanal.returns.ReceivingReturns;
import com.omnicanal.returns.RequestingReturns;
import com.omnicanal.returns.ReturnPolicy;
import com.omnicanal.returns.ReturnRequest;
import com.omnicanal.returns.dynamo.DynamoReturns;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.TestBackend;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every message kind, in every language and on every channel, rendered from what its producer really writes in the
 * outbox: real services over DynamoDB Local, at the store with the longest name and address, with the longest product
 * name; no variable left blank, and every SMS inside the segment budget without being shortened.
 */
class CustomerMessagesTest {
    private static final List<String> LANGUAGES = List.of("fr", "en");
    private static final String STORE = "bordeaux-sainte-catherine";
    /** Staff and ops may explain a rejection in up to 500 characters. */
    private static final String LONGEST_NOTE = ("Le livre est abîmé : couverture pliée et pages tachées. ").repeat(9)
            .substring(0, 500).strip();
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    private final Templates templates = new MustacheTemplates();
    private final Actor camille = Actor.customer("cust-camille");
    private final Actor emma = Actor.customer("cust-emma");
    private final Actor staff = Actor.staff("staff-ines", STORE);
    private final Actor warehouse = Actor.staff("staff-web", StockLevel.WEB);
    private final Actor ops = Actor.ops("ops-nadia");
    private TestBackend backend;
    private ClickAndCollect orders;
    private CrossChannelReturns returns;
    private FeedbackJourneys feedback;
    private CustomerJourneys customers;
    private DynamoContactBook contacts;

    @BeforeEach
    void fresh() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        var orderStore = new DynamoOrders(dynamo.client(), backend.tables);
        orders = ClickAndCollect.of(backend.catalog, backend.ledger, orderStore, new RecordingPayments(backend.clock),
                OrderPolicy.DEFAULT, backend.clock, com.omnicanal.shared.BusinessMetrics.NONE, null,
                new com.omnicanal.order.dynamo.DynamoTransfers(dynamo.client(), backend.tables));
        returns = CrossChannelReturns.of(backend.catalog, orderStore, backend.reservationService,
                new DynamoReturns(dynamo.client(), backend.tables), ReturnPolicy.DEFAULT, backend.clock);
        contacts = new DynamoContactBook(dynamo.client(), backend.tables.customers());
        feedback = FeedbackJourneys.of(backend.catalog, new DynamoFeedbackStore(dynamo.client(), backend.tables),
                new JwtInvitationTokens("feedback-test-secret-0123456789abcdef-xyz"), contacts,
                FeedbackPolicy.DEFAULT, backend.clock);
        customers = CustomerJourneys.of(backend.catalog,
                new DynamoCustomers(dynamo.client(), backend.tables.customers(), backend.tables.outbox()),
                new DynamoCustomerHistory(dynamo.client(), backend.tables), backend.clock);
        for (var sku : List.of("LIV-RAN-ALP", "TSH-COT-BLU-M", "TSH-COT-BLU-L")) backend.stock(sku, STORE, 20);
        // every other store has the T-shirt, so a rejected order lists them all as alternatives
        for (var store : backend.catalog.stores()) {
            if (!store.id().equals(STORE)) backend.stock("TSH-COT-BLU-M", store.id(), 5);
        }
    }

    @Test
    void everyKindRendersInEveryLanguageAndChannelFromItsProducersDataWithNoBlankAndNoShortening() throws Exception {
        var messages = journeys();
        assertThat(messages.stream().map(OutboxMessage::kind).map(String::toLowerCase).collect(Collectors.toSet()))
                .as("every kind that has templates is produced by a journey").containsAll(templateKinds());

        var failures = new ArrayList<String>();
        for (var message : messages) {
            for (var language : LANGUAGES) {
                for (var channel : ChannelKind.values()) {
                    var where = message.kind() + "/" + language + "/" + channel + " " + message.templateData();
                    Rendered rendered;
                    try {
                        rendered = templates.render(message.kind(), language, channel, message.templateData());
                    } catch (RuntimeException e) {
                        failures.add(where + ": " + e.getMessage());
                        continue;
                    }
                    blanks(rendered.text(), where, failures);
                    if (channel == ChannelKind.EMAIL) {
                        blanks(rendered.subject(), where + " subject", failures);
                        blanks(rendered.html(), where + " html", failures);
                    }
                    if (channel == ChannelKind.SMS) {
                        var sms = SmsText.gsmFriendly(rendered.text());
                        var segments = SmsText.segments(sms);
                        if (segments.encoding() != SmsText.Encoding.GSM7) failures.add(where + ": not GSM-7: " + sms);
                        if (segments.count() > Dispatcher.Policy.DEFAULT.smsMaxSegments()) {
                            failures.add(where + ": " + segments.count() + " segments, would be shortened: " + sms);
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** A variable rendered empty leaves a double space, a space before a full stop or an empty pair of brackets. */
    private static void blanks(String text, String where, List<String> failures) {
        if (text == null || text.isBlank()) {
            failures.add(where + ": nothing rendered");
            return;
        }
        for (var pattern : List.of("  ", " \n", " .", " ,", "()", "( ", " )", "<strong></strong>", "null")) {
            if (text.contains(pattern)) failures.add(where + ": '" + pattern + "' in: " + text);
        }
    }

    /** The message kinds that have templates: a folder per kind, besides the shared layout. */
    private static Set<String> templateKinds() throws IOException, URISyntaxException {
        var root = Path.of(MustacheTemplates.class.getClassLoader().getResource("templates").toURI());
        try (var folders = Files.list(root)) {
            return folders.map(p -> p.getFileName().toString()).filter(n -> !n.equals("layout"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Reservations, orders, returns, feedback and identity checks as customers and staff go through them. */
    private List<OutboxMessage> journeys() {
        var clock = backend.clock;
        // a reservation, confirmed then expired
        backend.reserve(camille, new ReservationRequest("LIV-RAN-ALP", STORE, 2), "res-1");
        clock.advance(Duration.ofHours(49));
        backend.reservationService.releaseExpired(10);

        // orders: one ready, reminded twice and expired; one cancelled by the customer, one by the store; two rejected
        var expiring = readyOrder("o-expiring", "TSH-COT-BLU-M", 1);
        clock.advance(Duration.ofHours(25));
        orders.sweeping().sweep();
        clock.advance(Duration.ofDays(5));
        orders.sweeping().sweep();
        clock.advance(Duration.ofDays(2));
        orders.sweeping().sweep();
        assertThat(orders.following().get(camille, expiring.id()).status().name()).isEqualTo("EXPIRED");
        orders.cancelling().cancelByCustomer(camille, place("o-cancelled", "TSH-COT-BLU-M", 1).id());
        var byStore = place("o-store-cancelled", "TSH-COT-BLU-M", 1);
        orders.cancelling().cancelByStore(staff, STORE, byStore.id());
        orders.preparing().reject(staff, STORE, place("o-rejected", "TSH-COT-BLU-M", 1).id(), null);
        orders.preparing().reject(staff, STORE, place("o-rejected-2", "LIV-RAN-ALP", 1).id(), LONGEST_NOTE);

        // returns of a collected order: one in store with an exchange, received and refunded; one by post; one rejected
        var bought = readyOrder("o-collected", "TSH-COT-BLU-M", 3);
        orders.collecting().collect(staff, STORE, bought.id(), bought.pickupCode());
        var exchange = requestReturn(new ReturnRequest(bought.id(), null,
                List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1)), "too small", "store", STORE,
                new ReturnRequest.Exchange("TSH-COT-BLU-L", STORE, 1)), "ret-1").authorization();
        returns.receiving().receive(staff, STORE, exchange.id(),
                List.of(new ReceivingReturns.Counted("TSH-COT-BLU-M", 1, "resellable")));
        returns.decisions().refund(ops, exchange.id(), "RF-0001");
        var byPost = requestReturn(new ReturnRequest(bought.id(), null,
                List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1)), "colour", "post", null, null), "ret-2")
                .authorization();
        returns.receiving().receive(warehouse, StockLevel.WEB, byPost.id(),
                List.of(new ReceivingReturns.Counted("TSH-COT-BLU-M", 1, "damaged")));
        var rejected = requestReturn(new ReturnRequest(bought.id(), null,
                List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1)), "changed my mind", "store", null, null), "ret-3")
                .authorization();
        returns.decisions().reject(ops, rejected.id(), LONGEST_NOTE);
        // the rejection gave its unit back: a return of it that never arrives expires
        requestReturn(new ReturnRequest(bought.id(), null,
                List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1)), "never sent", "post", null, null), "ret-4");
        clock.advance(ReturnPolicy.DEFAULT.validity().plusHours(1));
        returns.expiring().sweep();

        // feedback: an invitation with a reward, answered for a code; one without a reward
        feedback.managingQuestionnaires().create(ops, questionnaire(Questionnaire.Trigger.ORDER_COLLECTED, new Questionnaire.Reward(10, 30)));
        feedback.managingQuestionnaires().create(ops, questionnaire(Questionnaire.Trigger.RETURN_RECEIVED, null));
        consentingToFeedback("cust-camille");
        consentingToFeedback("cust-emma");
        var scheduling = feedback.schedulingQuestionnaires();
        scheduling.happened(new BusinessEvent.OrderCollected(bought.id(), "cust-camille", STORE, Set.of("TSH-COT-BLU-M"),
                clock.instant()));
        scheduling.happened(new BusinessEvent.ReturnReceived(exchange.id(), "cust-emma", STORE, Set.of("TSH-COT-BLU-M"),
                clock.instant()));
        clock.advance(Duration.ofMinutes(121));
        feedback.sendingInvitations().sweep();
        var link = invitationLink("cust-camille");
        feedback.answeringQuestionnaires().answer(link.substring(link.lastIndexOf('/') + 1),
                List.of(new Response.Answer("nps", null, 9, null, null)));

        appointments();
        loyalty();
        homeDelivery();
        transfer();

        // one-time codes to check a new phone and a new email
        customers.signingIn().profile(emma);
        customers.verifyingIdentities().add(emma, "phone", "07 45 11 22 33");
        customers.verifyingIdentities().add(emma, "email", "emma.wilson@example.com");

        var log = new DynamoDeliveryLog(dynamo.client(), backend.tables.outbox());
        return dynamo.client().scan(r -> r.tableName(backend.tables.outbox())).items().stream()
                .filter(i -> i.containsKey("kind"))
                .map(i -> log.find(i.get("id").s()).orElseThrow().message()).toList();
    }

    /** Loyalty: a big purchase's points become available and reach a tier; 30 days before they expire, a warning. */
    private void loyalty() {
        var ledger = new com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger(dynamo.client(), backend.tables);
        var loyalty = com.omnicanal.loyalty.LoyaltyProgramme.of(ledger, () -> "FIDEL-TEST", com.omnicanal.loyalty.Members.NONE,
                ReturnPolicy.DEFAULT.window(), backend.clock);
        loyalty.earning().earn(new com.omnicanal.loyalty.Purchase("cust-camille",
                new com.omnicanal.loyalty.Entry.Source("RECEIPT", "PAR-RIV-0001"), "STORE", STORE, backend.clock.instant(),
                List.of(new com.omnicanal.loyalty.Purchase.Line("VES-LIN-BEI-M", "vestes", 3, 56_700))));
        backend.clock.advance(Duration.ofDays(31));
        loyalty.sweeping().sweep();
        backend.clock.advance(Duration.ofDays(340));
        loyalty.sweeping().sweep();
    }

    /** A transfer: the store lacks the parka, the web warehouse sends it (on its way), the store receives it (arrived). */
    private void transfer() {
        backend.stock("PAR-IMP-MAR-L", STORE, 0);
        backend.stock("PAR-IMP-MAR-L", StockLevel.WEB, 3);
        var waiting = place("o-transfer", "PAR-IMP-MAR-L", 1);
        orders.choosingOptions().confirmOption(camille, waiting.id(), "transfer",
                com.omnicanal.testing.Keys.option(camille, waiting.id(), "transfer", "confirm-1"));
        var transfer = orders.transfers().ofOrder(ops, waiting.id()).get(0);
        orders.transfers().dispatch(ops, StockLevel.WEB, transfer.id(), "BL-0042");
        orders.transfers().receive(staff, STORE, transfer.id());
    }

    /**
     * Home delivery: an order confirmed (one line waiting), its parcel prepared and handed over with its tracking; the
     * same order again, cancelled.
     */
    private void homeDelivery() {
        var delivery = com.omnicanal.routing.HomeDelivery.of(backend.catalog, backend.ledger,
                new com.omnicanal.routing.CatalogShippingPlaces(backend.catalog,
                        new com.omnicanal.routing.GeoPoint(47.3220, 5.0415)),
                new com.omnicanal.routing.dynamo.DynamoDeliveries(dynamo.client(), backend.tables),
                new com.omnicanal.routing.dynamo.DynamoRoutingRulesBook(dynamo.client(), backend.tables), backend.clock);
        var request = new com.omnicanal.routing.DeliveryOrderRequest(List.of(
                new com.omnicanal.routing.DeliveryOrderRequest.LineRequest("TSH-COT-BLU-M", 1),
                new com.omnicanal.routing.DeliveryOrderRequest.LineRequest("JUM-OBS-8X", 1)),
                new com.omnicanal.routing.DeliveryOrder.Address("Camille Martin", "12 rue de la République", "69002",
                        "Lyon", "FR", null, null),
                com.omnicanal.routing.DeliveryOrder.DeliveryOption.STANDARD, false,
                new com.omnicanal.routing.DeliveryOrder.Contact("Camille Martin", "camille.martin@example.fr", null), "pa_messages_1",
                null);
        var placed = delivery.placing().place(camille, request, com.omnicanal.api.Callers.idempotencyKey("delivery-orders",
                new com.omnicanal.infrastructure.http.Idempotency.Key(camille.id(), "delivery-1", "delivery-1")));
        var shipment = placed.shipments().get(0);
        var place = shipment.locationId();
        var at = Actor.ops("ops-nadia");
        delivery.fulfilling().accept(at, place, shipment.id());
        delivery.fulfilling().pick(at, place, shipment.id());
        delivery.fulfilling().pack(at, place, shipment.id());
        delivery.fulfilling().handOver(at, place, shipment.id(), "Colissimo", "6A00000000019");
        // the same order again, cancelled by its customer before any parcel is picked
        var again = delivery.placing().place(camille, request, com.omnicanal.api.Callers.idempotencyKey("delivery-orders",
                new com.omnicanal.infrastructure.http.Idempotency.Key(camille.id(), "delivery-2", "delivery-2")));
        delivery.cancelling().cancel(camille, again.order().id(), null);
    }

    /** Appointments: one confirmed, moved, reminded 24 h and 2 h before; one the customer cancels; one the store cancels. */
    private void appointments() {
        var clock = backend.clock;
        var setup = new DynamoBookingSetup(dynamo.client(), backend.tables);
        var week = java.util.Arrays.stream(java.time.DayOfWeek.values()).map(d -> new Advisor.WorkingHours(d,
                java.time.LocalTime.of(10, 0), java.time.LocalTime.of(19, 0))).toList();
        setup.save(new Advisor("adv-ines", STORE, "Inès Moreau-Delacroix", week, List.of(), true));
        setup.save(new AppointmentType("styling", STORE, "Conseil en style et en coupe", 60, 0, 15, 60, 60, List.of(),
                List.of(), true));
        var book = AppointmentBook.of(backend.catalog, setup, new DynamoAppointments(dynamo.client(), backend.tables),
                backend.reservationService, CustomerSummaries.NONE, new BiweeklyInvitations("rendez-vous@omnicanal.example"),
                new JwtManageLinks("appointment-test-secret-0123456789abcdef"), AppointmentPolicy.DEFAULT, clock);
        var zone = java.time.ZoneId.of("Europe/Paris");
        var after = clock.instant().atZone(zone).toLocalDate().plusDays(2);
        // the store is closed on Sundays
        var day = after.getDayOfWeek() == java.time.DayOfWeek.SUNDAY ? after.plusDays(1) : after;
        var contact = new Appointment.Contact("Camille Martin", "camille.martin@example.fr", "06 12 34 56 78");
        java.util.function.BiFunction<String, String, Appointment> book1 = (time, key) -> {
            var request = new BookingAppointments.BookingRequest(STORE, "styling",
                    java.time.LocalDateTime.of(day, java.time.LocalTime.parse(time)).atZone(zone).toInstant(), null, contact,
                    List.of(new BookingAppointments.BookingRequest.ItemRequest("LIV-RAN-ALP", 1)));
            var held = book.booking().hold(new BookingAppointments.HoldAppointment(camille, request),
                    com.omnicanal.api.Callers.idempotencyKey("appointments", new com.omnicanal.infrastructure.http.Idempotency.Key(
                            camille.id(), key, key))).appointment();
            return book.booking().confirm(camille, held.id());
        };
        var moved = book.changing().reschedule(camille, book1.apply("10:00", "rdv-1").id(),
                java.time.LocalDateTime.of(day, java.time.LocalTime.of(16, 0)).atZone(zone).toInstant(), null);
        book.changing().cancel(camille, book1.apply("12:00", "rdv-2").id());
        book.hosting().cancel(staff, STORE, book1.apply("14:00", "rdv-3").id(), LONGEST_NOTE.substring(0, 200).strip());
        clock.advance(Duration.between(clock.instant(), moved.start().minus(Duration.ofHours(24))));
        book.sweeping().sweep();
        clock.advance(Duration.ofHours(22));
        book.sweeping().sweep();
    }

    private Order place(String key, String sku, int quantity) {
        var command = new PlacingOrders.PlaceOrder(camille, new OrderRequest(List.of(
                new OrderRequest.LineRequest(sku, quantity)), STORE, new Order.Contact("Camille Martin",
                "camille.martin@example.fr", "06 12 34 56 78"), "pa_3QxZ9b2eZvKYlo2C"));
        return orders.placing().place(command, Keys.order(command, key)).order();
    }

    private RequestingReturns.Outcome requestReturn(ReturnRequest request, String key) {
        var command = new RequestingReturns.RequestReturn(camille, request);
        return returns.requesting().request(command, Keys.returnOf(command, key));
    }

    private Order readyOrder(String key, String sku, int quantity) {
        var order = place(key, sku, quantity);
        orders.preparing().accept(staff, STORE, order.id());
        return orders.preparing().ready(staff, STORE, order.id());
    }

    private void consentingToFeedback(String customerId) {
        var item = new HashMap<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>();
        item.put("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(CustomerKeys.customerKey(customerId)));
        item.put("sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PROFILE"));
        item.put("language", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("fr"));
        item.put("email", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(customerId + "@example.fr"));
        dynamo.client().putItem(r -> r.tableName(backend.tables.customers()).item(item));
        contacts.decide(customerId, OutboxMessage.Purpose.FEEDBACK, ChannelKind.EMAIL, true, "web", backend.clock.instant());
        contacts.decide(customerId, OutboxMessage.Purpose.FEEDBACK, ChannelKind.SMS, true, "web", backend.clock.instant());
    }

    private String invitationLink(String customerId) {
        return dynamo.client().scan(r -> r.tableName(backend.tables.outbox())).items().stream()
                .filter(i -> i.containsKey("kind") && i.get("kind").s().equals(SendingInvitations.INVITATION))
                .filter(i -> i.get("customerId").s().equals(customerId))
                .findFirst().orElseThrow().get("templateData").m().get("link").s();
    }

    private static Questionnaire questionnaire(Questionnaire.Trigger trigger, Questionnaire.Reward reward) {
        return new Questionnaire(null, "Votre avis sur le retrait et les retours en magasin", 0, List.of(
                new Questionnaire.Question("nps", Questionnaire.Kind.NPS,
                        Map.of("fr", "Recommanderiez-vous Omnicanal ?", "en", "Would you recommend Omnicanal?"),
                        List.of(), true, null),
                new Questionnaire.Question("comment", Questionnaire.Kind.TEXT, Map.of("fr", "Un mot ?", "en", "A word?"),
                        List.of(), false, null)),
                Instant.parse("2026-01-01T00:00:00Z"), null,
                new Questionnaire.Targeting(Set.of(trigger), null, null, null, null, null, null, null, null, 1.0, 120),
                reward, null);
    }
}
