package com.omnicanal.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The retailer's (French) day: what a place's daily capacity and its monthly rejection rate count in. */
public final class RetailDay {
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private RetailDay() {
    }

    public static LocalDate of(Instant at) {
        return LocalDate.ofInstant(at, ZONE);
    }
}
