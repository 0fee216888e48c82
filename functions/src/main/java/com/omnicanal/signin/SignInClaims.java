package com.omnicanal.signin;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The claims a person's token carries, read from the attributes an administrator set on their account
 * ({@code custom:role}, {@code custom:storeId}): {@code role} is customer, staff or ops, and a staff token names its
 * store. Anything else (a role nobody defined, staff without a store, a malformed store id) gives a customer token:
 * never more rights than the account was given.
 */
public final class SignInClaims {
    public static final String ROLE_ATTRIBUTE = "custom:role";
    public static final String STORE_ATTRIBUTE = "custom:storeId";
    // store ids as openapi.yaml's store routes accept them (paris-rivoli)
    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9-]{2,64}");

    private SignInClaims() {
    }

    /** The claims {@code role} and, for staff, {@code storeId}, to add to (or override in) the token. */
    public static Map<String, String> of(Map<String, String> userAttributes) {
        var attributes = userAttributes == null ? Map.<String, String>of() : userAttributes;
        var role = attributes.get(ROLE_ATTRIBUTE);
        var store = attributes.get(STORE_ATTRIBUTE);
        if ("ops".equals(role)) return Map.of("role", "ops");
        if ("staff".equals(role) && store != null && STORE_ID.matcher(store).matches()) {
            return Map.of("role", "staff", "storeId", store);
        }
        return Map.of("role", "customer");
    }
}
