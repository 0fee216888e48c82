package com.omnicanal;

import com.omnicanal.catalog.CatalogService;
import com.omnicanal.customer.CustomerService;
import com.omnicanal.customer.api.CustomerApi;
import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.customer.dynamo.DynamoCustomers;
import com.omnicanal.catalog.api.CatalogApi;
import com.omnicanal.catalog.seed.SeedCatalog;
import com.omnicanal.feedback.FeedbackService;
import com.omnicanal.feedback.InvitationTokens;
import com.omnicanal.feedback.api.FeedbackApi;
import com.omnicanal.feedback.dynamo.DynamoFeedbackStore;
import com.omnicanal.feedback.jwt.JwtInvitationTokens;
import com.omnicanal.feedback.jwt.LazyInvitationTokens;
import com.omnicanal.infrastructure.config.Secrets;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.dynamo.DynamoClients;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderService;
import com.omnicanal.order.api.OrderApi;
import com.omnicanal.order.api.OrderSweeper;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.reservation.HoldPolicy;
import com.omnicanal.returns.ReturnService;
import com.omnicanal.returns.api.ReturnApi;
import com.omnicanal.returns.dynamo.DynamoReturns;
import com.omnicanal.reservation.ReservationService;
import com.omnicanal.reservation.api.ReservationApi;
import com.omnicanal.reservation.api.ReservationSweeper;
import com.omnicanal.reservation.dynamo.DynamoReservations;
import com.omnicanal.stock.StockService;
import com.omnicanal.stock.api.StockApi;
import com.omnicanal.stock.dynamo.DynamoStockLedger;
import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The composition root: builds clients, adapters and services once per container, and the functions from them. */
public final class Wiring {
    private static volatile Wiring shared;

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Router catalogApi;
    private final Router stockApi;
    private final Router reservationApi;
    private final ReservationSweeper reservationSweeper;
    private final Messaging messaging;
    private final Router orderApi;
    private final OrderSweeper orderSweeper;
    private final RecordingPayments payments = new RecordingPayments();
    private final Router returnApi;
    private final Router customerApi;
    private final FeedbackService feedback;
    private final Router feedbackApi;

    public Wiring(Settings settings, DynamoDbClient dynamo, Clock clock) {
        this.dynamo = dynamo;
        var tables = TableNames.from(settings);
        this.tables = tables;
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        var catalog = SeedCatalog.fromClasspath();
        var ledger = new DynamoStockLedger(dynamo, enhanced, tables.stock());
        var policy = new HoldPolicy(settings.getDuration("HOLD_PERIOD", HoldPolicy.DEFAULT.holdPeriod()),
                settings.getInt("MAX_RESERVATION_QUANTITY", HoldPolicy.DEFAULT.maxQuantity()));
        this.messaging = new Messaging(settings, dynamo, tables, clock);
        var secrets = Secrets.fromSettings(settings);
        // the signing secret is fetched on first use: order, return and reservation functions only schedule invitations
        InvitationTokens tokens = new LazyInvitationTokens(() -> new JwtInvitationTokens(secrets.get("FEEDBACK_TOKEN_SECRET")));
        var fp = FeedbackService.Policy.DEFAULT;
        this.feedback = new FeedbackService(catalog, new DynamoFeedbackStore(dynamo, tables), tokens, messaging.contacts(),
                new FeedbackService.Policy(settings.getDuration("FEEDBACK_FATIGUE", fp.fatigue()),
                        settings.getDuration("FEEDBACK_LINK_VALIDITY", fp.linkValidity()),
                        settings.get("FEEDBACK_LINK_BASE", fp.linkBase()), fp.batch()), clock);
        // POSTs that openapi.yaml marks x-idempotency: response keep their first answer under the Idempotency-Key
        var answers = new com.omnicanal.infrastructure.dynamo.DynamoResponseMemory(dynamo, tables.idempotency(), clock);
        this.feedbackApi = FeedbackApi.router(feedback).remembering(answers);
        var reservations = new ReservationService(catalog, ledger,
                new DynamoReservations(dynamo, enhanced, tables), policy, clock, feedback);
        this.catalogApi = CatalogApi.router(new CatalogService(catalog, ledger));
        this.stockApi = StockApi.router(new StockService(catalog, ledger));
        this.reservationApi = ReservationApi.router(reservations);
        this.reservationSweeper = new ReservationSweeper(reservations);
        var d = OrderPolicy.DEFAULT;
        var orderPolicy = new OrderPolicy(settings.getDuration("ORDER_READY_TARGET", d.readyTarget()),
                settings.getDuration("ORDER_HOLDING_PERIOD", d.holdingPeriod()),
                settings.getDuration("ORDER_FIRST_REMINDER_AFTER", d.firstReminderAfter()),
                settings.getDuration("ORDER_LAST_REMINDER_BEFORE", d.lastReminderBefore()),
                settings.getDuration("ORDER_TRANSFER_FROM_WEB", d.transferFromWeb()),
                settings.getDuration("ORDER_TRANSFER_FROM_STORE", d.transferFromStore()),
                settings.getInt("ORDER_MAX_WRONG_CODES", d.maxWrongCodes()), d.maxLines(), d.maxQuantityPerLine());
        var orderStore = new DynamoOrders(dynamo, tables);
        var customerService = new CustomerService(catalog, new DynamoCustomers(dynamo, tables.customers(), tables.outbox()),
                new DynamoCustomerHistory(dynamo, tables), clock);
        var orders = new OrderService(catalog, ledger, orderStore, payments, orderPolicy, clock,
                customerService::rememberOrderContact, feedback);
        this.customerApi = CustomerApi.router(customerService).remembering(answers);
        this.returnApi = ReturnApi.router(new ReturnService(catalog, orderStore, new DynamoReservations(dynamo, enhanced, tables),
                new DynamoReturns(dynamo, tables), settings.getDuration("RETURN_WINDOW", java.time.Duration.ofDays(30)), clock,
                feedback));
        this.orderApi = OrderApi.router(orders);
        this.orderSweeper = new OrderSweeper(orders);
    }

    /** One per container: the DynamoDB client and everything above it are reused across invocations. */
    public static Wiring shared() {
        if (shared == null) {
            synchronized (Wiring.class) {
                if (shared == null) {
                    // JSON lines with the correlation id, personal data masked (CloudWatch reads the fields)
                    com.omnicanal.infrastructure.logging.StructuredLog.install();
                    var settings = Settings.fromEnvironment();
                    shared = new Wiring(settings, DynamoClients.fromSettings(settings), Clock.systemUTC());
                }
            }
        }
        return shared;
    }

    /** Lets the local stack and tests supply their own (DynamoDB Local, a fixed clock). */
    public static synchronized void install(Wiring wiring) {
        shared = wiring;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public TableNames tables() {
        return tables;
    }

    public Router catalogApi() {
        return catalogApi;
    }

    public Router stockApi() {
        return stockApi;
    }

    public Router reservationApi() {
        return reservationApi;
    }

    public ReservationSweeper reservationSweeper() {
        return reservationSweeper;
    }

    public Router orderApi() {
        return orderApi;
    }

    public Router customerApi() {
        return customerApi;
    }

    public Router returnApi() {
        return returnApi;
    }

    public FeedbackService feedback() {
        return feedback;
    }

    public Router feedbackApi() {
        return feedbackApi;
    }

    public OrderSweeper orderSweeper() {
        return orderSweeper;
    }

    public RecordingPayments payments() {
        return payments;
    }

    public Messaging messaging() {
        return messaging;
    }
}
