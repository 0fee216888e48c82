package com.omnicanal;

import com.omnicanal.appointment.AppointmentBook;
import com.omnicanal.appointment.AppointmentPolicy;
import com.omnicanal.appointment.CustomerSummaries;
import com.omnicanal.appointment.ManageLinks;
import com.omnicanal.appointment.api.AppointmentApi;
import com.omnicanal.appointment.dynamo.DynamoAppointments;
import com.omnicanal.appointment.dynamo.DynamoBookingSetup;
import com.omnicanal.appointment.ics.BiweeklyInvitations;
import com.omnicanal.appointment.jwt.JwtManageLinks;
import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.CatalogJourneys;
import com.omnicanal.catalog.CatalogPolicy;
import com.omnicanal.catalog.api.FeedUploads;
import com.omnicanal.catalog.dynamo.DynamoCatalog;
import com.omnicanal.catalog.dynamo.DynamoCatalogFeeds;
import com.omnicanal.catalog.s3.FeedBucket;
import com.omnicanal.customer.CustomerJourneys;
import com.omnicanal.customer.api.CustomerApi;
import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.customer.dynamo.DynamoCustomers;
import com.omnicanal.catalog.api.CatalogApi;
import com.omnicanal.feedback.FeedbackJourneys;
import com.omnicanal.feedback.FeedbackPolicy;
import com.omnicanal.feedback.InvitationTokens;
import com.omnicanal.feedback.SendingInvitations;
import com.omnicanal.feedback.api.FeedbackApi;
import com.omnicanal.feedback.dynamo.DynamoFeedbackStore;
import com.omnicanal.feedback.jwt.JwtInvitationTokens;
import com.omnicanal.feedback.jwt.LazyInvitationTokens;
import com.omnicanal.infrastructure.config.Secrets;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.dynamo.DynamoClients;
import com.omnicanal.infrastructure.dynamo.DynamoResponseMemory;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.loyalty.LoyaltyProgramme;
import com.omnicanal.loyalty.api.LoyaltyApi;
import com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger;
import com.omnicanal.messaging.SentMessages;
import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.routing.CatalogShippingPlaces;
import com.omnicanal.routing.GeoPoint;
import com.omnicanal.routing.HomeDelivery;
import com.omnicanal.routing.api.DeliveryApi;
import com.omnicanal.routing.dynamo.DynamoDeliveries;
import com.omnicanal.routing.dynamo.DynamoRoutingRulesBook;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.api.OrderApi;
import com.omnicanal.order.api.OrderSweeper;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.dynamo.DynamoTransfers;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.outbox.api.BusinessEventStream;
import com.omnicanal.kpi.CountingKpis;
import com.omnicanal.kpi.KpiLedger;
import com.omnicanal.kpi.KpiTallies;
import com.omnicanal.kpi.ReadingKpis;
import com.omnicanal.kpi.ReadingSalesReports;
import com.omnicanal.kpi.api.KpiApi;
import com.omnicanal.kpi.dynamo.DynamoKpiLedger;
import com.omnicanal.reservation.HoldPolicy;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.reward.RewardsOfAPerson;
import com.omnicanal.reward.dynamo.DynamoRewardHolders;
import com.omnicanal.returns.CrossChannelReturns;
import com.omnicanal.returns.ReturnPolicy;
import com.omnicanal.returns.api.ReturnSweeper;
import com.omnicanal.returns.api.ReturnApi;
import com.omnicanal.returns.dynamo.DynamoReturns;
import com.omnicanal.reservation.ReservationService;
import com.omnicanal.reservation.api.ReservationApi;
import com.omnicanal.reservation.api.ReservationSweeper;
import com.omnicanal.reservation.dynamo.DynamoReservations;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.emf.EmbeddedBusinessMetrics;
import com.omnicanal.infrastructure.metrics.EmbeddedMetrics;
import com.omnicanal.infrastructure.tracing.Tracing;
import com.omnicanal.stock.CatalogFigures;
import com.omnicanal.stock.StockService;
import com.omnicanal.stock.api.StockApi;
import com.omnicanal.stock.dynamo.DynamoStockLedger;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: builds clients, adapters and services once per container, and the functions from them. Each
 * capability is built on first use (each Lambda runs one function: the reserve function builds the catalog, the stock
 * ledger and reservations, not orders, returns, customers, feedback or messaging); collaborators another capability
 * needs only now and then (what the dispatcher tells feedback) are handed over as lazy delegates, so they too are
 * built on the first call that needs them. Business events reach feedback through the outbox stream, not from here.
 */
public final class Wiring {
    private static volatile Wiring shared;

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final RecordingPayments payments;
    private final BusinessMetrics metrics;
    private final Supplier<DynamoCatalog> catalog;
    private final Supplier<CatalogJourneys> catalogJourneys;
    private final Supplier<FeedUploads> feedUploads;
    private final Supplier<DynamoStockLedger> ledger;
    private final Supplier<Messaging> messaging;
    private final Supplier<FeedbackJourneys> feedback;
    private final Supplier<Router> feedbackApi;
    private final Supplier<BusinessEventStream> feedbackEvents;
    private final Supplier<ReservationService> reservations;
    private final Supplier<Router> catalogApi;
    private final Supplier<Router> stockApi;
    private final Supplier<Router> reservationApi;
    private final Supplier<ReservationSweeper> reservationSweeper;
    private final Supplier<CustomerJourneys> customers;
    private final Supplier<Router> customerApi;
    private final Supplier<DynamoOrders> orderStore;
    private final Supplier<ClickAndCollect> orders;
    private final Supplier<Router> orderApi;
    private final Supplier<HomeDelivery> delivery;
    private final Supplier<OrderSweeper> orderSweeper;
    private final Supplier<CrossChannelReturns> returns;
    private final Supplier<Router> returnApi;
    private final Supplier<ReturnSweeper> returnSweeper;
    private final Supplier<DynamoResponseMemory> answers;
    private final Supplier<AppointmentBook> appointments;
    private final Supplier<Router> appointmentApi;
    private final Supplier<LoyaltyProgramme> loyalty;
    private final Supplier<Router> loyaltyApi;
    private final Supplier<BusinessEventStream> loyaltyEvents;
    private final Supplier<KpiLedger> kpiLedger;
    private final Supplier<KpiTallies> kpiTallies;
    private final Supplier<Router> kpiApi;
    private final Supplier<BusinessEventStream> kpiEvents;

    public Wiring(Settings settings, DynamoDbClient dynamo, Clock clock) {
        this(settings, dynamo, clock, new EmbeddedBusinessMetrics(EmbeddedMetrics.onTheLog(namespace(settings), clock)));
    }

    /** With the figures told to the given metrics (the local stack keeps a copy of the lines it writes). */
    public Wiring(Settings settings, DynamoDbClient dynamo, Clock clock, BusinessMetrics metrics) {
        // X-Ray subsegments on Lambda with active tracing; nothing elsewhere
        var tracing = Tracing.fromSettings(settings, clock);
        this.dynamo = dynamo;
        this.metrics = metrics;
        this.payments = new RecordingPayments(clock);
        var tables = TableNames.from(settings);
        this.tables = tables;
        // the retailer's zone: a sale's local start and end times on the web are read there
        this.catalog = lazy(() -> new DynamoCatalog(dynamo, tables.catalog(),
                java.time.ZoneId.of(settings.get("CATALOG_TIME_ZONE", "Europe/Paris"))));
        this.ledger = lazy(() -> new DynamoStockLedger(dynamo, tables.stock()));
        this.catalogJourneys = lazy(() -> {
            return CatalogJourneys.of(catalog.get(), new DynamoCatalogFeeds(dynamo, tables.catalog()),
                    new CatalogFigures(ledger.get()), CatalogPolicy.DEFAULT, clock);
        });
        this.feedUploads = lazy(() -> {
            var bucket = FeedBucket.fromSettings(settings);
            return new FeedUploads(catalogJourneys.get().importing(), bucket::read);
        });
        // what the dispatcher tells feedback (its invitations a channel took): other messages never build feedback
        SentMessages sent = (message, at) -> {
            if (SendingInvitations.INVITATION.equals(message.kind())) feedback().sendingInvitations().sent(message, at);
        };
        this.messaging = lazy(() -> new Messaging(settings, dynamo, tables, clock, sent, metrics, tracing));
        this.feedback = lazy(() -> {
            var secrets = Secrets.fromSettings(settings, clock, tracing);
            // the signing secret is fetched on first use: the function scheduling invitations from events never signs
            InvitationTokens tokens = new LazyInvitationTokens(() -> new JwtInvitationTokens(secrets.get("FEEDBACK_TOKEN_SECRET")));
            var fp = FeedbackPolicy.DEFAULT;
            return FeedbackJourneys.of(catalog.get(), new DynamoFeedbackStore(dynamo, tables), tokens, messaging.get().contacts(),
                    new FeedbackPolicy(settings.getDuration("FEEDBACK_FATIGUE", fp.fatigue()),
                            settings.getDuration("FEEDBACK_LINK_VALIDITY", fp.linkValidity()),
                            settings.get("FEEDBACK_LINK_BASE", fp.linkBase()), fp.batch()), clock, metrics);
        });
        // the business events reservations, orders and returns write to the outbox, as the stream hands them to feedback
        this.feedbackEvents = lazy(() -> new BusinessEventStream(feedback.get().schedulingQuestionnaires()));
        // POSTs that openapi.yaml marks x-idempotency: response keep their first answer under the Idempotency-Key
        this.answers = lazy(() -> new DynamoResponseMemory(dynamo, tables.idempotency(), clock));
        this.feedbackApi = lazy(() -> FeedbackApi.router(feedback.get(), answers.get()));
        this.reservations = lazy(() -> new ReservationService(catalog.get(), ledger.get(),
                new DynamoReservations(dynamo, tables),
                new HoldPolicy(settings.getDuration("HOLD_PERIOD", HoldPolicy.DEFAULT.holdPeriod()),
                        settings.getInt("MAX_RESERVATION_QUANTITY", HoldPolicy.DEFAULT.maxQuantity())), clock, metrics));
        this.catalogApi = lazy(() -> CatalogApi.router(catalogJourneys.get(), answers.get()));
        this.stockApi = lazy(() -> StockApi.router(new StockService(catalog.get(), ledger.get(), clock)));
        this.reservationApi = lazy(() -> ReservationApi.router(reservations.get()));
        this.reservationSweeper = lazy(() -> new ReservationSweeper(reservations.get()));
        this.customers = lazy(() -> CustomerJourneys.of(catalog.get(),
                new DynamoCustomers(dynamo, tables.customers(), tables.outbox()),
                // a merge moves the loyalty ledger too; an erasure keeps it anonymised; an export lists it
                new PersonsRecords(new DynamoCustomerHistory(dynamo, tables), () -> loyalty().members(),
                        // the unused reward codes follow a merge; an erasure withdraws them
                        new RewardsOfAPerson(new DynamoRewardHolders(dynamo, tables))),
                // the staff lookup shows the balance and tier
                id -> {
                    var account = loyalty().reading().view(id);
                    return java.util.Optional.of(java.util.Map.<String, Object>of("available", account.available(),
                            "pending", account.pending(), "tier", account.tier()));
                }, clock));
        this.customerApi = lazy(() -> CustomerApi.router(customers.get(), answers.get()));
        this.orderStore = lazy(() -> new DynamoOrders(dynamo, tables));
        this.orders = lazy(() -> {
            var d = OrderPolicy.DEFAULT;
            var orderPolicy = new OrderPolicy(settings.getDuration("ORDER_READY_TARGET", d.readyTarget()),
                    settings.getDuration("ORDER_HOLDING_PERIOD", d.holdingPeriod()),
                    settings.getDuration("ORDER_FIRST_REMINDER_AFTER", d.firstReminderAfter()),
                    settings.getDuration("ORDER_LAST_REMINDER_BEFORE", d.lastReminderBefore()),
                    settings.getDuration("ORDER_TRANSFER_FROM_WEB", d.transferFromWeb()),
                    settings.getDuration("ORDER_TRANSFER_FROM_STORE", d.transferFromStore()),
                    settings.getInt("ORDER_MAX_WRONG_CODES", d.maxWrongCodes()));
            // transfers routed by the routing engine, moved with their order
            return ClickAndCollect.of(catalog.get(), ledger.get(), orderStore.get(), payments, orderPolicy, clock, metrics,
                    delivery().transfers(), new DynamoTransfers(dynamo, tables));
        });
        this.delivery = lazy(() -> HomeDelivery.of(catalog.get(), ledger.get(),
                new CatalogShippingPlaces(catalog.get(), new GeoPoint(
                        Double.parseDouble(settings.get("WAREHOUSE_LATITUDE", "47.3220")),
                        Double.parseDouble(settings.get("WAREHOUSE_LONGITUDE", "5.0415")))),
                new DynamoDeliveries(dynamo, tables), new DynamoRoutingRulesBook(dynamo, tables), clock));
        this.orderApi = lazy(() -> OrderApi.router(orders.get(), DeliveryApi.routes(delivery.get())));
        this.orderSweeper = lazy(() -> new OrderSweeper(orders.get().sweeping()));
        // an exchange's replacement is held and confirmed by the reservation service, with the deployed HOLD_PERIOD
        this.returns = lazy(() -> {
            var d = ReturnPolicy.DEFAULT;
            // a receipt a store's till reported (loyalty's sales feed), or a delivered parcel, can be returned in any store
            return CrossChannelReturns.of(catalog.get(), orderStore.get(), reservations.get(),
                    new DynamoLoyaltyLedger(dynamo, tables), new DynamoDeliveries(dynamo, tables),
                    new DynamoReturns(dynamo, tables),
                    new ReturnPolicy(settings.getDuration("RETURN_WINDOW", d.window()),
                            settings.getDuration("RETURN_VALIDITY", d.validity())), clock);
        });
        this.returnApi = lazy(() -> ReturnApi.router(returns.get()));
        this.returnSweeper = lazy(() -> new ReturnSweeper(returns.get().expiring()));
        this.appointments = lazy(() -> {
            var d = AppointmentPolicy.DEFAULT;
            var policy = new AppointmentPolicy(settings.getDuration("APPOINTMENT_HOLD_PERIOD", d.holdPeriod()),
                    settings.getDuration("APPOINTMENT_CHANGE_CUTOFF", d.changeCutoff()),
                    settings.getDuration("APPOINTMENT_ITEMS_GRACE", d.itemsGrace()), d.reminders(), d.maxSearchDays(),
                    settings.get("APPOINTMENT_LINK_BASE", d.linkBase()), settings.get("MAIL_FROM", d.organizer()));
            // the signing secret is fetched on the first link to sign or read: a slot search never needs it
            var secrets = Secrets.fromSettings(settings, clock);
            Supplier<JwtManageLinks> signer = lazy(() -> new JwtManageLinks(secrets.get("APPOINTMENT_LINK_SECRET")));
            var links = new ManageLinks() {
                @Override
                public String issue(String appointmentId, java.time.Instant expiresAt) {
                    return signer.get().issue(appointmentId, expiresAt);
                }

                @Override
                public java.util.Optional<Link> read(String token) {
                    return signer.get().read(token);
                }
            };
            var profiles = new DynamoCustomers(dynamo, tables.customers(), tables.outbox());
            // the agenda's view of a customer, from the customer capability's profile
            CustomerSummaries summaries = id -> profiles.profile(id).map(p -> new CustomerSummaries.Summary(
                    String.join(" ", java.util.stream.Stream.of(p.firstName(), p.lastName()).filter(java.util.Objects::nonNull).toList()),
                    p.language(), p.homeStoreId(), p.email(), p.phone()));
            return AppointmentBook.of(catalog.get(), new DynamoBookingSetup(dynamo, tables), new DynamoAppointments(dynamo, tables),
                    reservations.get(), summaries, new BiweeklyInvitations(policy.organizer()), links, policy, clock);
        });
        this.appointmentApi = lazy(() -> AppointmentApi.router(appointments.get()));
        this.loyalty = lazy(() -> {
            var ledger = new DynamoLoyaltyLedger(dynamo, tables);
            var members = new CustomerMembers(new DynamoCustomers(dynamo, tables.customers(), tables.outbox()));
            // a delivery order's parcels earn when they leave, read through routing's port
            return LoyaltyProgramme.of(catalog.get(), ledger, ledger, orderStore.get(), new DynamoDeliveries(dynamo, tables),
                    () -> RewardCode.newCode(RewardCode.POINTS), members,
                    settings.getDuration("RETURN_WINDOW", ReturnPolicy.DEFAULT.window()), clock);
        });
        this.loyaltyApi = lazy(() -> LoyaltyApi.router(loyalty.get(), answers.get()));
        // collected orders and received returns, as the outbox stream hands them to loyalty
        this.loyaltyEvents = lazy(() -> new BusinessEventStream(loyalty.get().purchases()));
        // KPIs counted from the business events in the outbox stream, read by ops and staff; days in the stores' zone
        this.kpiLedger = lazy(() -> new DynamoKpiLedger(dynamo, tables.kpis(), clock));
        this.kpiTallies = lazy(() -> new KpiTallies(java.time.ZoneId.of(settings.get("KPI_TIME_ZONE", "Europe/Paris"))));
        this.kpiApi = lazy(() -> {
            Supplier<java.util.List<String>> stores = () -> catalog.get().stores().stream().map(com.omnicanal.catalog.Store::id).toList();
            return KpiApi.router(new ReadingKpis(stores, kpiLedger.get()),
                    new ReadingSalesReports(stores, kpiLedger.get(), kpiTallies.get(), clock));
        });
        // and from the changes of messages' records in the same stream: sent, delivered, failed, fallbacks, segments
        this.kpiEvents = lazy(() -> {
            var counting = new CountingKpis(kpiTallies.get(), kpiLedger.get());
            return new BusinessEventStream(counting, new com.omnicanal.messaging.api.MessageRecordChanges(counting));
        });
    }

    /** One per container: the DynamoDB client and everything above it are reused across invocations. */
    public static Wiring shared() {
        if (shared == null) {
            synchronized (Wiring.class) {
                if (shared == null) {
                    // JSON lines with the correlation id, personal data masked (CloudWatch reads the fields)
                    com.omnicanal.infrastructure.logging.StructuredLog.install();
                    var settings = Settings.fromEnvironment();
                    shared = new Wiring(settings, DynamoClients.fromSettings(settings,
                            Tracing.fromSettings(settings, Clock.systemUTC())), Clock.systemUTC());
                }
            }
        }
        return shared;
    }

    /** Lets the local stack and tests supply their own (DynamoDB Local, a fixed clock). */
    public static synchronized void install(Wiring wiring) {
        shared = wiring;
    }

    /** CloudWatch's namespace of the figures: template.yaml gives one per stack, so two stacks never mix theirs. */
    public static String namespace(Settings settings) {
        return settings.get("METRICS_NAMESPACE", "Omnicanal");
    }

    public BusinessMetrics metrics() {
        return metrics;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public TableNames tables() {
        return tables;
    }

    public Router catalogApi() {
        return catalogApi.get();
    }

    public CatalogJourneys catalog() {
        return catalogJourneys.get();
    }

    public FeedUploads feedUploads() {
        return feedUploads.get();
    }

    public Router stockApi() {
        return stockApi.get();
    }

    public Router reservationApi() {
        return reservationApi.get();
    }

    public ReservationSweeper reservationSweeper() {
        return reservationSweeper.get();
    }

    public HomeDelivery delivery() {
        return delivery.get();
    }

    public Router orderApi() {
        return orderApi.get();
    }

    public Router customerApi() {
        return customerApi.get();
    }

    public Router returnApi() {
        return returnApi.get();
    }

    public ReturnSweeper returnSweeper() {
        return returnSweeper.get();
    }

    public FeedbackJourneys feedback() {
        return feedback.get();
    }

    public Router feedbackApi() {
        return feedbackApi.get();
    }

    public BusinessEventStream feedbackEvents() {
        return feedbackEvents.get();
    }

    public Router appointmentApi() {
        return appointmentApi.get();
    }

    public Router kpiApi() {
        return kpiApi.get();
    }

    public BusinessEventStream kpiEvents() {
        return kpiEvents.get();
    }

    public AppointmentBook appointments() {
        return appointments.get();
    }

    public LoyaltyProgramme loyalty() {
        return loyalty.get();
    }

    public Router loyaltyApi() {
        return loyaltyApi.get();
    }

    public BusinessEventStream loyaltyEvents() {
        return loyaltyEvents.get();
    }

    public OrderSweeper orderSweeper() {
        return orderSweeper.get();
    }

    public RecordingPayments payments() {
        return payments;
    }

    public Messaging messaging() {
        return messaging.get();
    }

    public CustomerJourneys customers() {
        return customers.get();
    }

    public ClickAndCollect orders() {
        return orders.get();
    }

    /** Built once, on the first get(), by whichever thread gets there first; later calls read a volatile field. */
    static <T> Supplier<T> lazy(Supplier<T> build) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                var v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = build.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
