package com.omnicanal.order;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.PickupCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import java.util.Map;

/**
 * The customer shows the pickup code at the store: the payment is captured, the units leave the stock, and the order
 * collected is a business event in the same write.
 */
public final class CollectingOrders {
    private final Orders orders;
    private final OrderAccess access;
    private final OrderPolicy policy;
    private final Clock clock;
    private final BusinessMetrics metrics;

    CollectingOrders(Orders orders, OrderAccess access, OrderPolicy policy, Clock clock, BusinessMetrics metrics) {
        this.metrics = metrics;
        this.orders = orders;
        this.access = access;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Collection: the right code captures the payment and the units leave the stock. Each try is counted before the
     * code is compared, so however many come at once, at most {@code maxWrongCodes} codes are ever compared before
     * the order locks; then staff unlock it.
     */
    public Order collect(Actor actor, String storeId, String id, String typedCode) {
        var read = access.atStore(actor, storeId, id);
        if (read.status() != OrderStatus.READY) throw notReady(read);
        if (read.locked()) throw locked(id);
        var counted = orders.countCodeTry(id, policy.maxWrongCodes());
        if (counted instanceof Orders.CodeTry.Refused refused) {
            throw refused.order().status() != OrderStatus.READY ? notReady(refused.order()) : locked(id);
        }
        var order = ((Orders.CodeTry.Counted) counted).order();
        if (!MessageDigest.isEqual(PickupCodes.normalize(typedCode).getBytes(StandardCharsets.UTF_8),
                order.pickupCode().getBytes(StandardCharsets.UTF_8))) {
            int left = policy.maxWrongCodes() - order.wrongCodes();
            // the try is already counted (and the order locked by the last one): told after that write
            var where = Map.of("storeId", storeId, "orderId", id);
            metrics.count(BusinessMetrics.Figure.WRONG_PICKUP_CODES, where);
            if (left <= 0) metrics.count(BusinessMetrics.Figure.PICKUP_LOCKOUTS, where);
            throw new DomainException.InvalidState(left <= 0 ? "wrong pickup code: the order is now locked"
                    : "wrong pickup code, " + left + " tries left");
        }
        // the last allowed try locks the order when it is counted; when that try is the right code, it unlocks it again
        var next = order.lockedAfter(order.wrongCodes(), false, now()).moveTo(OrderStatus.COLLECTED, now(), actor.id(), null);
        return access.write(Orders.Change.of(next, OrderStatus.READY).stock(Orders.StockEffect.SELL)
                .releaseCode(order.pickupCode())
                .payment(new Orders.PaymentCommand(id, "CAPTURE", order.paymentAuthorization(), order.amountDueCents()))
                .event(new BusinessEvent.OrderCollected(id, next.customerId(), storeId,
                        next.lines().stream().map(Order.Line::sku).collect(Collectors.toSet()), next.updatedAt(),
                        sale(next))));
    }

    /** The sale the store accounting report credits: its seller (none: online) and the amount captured now. */
    private static BusinessEvent.Sale sale(Order order) {
        var seller = order.soldBy();
        return new BusinessEvent.Sale(seller == null ? null : seller.storeId(), seller == null ? null : seller.staffId(),
                order.amountDueCents());
    }

    /** Staff unlock an order locked after too many wrong codes: its tries start again. */
    public Order unlock(Actor actor, String storeId, String id) {
        var order = access.atStore(actor, storeId, id);
        if (!orders.unlock(order)) throw OrderAccess.changedMeanwhile(id);
        return orders.find(id).orElseThrow();
    }

    private static DomainException notReady(Order order) {
        return new DomainException.InvalidState("order " + order.id() + " is " + order.status() + ", not ready for collection");
    }

    private static DomainException locked(String id) {
        return new DomainException.InvalidState("order " + id + " is locked after too many wrong codes: unlock it first");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
