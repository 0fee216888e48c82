package com.omnicanal.shared;

/**
 * Who acted on a customer's record, as that customer may know it: a role, never a staff member's id (the id is the staff
 * member's data, not the customer's).
 */
public final class ActingRole {
    private ActingRole() {
    }

    /**
     * customer (themselves), routing (its automatic moves), ops (the sweeper's expiry); any other id is staff, or ops
     * acting for the store on its routes: the store.
     */
    public static String of(String customerId, String by) {
        if (by == null || by.equals(customerId)) return "customer";
        return switch (by) {
            case "routing" -> "routing";
            case "system" -> "ops";
            default -> "store";
        };
    }
}
