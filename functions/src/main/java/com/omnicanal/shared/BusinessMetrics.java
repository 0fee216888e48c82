package com.omnicanal.shared;

import java.util.Map;

/**
 * Port: the figures ops watch (CloudWatch metrics on AWS, {@code /_local/metrics} in the local stack). A use case
 * tells it only once the change a figure counts has committed: never for a replay, a refused request or a rollback.
 */
public interface BusinessMetrics {
    BusinessMetrics NONE = (figure, value, by, context) -> { };

    /**
     * What a figure is broken down by. Each value of a breakdown is a metric billed on its own, every month, so most
     * figures have none; what else locates an event (an order, a store) goes in the context, searchable in the logs.
     */
    enum Breakdown { NONE, STORE, CHANNEL, CAPABILITY }

    /** A count adds up; a gauge is a level read at the time (alarm on its maximum); a duration is in milliseconds. */
    enum Kind { COUNT, GAUGE, MILLISECONDS }

    /** Every figure, once: template.yaml's dashboard and alarms name these (TemplateObservabilityTest holds them). */
    enum Figure {
        /** An order placed (its stock held at the pickup store), per store and in all. */
        ORDERS_PLACED("OrdersPlaced", Kind.COUNT, Breakdown.STORE, true),
        /** Orders placed or accepted whose ready target has passed, per store, read by the order sweeper. */
        LATE_ORDERS("LateOrders", Kind.GAUGE, Breakdown.STORE, false),
        /** Stores open now by their opening hours, read by the order sweeper: when "no order" means something. */
        STORES_OPEN("StoresOpen", Kind.GAUGE, Breakdown.NONE, false),
        RESERVATIONS_EXPIRED("ReservationsExpired", Kind.COUNT, Breakdown.NONE, false),
        /** A due hold the sweeper could not release though it is still held (its id in the line): alarmed. */
        RESERVATIONS_STUCK("ReservationsStuck", Kind.COUNT, Breakdown.NONE, false),
        /** A channel took a message. */
        MESSAGES_SENT("MessagesSent", Kind.COUNT, Breakdown.CHANNEL, false),
        /** A channel did not take a message (for good, or for now after its tries). */
        MESSAGES_FAILED("MessagesFailed", Kind.COUNT, Breakdown.CHANNEL, false),
        /** A channel failed for good and the message went on to the next one: the channel it fell back from. */
        MESSAGES_FELL_BACK("MessagesFellBack", Kind.COUNT, Breakdown.CHANNEL, false),
        STOP_RECEIVED("StopReceived", Kind.COUNT, Breakdown.NONE, false),
        QUESTIONNAIRES_ANSWERED("QuestionnairesAnswered", Kind.COUNT, Breakdown.NONE, false),
        WRONG_PICKUP_CODES("WrongPickupCodes", Kind.COUNT, Breakdown.NONE, false),
        /** An order locked by its last allowed wrong pickup code. */
        PICKUP_LOCKOUTS("PickupLockouts", Kind.COUNT, Breakdown.NONE, false),
        /** 1 for an API answer in 5xx, else 0, per capability: its average is the 5xx rate (the composition root). */
        API_SERVER_ERRORS("ApiServerErrors", Kind.COUNT, Breakdown.CAPABILITY, false),
        /** How long the function took to answer an API request, per capability (the composition root). */
        API_LATENCY("ApiLatency", Kind.MILLISECONDS, Breakdown.CAPABILITY, false);

        private final String metricName;
        private final Kind kind;
        private final Breakdown breakdown;
        private final boolean alsoInAll;

        Figure(String metricName, Kind kind, Breakdown breakdown, boolean alsoInAll) {
            this.metricName = metricName;
            this.kind = kind;
            this.breakdown = breakdown;
            this.alsoInAll = alsoInAll;
        }

        public String metricName() {
            return metricName;
        }

        public Kind kind() {
            return kind;
        }

        public Breakdown breakdown() {
            return breakdown;
        }

        /** Broken down, and also kept as one total (alarms on the whole shop, without a query over every store). */
        public boolean alsoInAll() {
            return alsoInAll;
        }
    }

    /**
     * {@code by}: the store, channel or capability, as the figure's breakdown says (null for none); {@code context}:
     * what locates the event, kept beside the figure for the logs but not a dimension (no personal data).
     */
    void record(Figure figure, long value, String by, Map<String, String> context);

    /** Several figures of one breakdown at once (an adapter may write them as one line). */
    default void recordAll(Map<Figure, Long> values, String by, Map<String, String> context) {
        values.forEach((figure, value) -> record(figure, value, by, context));
    }

    default void count(Figure figure, String by, Map<String, String> context) {
        record(figure, 1, by, context);
    }

    default void count(Figure figure, Map<String, String> context) {
        record(figure, 1, null, context);
    }
}
