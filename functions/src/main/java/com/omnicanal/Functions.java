package com.omnicanal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.omnicanal.appointment.SweepingAppointments;
import com.omnicanal.catalog.api.FeedUploads;
import com.omnicanal.feedback.SendingInvitations;
import com.omnicanal.infrastructure.logging.Correlation;
import com.omnicanal.loyalty.SweepingPoints;
import com.omnicanal.messaging.api.MailFeedbackFunction;
import com.omnicanal.messaging.api.MessageRedrive;
import com.omnicanal.order.SweepingOrders;
import com.omnicanal.reservation.api.ReservationSweeper;
import com.omnicanal.returns.ExpiringReturns;
import com.omnicanal.signin.api.PreTokenGeneration;
import com.omnicanal.shared.BusinessMetrics.Figure;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every function of the deployable, in one list: its name (template.yaml's SPRING_CLOUD_FUNCTION_DEFINITION), the
 * event it takes and what it answers, how {@link Wiring} builds it, the jar it ships in, whether the cold-start warm-up
 * builds it, and its sample event in events/. {@link OmnicanalApplication} registers these, {@link Warmup} and
 * {@link Priming} warm them, the local stack runs them and the consistency tests hold template.yaml to this list.
 * Plain values and method references: no reflection, no classpath scanning at cold start.
 */
public enum Functions {
    CATALOG_API("catalogApi", Wiring::catalogApi, Jar.API, "get-products.json") {
        // the search's copy of the catalogue's words is read beside Spring's start (and kept in SnapStart's snapshot)
        @Override
        public void warm(Wiring wiring) {
            wiring.catalog().searching().warm();
            super.warm(wiring);
        }
    },
    // a feed the PIM uploads to the feed bucket, applied by the same import as the API's
    CATALOG_FEEDS("catalogFeeds", S3Event.class, FeedUploads.Result.class, Wiring::feedUploads, Jar.API, true,
            "s3-catalog-feed.json"),
    STOCK_API("stockApi", Wiring::stockApi, Jar.API, "get-stock.json"),
    RESERVATION_API("reservationApi", Wiring::reservationApi, Jar.API, "post-reservation.json"),
    RESERVATION_SWEEPER("reservationSweeper", ScheduledEvent.class, ReservationSweeper.SweepResult.class,
            Wiring::reservationSweeper, Jar.API, true, "schedule-sweep.json"),
    ORDER_API("orderApi", Wiring::orderApi, Jar.API, "get-order.json"),
    ORDER_SWEEPER("orderSweeper", ScheduledEvent.class, SweepingOrders.Sweep.class, Wiring::orderSweeper, Jar.API, true,
            "schedule-order-sweep.json"),
    RETURN_API("returnApi", Wiring::returnApi, Jar.API, "get-return.json"),
    RETURN_SWEEPER("returnSweeper", ScheduledEvent.class, ExpiringReturns.Sweep.class, Wiring::returnSweeper, Jar.API, true,
            "schedule-return-sweep.json"),
    CUSTOMER_API("customerApi", Wiring::customerApi, Jar.API, "get-me.json"),
    // feedback signs its links with a secret from Secrets Manager: the messaging jar has the client
    FEEDBACK_API("feedbackApi", Wiring::feedbackApi, Jar.MESSAGING, "get-questionnaires.json"),
    FEEDBACK_SWEEPER("feedbackSweeper", ScheduledEvent.class, SendingInvitations.Sweep.class, wiring -> {
        var invitations = wiring.feedback().sendingInvitations();
        return (Function<ScheduledEvent, SendingInvitations.Sweep>) event -> invitations.sweep();
    }, Jar.MESSAGING, true, "schedule-sweep.json"),
    // business events written with the changes they follow, handed by the outbox stream to feedback's scheduling
    FEEDBACK_EVENTS("feedbackEvents", DynamodbEvent.class, StreamsEventResponse.class, Wiring::feedbackEvents, Jar.API, true,
            "dynamodb-business-event-stream.json"),
    // appointments sign their links with a secret from Secrets Manager and write iCalendar invitations: the messaging jar
    APPOINTMENT_API("appointmentApi", Wiring::appointmentApi, Jar.MESSAGING, "get-appointment-types.json"),
    APPOINTMENT_SWEEPER("appointmentSweeper", ScheduledEvent.class, SweepingAppointments.Sweep.class, wiring -> {
        var sweeping = wiring.appointments().sweeping();
        return (Function<ScheduledEvent, SweepingAppointments.Sweep>) event -> sweeping.sweep();
    }, Jar.MESSAGING, true, "schedule-appointment-sweep.json"),
    // loyalty: the programme, the tills' sales feed, balances, spending points; the sweep releases, warns and expires
    // batches; the outbox stream tells it of collected orders (they earn) and received returns (they take back)
    LOYALTY_API("loyaltyApi", Wiring::loyaltyApi, Jar.API, "get-loyalty-programme.json"),
    LOYALTY_SWEEPER("loyaltySweeper", ScheduledEvent.class, SweepingPoints.Sweep.class, wiring -> {
        var sweeping = wiring.loyalty().sweeping();
        return (Function<ScheduledEvent, SweepingPoints.Sweep>) event -> sweeping.sweep();
    }, Jar.API, true, "schedule-loyalty-sweep.json"),
    LOYALTY_EVENTS("loyaltyEvents", DynamodbEvent.class, StreamsEventResponse.class, Wiring::loyaltyEvents, Jar.API, true,
            "dynamodb-business-event-stream.json"),
    // KPIs: read by ops and staff; counted from the business events of the outbox stream, once each
    KPI_API("kpiApi", Wiring::kpiApi, Jar.API, "get-kpis.json"),
    KPI_EVENTS("kpiEvents", DynamodbEvent.class, StreamsEventResponse.class, Wiring::kpiEvents, Jar.API, true,
            "dynamodb-kpi-event-stream.json"),
    // the messaging functions read secrets and open Twilio and mail as they are built: their first call does that
    MESSAGING_API("messagingApi", APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class,
            wiring -> wiring.messaging().api(), Jar.MESSAGING, false, "post-twilio-status.json"),
    OUTBOX_DISPATCHER("outboxDispatcher", DynamodbEvent.class, StreamsEventResponse.class,
            wiring -> wiring.messaging().outboxDispatcher(), Jar.MESSAGING, false, "dynamodb-outbox-stream.json"),
    MESSAGE_REDRIVE("messageRedrive", ScheduledEvent.class, MessageRedrive.RedriveResult.class,
            wiring -> wiring.messaging().redrive(), Jar.MESSAGING, false, "schedule-redrive.json"),
    // SES bounces and complaints through SNS: an address that bounced for good, a complaint that withdraws consent
    MAIL_FEEDBACK("mailFeedback", SNSEvent.class, MailFeedbackFunction.Handled.class,
            wiring -> wiring.messaging().mailFeedback(), Jar.MESSAGING, false, "sns-ses-bounce.json"),
    // Cognito's pre-token-generation trigger: the role and store an administrator gave an account become token claims
    SIGN_IN_CLAIMS("signInClaims", CognitoUserPoolPreTokenGenerationEvent.class,
            CognitoUserPoolPreTokenGenerationEvent.class, wiring -> new PreTokenGeneration(), Jar.API, true,
            "cognito-pre-token-generation.json");

    /** The two shaded jars (functions/pom.xml): only the messaging one has Twilio, mail, templates and Secrets Manager. */
    public enum Jar {
        API("omnicanal-functions-lambda.jar"), MESSAGING("omnicanal-messaging-lambda.jar");

        private final String fileName;

        Jar(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    private final String definition;
    private final Class<?> input;
    private final Class<?> output;
    private final Function<Wiring, ? extends Function<?, ?>> factory;
    private final Jar jar;
    private final boolean warmedAtStart;
    private final String sampleEvent;

    /** An HTTP function: API Gateway's event in, its response out, built by the warm-up. */
    Functions(String definition, Function<Wiring, ? extends Function<?, ?>> factory, Jar jar, String sampleEvent) {
        this(definition, APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, factory, jar, true, sampleEvent);
    }

    Functions(String definition, Class<?> input, Class<?> output, Function<Wiring, ? extends Function<?, ?>> factory,
              Jar jar, boolean warmedAtStart, String sampleEvent) {
        this.definition = definition;
        this.input = input;
        this.output = output;
        this.factory = factory;
        this.jar = jar;
        this.warmedAtStart = warmedAtStart;
        this.sampleEvent = sampleEvent;
    }

    /** The function of this name, if the deployable has one. */
    public static Optional<Functions> named(String definition) {
        for (var function : values()) {
            if (function.definition.equals(definition)) return Optional.of(function);
        }
        return Optional.empty();
    }

    /** The name template.yaml gives as SPRING_CLOUD_FUNCTION_DEFINITION. */
    public String definition() {
        return definition;
    }

    public Class<?> input() {
        return input;
    }

    public Class<?> output() {
        return output;
    }

    /** Behind API Gateway: routes of template.yaml and openapi.yaml. */
    public boolean isHttp() {
        return input == APIGatewayV2HTTPEvent.class;
    }

    /** Fed by an SNS topic. */
    public boolean isNotification() {
        return input == SNSEvent.class;
    }

    /** Woken by an object uploaded to a bucket (S3). */
    public boolean isUpload() {
        return input == S3Event.class;
    }

    /** Called by the Cognito user pool as people sign in (a trigger of WebUserPool). */
    public boolean isSignInTrigger() {
        return input == CognitoUserPoolPreTokenGenerationEvent.class;
    }

    /** Run by a schedule (EventBridge). */
    public boolean isScheduled() {
        return input == ScheduledEvent.class;
    }

    public Jar jar() {
        return jar;
    }

    /** Whether the cold-start warm-up builds the function itself, or only the DynamoDB client and the event reader. */
    public boolean warmedAtStart() {
        return warmedAtStart;
    }

    /** The file in events/ that tests (and {@code sam local invoke}) feed it. */
    public String sampleEvent() {
        return sampleEvent;
    }

    /** What the cold-start warm-up does for this function beside Spring's start: builds it, if {@link #warmedAtStart()}. */
    public void warm(Wiring wiring) {
        if (warmedAtStart) build(wiring);
    }

    /** The function as the given wiring builds it (each capability is built once per wiring, on first use). */
    public Function<?, ?> build(Wiring wiring) {
        return factory.apply(wiring);
    }

    /** The capability an HTTP function serves, as ops' alarms and dashboard name it: orderApi serves order. */
    public String capability() {
        return definition.endsWith("Api") ? definition.substring(0, definition.length() - 3) : definition;
    }

    /**
     * Handles one event with this container's wiring. An API request is measured (5xx or not, and how long it took,
     * per capability); a scheduled run gets a correlation id, so the messages it writes can be followed to the
     * dispatcher's log lines like a request's.
     */
    @SuppressWarnings("unchecked")
    public Object apply(Object event) {
        var wiring = Wiring.shared();
        var function = (Function<Object, Object>) build(wiring);
        if (isHttp()) return measured(function, event, wiring);
        if (isScheduled() && Correlation.current() == null) {
            var scheduled = (ScheduledEvent) event;
            Correlation.set(Correlation.choose(null, scheduled == null ? null : scheduled.getId()));
            try {
                return function.apply(event);
            } finally {
                Correlation.clear();
            }
        }
        return function.apply(event);
    }

    private Object measured(Function<Object, Object> function, Object event, Wiring wiring) {
        if (event instanceof APIGatewayV2HTTPEvent request && Priming.PROBE_ROUTE.equals(request.getRouteKey())) {
            return function.apply(event);
        }
        long started = System.nanoTime();
        Object response = null;
        try {
            response = function.apply(event);
            return response;
        } finally {
            int status = response instanceof APIGatewayV2HTTPResponse r ? r.getStatusCode() : 500;
            wiring.metrics().recordAll(Map.of(Figure.API_SERVER_ERRORS, status >= 500 ? 1L : 0L,
                    Figure.API_LATENCY, (System.nanoTime() - started) / 1_000_000), capability(),
                    Map.of("status", Integer.toString(status)));
        }
    }
}
