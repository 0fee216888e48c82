package com.omnicanal.customer;

import java.time.Instant;

/** A consent decision, as GDPR wants it recorded: what, on which channel, when, from where, and which text was shown. */
public record Consent(String purpose, String channel, boolean granted, String source, String textVersion,
                      Instant decidedAt) {
}
