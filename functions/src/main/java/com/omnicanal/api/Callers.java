package com.omnicanal.api;

import com.omnicanal.infrastructure.http.ApiRequest;
import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.infrastructure.http.Problem;
import com.omnicanal.infrastructure.http.ProblemException;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.IdempotencyKey;

/**
 * Reads the caller from the JWT claims API Gateway verified: {@code sub} is the person, {@code role} is customer
 * (the default), staff or ops, and a staff token carries {@code storeId}; and the caller's Idempotency-Key.
 */
public final class Callers {
    private Callers() {
    }

    public static Actor actor(ApiRequest request) {
        var claims = request.claims();
        var sub = claims.get("sub");
        if (sub == null || sub.isBlank()) throw unauthorized("no verified caller on this request");
        var role = claims.getOrDefault("role", "customer");
        return switch (role) {
            case "customer" -> Actor.customer(sub);
            case "ops" -> Actor.ops(sub);
            case "staff" -> {
                var store = claims.get("storeId");
                if (store == null || store.isBlank()) throw unauthorized("a staff token must name its store");
                yield Actor.staff(sub, store);
            }
            default -> throw unauthorized("unknown role " + role);
        };
    }

    /**
     * The caller's Idempotency-Key as a use case takes it: the Router read and fingerprinted it; its record is named by
     * the capability, the caller and the key (the names the Idempotency table already holds).
     */
    public static IdempotencyKey idempotencyKey(String capability, Idempotency.Key key) {
        return new IdempotencyKey(key.in(capability), key.value(), key.fingerprint());
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail));
    }
}
