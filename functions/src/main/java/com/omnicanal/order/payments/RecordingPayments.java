package com.omnicanal.order.payments;

import com.omnicanal.order.Payments;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The payment port until a PSP is chosen: records each capture and void (and logs it) instead of calling a provider.
 * The local stack and the tests read what it recorded.
 */
public final class RecordingPayments implements Payments {
    private static final Logger LOG = Logger.getLogger(RecordingPayments.class.getName());

    public record Call(String action, String authorization, int amountCents, String orderId, Instant at) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public RecordingPayments(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void capture(String authorization, int amountCents, String orderId) {
        calls.add(new Call("CAPTURE", authorization, amountCents, orderId, clock.instant()));
        LOG.info(() -> "payment capture of " + amountCents + " cents for order " + orderId);
    }

    @Override
    public void voidAuthorization(String authorization, String orderId) {
        calls.add(new Call("VOID", authorization, 0, orderId, clock.instant()));
        LOG.info(() -> "payment authorization voided for order " + orderId);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }
}
