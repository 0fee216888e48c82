package com.omnicanal.kpi;

import java.util.Locale;

/** Where the customer acted: online, in a store, or by post; for messages, the channel that carried them. */
public enum Channel {
    WEB, STORE, POST, SMS, EMAIL, WHATSAPP;

    /** As the API and the stored rows name it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
