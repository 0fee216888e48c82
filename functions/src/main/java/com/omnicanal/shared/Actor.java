package com.omnicanal.shared;

import java.util.Objects;

/** Who is calling: a customer, a member of a store's staff, or ops. */
public record Actor(String id, Role role, String storeId) {
    public enum Role { CUSTOMER, STAFF, OPS }

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        if (role == Role.STAFF && (storeId == null || storeId.isBlank())) {
            throw new IllegalArgumentException("a staff actor belongs to a store");
        }
    }

    public static Actor customer(String id) {
        return new Actor(id, Role.CUSTOMER, null);
    }

    public static Actor staff(String id, String storeId) {
        return new Actor(id, Role.STAFF, storeId);
    }

    public static Actor ops(String id) {
        return new Actor(id, Role.OPS, null);
    }

    public boolean isCustomer() {
        return role == Role.CUSTOMER;
    }

    /** Ops act for every store; staff only for their own. */
    public boolean worksFor(String store) {
        return role == Role.OPS || (role == Role.STAFF && storeId.equals(store));
    }

    /** Refuses anyone who is neither ops nor staff of that store. */
    public void requireStore(String store) {
        if (!worksFor(store)) {
            throw new DomainException.Forbidden(role == Role.CUSTOMER
                    ? "only store staff or ops can do this"
                    : "staff of another store cannot act for " + store);
        }
    }
}
