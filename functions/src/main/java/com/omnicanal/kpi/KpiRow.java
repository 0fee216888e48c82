package com.omnicanal.kpi;

import java.time.LocalDate;
import java.util.Map;

/** The figures of a store (or every store), a channel (or all) and a period, as openapi.yaml's KpiRow says. */
public record KpiRow(LocalDate periodStart, LocalDate periodEnd, String store, String channel,
                     long ordersPlaced, long ordersAccepted, long ordersRejected, Double rejectionRate,
                     long ordersReady, long ordersReadyOnTime, Double readyOnTimeRate,
                     Integer timeToReadyP50Minutes, Integer timeToReadyP90Minutes,
                     long ordersCollected, long ordersExpired, Double pickupRate,
                     long reservationsHeld, long reservationsCompleted, long reservationsExpired,
                     Double reservationConversionRate,
                     long returnsReceived, long returnsReceivedForOtherStores, Double crossStoreReturnShare,
                     long salesReturned, Double returnRate, long returnsRefunded,
                     Integer timeToRefundP50Hours, Integer timeToRefundP90Hours,
                     long npsAnswers, long promoters, long passives, long detractors, Double nps,
                     long csatAnswers, long csatSatisfied, Double csat,
                     long appointmentsCompleted, long appointmentNoShows, Double noShowRate,
                     long messagesSent, long messagesDelivered, long messagesFailed, Double deliveryRate,
                     long messageFallbacks, long smsSent, long smsSegments, Double segmentsPerSms, long smsStops,
                     Double stopRate,
                     long pointsIssued, long pointsRedeemed, long pointsReversed, long pointsExpired) {

    /** The figures from the counters summed over the row's days, stores and channels. */
    public static KpiRow of(LocalDate start, LocalDate end, String store, String channel, Map<String, Long> sums) {
        long placed = get(sums, Counter.ORDERS_PLACED), accepted = get(sums, Counter.ORDERS_ACCEPTED);
        long rejected = get(sums, Counter.ORDERS_REJECTED), ready = get(sums, Counter.ORDERS_READY);
        long onTime = get(sums, Counter.ORDERS_READY_ON_TIME), collected = get(sums, Counter.ORDERS_COLLECTED);
        long expired = get(sums, Counter.ORDERS_EXPIRED);
        long held = get(sums, Counter.RESERVATIONS_HELD), completed = get(sums, Counter.RESERVATIONS_COMPLETED);
        long reservationsExpired = get(sums, Counter.RESERVATIONS_EXPIRED);
        long received = get(sums, Counter.RETURNS_RECEIVED), forOthers = get(sums, Counter.RETURNS_RECEIVED_FOR_OTHER_STORES);
        long salesReturned = get(sums, Counter.SALES_RETURNED), refunded = get(sums, Counter.RETURNS_REFUNDED);
        long answers = get(sums, Counter.NPS_ANSWERS), promoters = get(sums, Counter.PROMOTERS);
        long passives = get(sums, Counter.PASSIVES), detractors = get(sums, Counter.DETRACTORS);
        long csatAnswers = get(sums, Counter.CSAT_ANSWERS), satisfied = get(sums, Counter.CSAT_SATISFIED);
        long visits = get(sums, Counter.APPOINTMENTS_COMPLETED), noShows = get(sums, Counter.APPOINTMENT_NO_SHOWS);
        long sent = get(sums, Counter.MESSAGES_SENT), delivered = get(sums, Counter.MESSAGES_DELIVERED);
        long smsSent = get(sums, Counter.SMS_SENT), segments = get(sums, Counter.SMS_SEGMENTS);
        long stops = get(sums, Counter.SMS_STOPS);
        return new KpiRow(start, end, store, channel,
                placed, accepted, rejected, KpiFormulas.rate(rejected, accepted + rejected),
                ready, onTime, KpiFormulas.rate(onTime, ready),
                Histogram.TIME_TO_READY.percentile(sums, 0.5), Histogram.TIME_TO_READY.percentile(sums, 0.9),
                collected, expired, KpiFormulas.rate(collected, collected + expired),
                held, completed, reservationsExpired, KpiFormulas.rate(completed, completed + reservationsExpired),
                received, forOthers, KpiFormulas.rate(forOthers, received),
                salesReturned, KpiFormulas.rate(salesReturned, collected + completed), refunded,
                Histogram.TIME_TO_REFUND.percentile(sums, 0.5), Histogram.TIME_TO_REFUND.percentile(sums, 0.9),
                answers, promoters, passives, detractors, KpiFormulas.nps(promoters, detractors, answers),
                csatAnswers, satisfied, KpiFormulas.percent(satisfied, csatAnswers),
                visits, noShows, KpiFormulas.rate(noShows, visits + noShows),
                sent, delivered, get(sums, Counter.MESSAGES_FAILED), KpiFormulas.rate(delivered, sent),
                get(sums, Counter.MESSAGE_FALLBACKS), smsSent, segments, KpiFormulas.average(segments, smsSent), stops,
                KpiFormulas.rate(stops, smsSent),
                get(sums, Counter.POINTS_ISSUED), get(sums, Counter.POINTS_REDEEMED), get(sums, Counter.POINTS_REVERSED),
                get(sums, Counter.POINTS_EXPIRED));
    }

    private static long get(Map<String, Long> sums, Counter counter) {
        return sums.getOrDefault(counter.key(), 0L);
    }
}
