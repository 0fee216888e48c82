package com.omnicanal.customer.dynamo;

/**
 * The keys of the Customers table items that messaging reads and changes too (a customer's profile and consents, a
 * phone identity): customer owns the table, messaging's contact book and opt-outs build their keys here.
 */
public final class CustomerKeys {
    private CustomerKeys() {
    }

    /** The partition of everything one customer has: profile, identity links, consents, codes. */
    public static String customerKey(String customerId) {
        return "CUSTOMER#" + customerId;
    }

    /** The identity item that makes a phone number one customer's. */
    public static String phoneKey(String e164) {
        return "PHONE#" + e164;
    }

    /** The sort key of one consent decision, for a purpose (TRANSACTIONAL, MARKETING...) and a channel (SMS...). */
    public static String consentKey(String purpose, String channel) {
        return "CONSENT#" + purpose + "#" + channel;
    }

    /** The sort key of the mark that the customer's address on a channel (EMAIL) bounced for good, in their partition. */
    public static String undeliverableKey(String channel) {
        return "UNDELIVERABLE#" + channel;
    }

    /** The sort key of the customer's marketing allowance (when their last marketing messages went), in their partition. */
    public static String marketingFatigueKey() {
        return "MARKETING_FATIGUE";
    }
}
