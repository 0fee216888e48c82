package com.omnicanal.testing;

import com.omnicanal.api.Callers;
import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.returns.RequestingReturns;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.IdempotencyKey;

/** Idempotency keys as the HTTP edge gives them to the use cases (read, scoped and fingerprinted by the Router). */
public final class Keys {
    private Keys() {
    }

    public static IdempotencyKey reservation(Actor caller, String key, ReservationRequest request) {
        return of("reservations", "/reservations", caller, key, request);
    }

    public static IdempotencyKey order(PlacingOrders.PlaceOrder command, String key) {
        return of("orders", "/orders", command.customer(), key, command.order());
    }

    /** A confirm-option request's key: the option chosen for that order. */
    public static IdempotencyKey option(Actor caller, String orderId, String optionId, String key) {
        return of("confirm-option", "/orders/" + orderId + "/confirm-option", caller, key, java.util.Map.of("optionId", optionId));
    }

    public static IdempotencyKey returnOf(RequestingReturns.RequestReturn command, String key) {
        return of("returns", "/returns", command.customer(), key, command.request());
    }

    private static IdempotencyKey of(String capability, String path, Actor caller, String key, Object body) {
        return Callers.idempotencyKey(capability,
                new Idempotency.Key(caller.id(), key, Idempotency.fingerprint(path, Json.write(body))));
    }
}
