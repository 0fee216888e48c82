package com.omnicanal.kpi;

import com.omnicanal.messaging.MessageFact;
import com.omnicanal.shared.BusinessEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each business event counts, on which store, day (in the stores' time zone) and channel. Orders and
 * e-reservations come through the web, except an order sold in a store for its customer (the endless aisle), which
 * counts in the store channel of its pickup store's rows; in-store purchases, collections, returns and visits through
 * the store; a return by post through the post. The customer's week counts what they started (an order or a
 * reservation placed online, an order bought in store for pickup, a purchase, a return or a visit in store), not what
 * the store did for them.
 */
public final class KpiTallies {
    /**
     * The row of what the web warehouse received (returns by post) or shipped, of points moved online, and of what was
     * sold online.
     */
    public static final String WEB_WAREHOUSE = "web";
    /** The row of messages about no store's order or reservation (marketing, verification...) and of STOP texts. */
    public static final String NO_STORE = "none";

    private final ZoneId zone;

    public KpiTallies(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public Tally of(BusinessEvent event) {
        var id = event.getClass().getSimpleName() + "#" + event.subjectId();
        var counts = new ArrayList<Tally.Count>();
        Tally.CustomerActivity activity = null;
        if (event instanceof BusinessEvent.OrderPlaced e) {
            counts.add(count(e.storeId(), e.at(), soldThrough(e.soldAt()), Counter.ORDERS_PLACED));
            activity = activity(e, soldThrough(e.soldAt()), true);
        } else if (event instanceof BusinessEvent.OrderAccepted e) {
            counts.add(count(e.storeId(), e.at(), soldThrough(e.soldAt()), Counter.ORDERS_ACCEPTED));
        } else if (event instanceof BusinessEvent.OrderRejected e) {
            counts.add(count(e.storeId(), e.at(), soldThrough(e.soldAt()), Counter.ORDERS_REJECTED));
        } else if (event instanceof BusinessEvent.OrderReady e) {
            var adds = new HashMap<String, Long>();
            adds.put(Counter.ORDERS_READY.key(), 1L);
            if (e.readyBy() != null && !e.at().isAfter(e.readyBy())) adds.put(Counter.ORDERS_READY_ON_TIME.key(), 1L);
            adds.put(Histogram.TIME_TO_READY.key(Histogram.TIME_TO_READY.bucketOf(Duration.between(e.placedAt(), e.at()))), 1L);
            counts.add(new Tally.Count(row(e.storeId(), e.at(), soldThrough(e.soldAt())), adds));
        } else if (event instanceof BusinessEvent.OrderCollected e) {
            counts.add(count(e.storeId(), e.at(), soldThrough(e.soldAt()), Counter.ORDERS_COLLECTED));
            if (e.sale() != null) counts.addAll(sale(e.sale(), e.storeId(), false, true, e.at()));
        } else if (event instanceof BusinessEvent.ShipmentHandedOver e) {
            counts.addAll(sale(e.sale(), receiver(e.storeId()), true, e.firstOfOrder(), e.at()));
        } else if (event instanceof BusinessEvent.OrderExpired e) {
            counts.add(count(e.storeId(), e.at(), soldThrough(e.soldAt()), Counter.ORDERS_EXPIRED));
        } else if (event instanceof BusinessEvent.ReservationHeld e) {
            counts.add(count(e.storeId(), e.at(), Channel.WEB, Counter.RESERVATIONS_HELD));
            activity = activity(e, Channel.WEB, false);
        } else if (event instanceof BusinessEvent.ReservationCompleted e) {
            counts.add(count(e.storeId(), e.at(), Channel.STORE, Counter.RESERVATIONS_COMPLETED));
            activity = activity(e, Channel.STORE, true);
        } else if (event instanceof BusinessEvent.ReservationExpired e) {
            counts.add(count(e.storeId(), e.at(), Channel.WEB, Counter.RESERVATIONS_EXPIRED));
        } else if (event instanceof BusinessEvent.ReturnReceived e) {
            var receivedAt = receiver(e.storeId());
            var channel = e.storeId() == null ? Channel.POST : Channel.STORE;
            var adds = new HashMap<String, Long>();
            adds.put(Counter.RETURNS_RECEIVED.key(), 1L);
            if (e.soldAt() != null && !e.soldAt().equals(receivedAt)) {
                adds.put(Counter.RETURNS_RECEIVED_FOR_OTHER_STORES.key(), 1L);
            }
            if (receivedAt.equals(e.soldAt())) adds.put(Counter.SALES_RETURNED.key(), 1L);
            counts.add(new Tally.Count(row(receivedAt, e.at(), channel), adds));
            if (e.soldAt() != null && !e.soldAt().equals(receivedAt)) {
                counts.add(count(e.soldAt(), e.at(), channel, Counter.SALES_RETURNED));
            }
            activity = activity(e, channel, false);
        } else if (event instanceof BusinessEvent.ReturnRefunded e) {
            var channel = e.storeId() == null ? Channel.POST : Channel.STORE;
            counts.add(new Tally.Count(row(receiver(e.storeId()), e.at(), channel), Map.of(
                    Counter.RETURNS_REFUNDED.key(), 1L,
                    Histogram.TIME_TO_REFUND.key(Histogram.TIME_TO_REFUND.bucketOf(Duration.between(e.receivedAt(), e.at()))), 1L)));
        } else if (event instanceof BusinessEvent.AppointmentCompleted e) {
            counts.add(count(e.storeId(), e.at(), Channel.STORE, Counter.APPOINTMENTS_COMPLETED));
            activity = activity(e, Channel.STORE, false);
        } else if (event instanceof BusinessEvent.AppointmentMissed e) {
            counts.add(count(e.storeId(), e.at(), Channel.STORE, Counter.APPOINTMENT_NO_SHOWS));
        } else if (event instanceof BusinessEvent.PointsMoved e) {
            var counter = switch (e.movement()) {
                case ISSUED -> Counter.POINTS_ISSUED;
                case REDEEMED -> Counter.POINTS_REDEEMED;
                case REVERSED -> Counter.POINTS_REVERSED;
                case EXPIRED -> Counter.POINTS_EXPIRED;
            };
            // points of no store moved online (a web order, a redemption on the web)
            counts.add(new Tally.Count(row(receiver(e.storeId()), e.at(), e.storeId() == null ? Channel.WEB : Channel.STORE),
                    Map.of(counter.key(), e.points())));
        } else if (event instanceof BusinessEvent.SmsStopped e) {
            counts.add(count(NO_STORE, e.at(), Channel.SMS, Counter.SMS_STOPS));
        } else if (event instanceof BusinessEvent.QuestionnaireAnswered e) {
            var adds = answerCounts(e.nps(), e.csat());
            // an answer about no store (a storefront pop-up) is the web's
            if (!adds.isEmpty()) {
                counts.add(new Tally.Count(row(receiver(e.storeId()), e.at(), e.storeId() == null ? Channel.WEB : Channel.STORE),
                        adds));
            }
        }
        return new Tally(id, counts, activity);
    }

    /**
     * A completed sale, in the month rows of the store accounting report: on its seller's line of how it was fulfilled,
     * on its staff member's line, and, fulfilled by another place, on that place's line of what it did for this
     * seller. The order counts once ({@code countsOrder}: collected, or its first shipment); the amount per shipment.
     */
    private List<Tally.Count> sale(BusinessEvent.Sale sale, String fulfiller, boolean shipped, boolean countsOrder,
                                   Instant at) {
        var seller = receiver(sale.storeId());
        var month = month(at);
        var adds = new HashMap<String, Long>();
        if (countsOrder) adds.put(SalesLine.Figure.ORDERS.key(), 1L);
        if (shipped) adds.put(SalesLine.Figure.SHIPMENTS.key(), 1L);
        adds.put(SalesLine.Figure.PAID_CENTS.key(), sale.paidCents());
        var here = seller.equals(fulfiller);
        var how = shipped ? (here ? SalesLine.Fulfilment.SHIPPED_FROM_HERE : SalesLine.Fulfilment.SHIPPED_FROM_ELSEWHERE)
                : (here ? SalesLine.Fulfilment.COLLECTED_HERE : SalesLine.Fulfilment.COLLECTED_ELSEWHERE);
        var counts = new ArrayList<Tally.Count>();
        counts.add(new Tally.Count(new Tally.Month(seller, month, SalesLine.sold(how)), adds));
        if (sale.staffId() != null) {
            counts.add(new Tally.Count(new Tally.Month(seller, month, SalesLine.staff(sale.staffId())), adds));
        }
        if (!here) counts.add(new Tally.Count(new Tally.Month(fulfiller, month, SalesLine.fulfilledFor(seller)), adds));
        return counts;
    }

    /** The calendar month of an instant in the stores' time zone (France: a month begins at midnight in Paris). */
    public YearMonth month(Instant at) {
        return YearMonth.from(at.atZone(zone));
    }

    /** A message's fact on its store (or none), day and channel; a sent SMS adds the segments it is billed. */
    public Tally of(MessageFact fact) {
        var channel = Channel.valueOf(fact.channel().name());
        var adds = new HashMap<String, Long>();
        switch (fact.kind()) {
            case SENT -> {
                adds.put(Counter.MESSAGES_SENT.key(), 1L);
                if (channel == Channel.SMS) {
                    adds.put(Counter.SMS_SENT.key(), 1L);
                    adds.put(Counter.SMS_SEGMENTS.key(), (long) fact.segments());
                }
            }
            case DELIVERED -> adds.put(Counter.MESSAGES_DELIVERED.key(), 1L);
            case FAILED -> adds.put(Counter.MESSAGES_FAILED.key(), 1L);
            case FELL_BACK -> adds.put(Counter.MESSAGE_FALLBACKS.key(), 1L);
        }
        var store = fact.storeId() == null ? NO_STORE : fact.storeId();
        return new Tally(fact.id(), List.of(new Tally.Count(row(store, fact.at(), channel), adds)), null);
    }

    /** NPS: 9-10 promoters, 7-8 passives, 0-6 detractors; CSAT: 4-5 of 5 satisfied. */
    static Map<String, Long> answerCounts(Integer nps, Integer csat) {
        var adds = new HashMap<String, Long>();
        if (nps != null) {
            adds.put(Counter.NPS_ANSWERS.key(), 1L);
            adds.put((nps >= 9 ? Counter.PROMOTERS : nps >= 7 ? Counter.PASSIVES : Counter.DETRACTORS).key(), 1L);
        }
        if (csat != null) {
            adds.put(Counter.CSAT_ANSWERS.key(), 1L);
            if (csat >= 4) adds.put(Counter.CSAT_SATISFIED.key(), 1L);
        }
        return adds;
    }

    public LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    /** The ISO week of a day, as {@code 2026-W48}. */
    public static String week(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** An order sold in a store for its customer (the endless aisle) is the store's; one placed online, the web's. */
    private static Channel soldThrough(String soldAt) {
        return soldAt == null ? Channel.WEB : Channel.STORE;
    }

    private static String receiver(String storeId) {
        return storeId == null ? WEB_WAREHOUSE : storeId;
    }

    private Tally.Day row(String storeId, Instant at, Channel channel) {
        return new Tally.Day(storeId, day(at), channel);
    }

    private Tally.Count count(String storeId, Instant at, Channel channel, Counter counter) {
        return new Tally.Count(row(storeId, at, channel), Map.of(counter.key(), 1L));
    }

    private Tally.CustomerActivity activity(BusinessEvent event, Channel channel, boolean purchase) {
        return event.customerId() == null ? null
                : new Tally.CustomerActivity(event.customerId(), week(day(event.at())), channel, purchase);
    }

    /** The ISO weeks that touch a period, in order. */
    public static List<String> weeks(LocalDate from, LocalDate to) {
        var weeks = new ArrayList<String>();
        for (var day = from; !day.isAfter(to); day = day.plusDays(1)) {
            var week = week(day);
            if (weeks.isEmpty() || !weeks.get(weeks.size() - 1).equals(week)) weeks.add(week);
        }
        return weeks;
    }
}
