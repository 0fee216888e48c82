package com.omnicanal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.omnicanal.catalog.api.FeedUploads;
import com.omnicanal.feedback.SendingInvitations;
import com.omnicanal.messaging.api.MessageRedrive;
import com.omnicanal.reservation.api.ReservationSweeper;
import java.lang.reflect.Type;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Spring Cloud Function entry point with functional bean registration (no classpath scanning: the cheapest start).
 * Each Lambda picks its function with SPRING_CLOUD_FUNCTION_DEFINITION.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
public class OmnicanalApplication implements ApplicationContextInitializer<GenericApplicationContext> {
    public static final String CATALOG_API = "catalogApi";
    public static final String STOCK_API = "stockApi";
    public static final String RESERVATION_API = "reservationApi";
    public static final String RESERVATION_SWEEPER = "reservationSweeper";
    public static final String MESSAGING_API = "messagingApi";
    public static final String ORDER_API = "orderApi";
    public static final String RETURN_API = "returnApi";
    public static final String RETURN_SWEEPER = "returnSweeper";
    public static final String CUSTOMER_API = "customerApi";
    public static final String ORDER_SWEEPER = "orderSweeper";
    public static final String FEEDBACK_API = "feedbackApi";
    public static final String FEEDBACK_SWEEPER = "feedbackSweeper";
    public static final String OUTBOX_DISPATCHER = "outboxDispatcher";
    public static final String MESSAGE_REDRIVE = "messageRedrive";
    public static final String CATALOG_FEEDS = "catalogFeeds";

    public static void main(String[] args) {
        FunctionalSpringApplication.run(OmnicanalApplication.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        // functional registration does not pick up AWSCompanionAutoConfiguration's converter by itself
        context.registerBean("awsTypesMessageConverter", MessageConverter.class,
                () -> new AWSCompanionAutoConfiguration().awsTypesMessageConverter(context));
        // SnapStart: warms the function before the snapshot (a no-op without CRaC)
        context.registerBean("priming", Priming.class, () -> new Priming(context));
        // the warm-up may have installed the JSON log handler before Spring's logging system reset java.util.logging
        // (that happens before this initializer runs): install it again, so Lambda keeps JSON logs
        if (Warmup.started()) com.omnicanal.infrastructure.logging.StructuredLog.install(System.err);
        Type http = FunctionTypeUtils.functionType(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class);
        api(context, CATALOG_API, () -> Wiring.shared().catalogApi(), http);
        api(context, STOCK_API, () -> Wiring.shared().stockApi(), http);
        api(context, RESERVATION_API, () -> Wiring.shared().reservationApi(), http);
        api(context, MESSAGING_API, () -> Wiring.shared().messaging().api(), http);
        api(context, ORDER_API, () -> Wiring.shared().orderApi(), http);
        api(context, RETURN_API, () -> Wiring.shared().returnApi(), http);
        api(context, CUSTOMER_API, () -> Wiring.shared().customerApi(), http);
        api(context, FEEDBACK_API, () -> Wiring.shared().feedbackApi(), http);
        context.registerBean(FEEDBACK_SWEEPER, FunctionRegistration.class,
                () -> new FunctionRegistration<Function<ScheduledEvent, SendingInvitations.Sweep>>(
                        event -> Wiring.shared().feedback().sendingInvitations().sweep(), FEEDBACK_SWEEPER)
                        .type(FunctionTypeUtils.functionType(ScheduledEvent.class, SendingInvitations.Sweep.class)));
        context.registerBean(ORDER_SWEEPER, FunctionRegistration.class,
                () -> new FunctionRegistration<Function<ScheduledEvent, com.omnicanal.order.SweepingOrders.Sweep>>(
                        event -> Wiring.shared().orderSweeper().apply(event), ORDER_SWEEPER)
                        .type(FunctionTypeUtils.functionType(ScheduledEvent.class, com.omnicanal.order.SweepingOrders.Sweep.class)));
        context.registerBean(RETURN_SWEEPER, FunctionRegistration.class,
                () -> new FunctionRegistration<Function<ScheduledEvent, com.omnicanal.returns.ExpiringReturns.Sweep>>(
                        event -> Wiring.shared().returnSweeper().apply(event), RETURN_SWEEPER)
                        .type(FunctionTypeUtils.functionType(ScheduledEvent.class, com.omnicanal.returns.ExpiringReturns.Sweep.class)));
        context.registerBean(OUTBOX_DISPATCHER, FunctionRegistration.class,
                () -> new FunctionRegistration<Function<DynamodbEvent, StreamsEventResponse>>(
                        event -> Wiring.shared().messaging().outboxDispatcher().apply(event), OUTBOX_DISPATCHER)
                        .type(FunctionTypeUtils.functionType(DynamodbEvent.class, StreamsEventResponse.class)));
        context.registerBean(MESSAGE_REDRIVE, FunctionRegistration.class,
                () -> new FunctionRegistration<Function<ScheduledEvent, MessageRedrive.RedriveResult>>(
                        event -> Wiring.shared().messaging().redrive().apply(event), MESSAGE_REDRIVE)
                        .type(FunctionTypeUtils.functionType(ScheduledEvent.class, MessageRedrive.RedriveResult.class)));
        context.registerBean(CATALOG_FEEDS, FunctionRegistration.class,
                () -> new FunctionRegistration<Function<S3Event, FeedUploads.Result>>(
                        event -> Wiring.shared().feedUploads().apply(event), CATALOG_FEEDS)
                        .type(FunctionTypeUtils.functionType(S3Event.class, FeedUploads.Result.class)));
        context.registerBean(RESERVATION_SWEEPER, FunctionRegistration.class,
                () -> new FunctionRegistration<Function<ScheduledEvent, ReservationSweeper.SweepResult>>(
                        event -> Wiring.shared().reservationSweeper().apply(event), RESERVATION_SWEEPER)
                        .type(FunctionTypeUtils.functionType(ScheduledEvent.class, ReservationSweeper.SweepResult.class)));
    }

    /** Started by {@link Warmup.Listener} as Spring starts: what the function needs first, built beside Spring. */
    static void warmUp(String definition) {
        Warmup.start(definition, WARM_UP.get(definition), HTTP_FUNCTIONS.contains(definition));
    }

    /** What each function builds first; the messaging ones (Twilio, mail, secrets) only warm the client and the event reader. */
    private static final java.util.Map<String, Supplier<?>> WARM_UP = java.util.Map.ofEntries(
            // the search's copy of the catalogue's words is read now, beside Spring's start (and kept in the snapshot)
            java.util.Map.entry(CATALOG_API, () -> {
                Wiring.shared().catalog().searching().warm();
                return Wiring.shared().catalogApi();
            }),
            java.util.Map.entry(STOCK_API, () -> Wiring.shared().stockApi()),
            java.util.Map.entry(RESERVATION_API, () -> Wiring.shared().reservationApi()),
            java.util.Map.entry(ORDER_API, () -> Wiring.shared().orderApi()),
            java.util.Map.entry(RETURN_API, () -> Wiring.shared().returnApi()),
            java.util.Map.entry(CUSTOMER_API, () -> Wiring.shared().customerApi()),
            java.util.Map.entry(RESERVATION_SWEEPER, () -> Wiring.shared().reservationSweeper()),
            java.util.Map.entry(ORDER_SWEEPER, () -> Wiring.shared().orderSweeper()),
            java.util.Map.entry(RETURN_SWEEPER, () -> Wiring.shared().returnSweeper()),
            java.util.Map.entry(FEEDBACK_API, () -> Wiring.shared().feedbackApi()),
            java.util.Map.entry(FEEDBACK_SWEEPER, () -> Wiring.shared().feedback()),
            java.util.Map.entry(CATALOG_FEEDS, () -> Wiring.shared().feedUploads()));
    private static final java.util.Set<String> HTTP_FUNCTIONS = java.util.Set.of(CATALOG_API, STOCK_API, RESERVATION_API,
            MESSAGING_API, ORDER_API, RETURN_API, CUSTOMER_API, FEEDBACK_API);

    private static void api(GenericApplicationContext context, String name,
                            Supplier<Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> router, Type type) {
        context.registerBean(name, FunctionRegistration.class,
                () -> new FunctionRegistration<Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>(
                        event -> router.get().apply(event), name).type(type));
    }
}
