package com.omnicanal.feedback;

import java.time.Duration;

/** Fatigue cap, link validity, where links point, and how many invitations one sweep handles. */
public record FeedbackPolicy(Duration fatigue, Duration linkValidity, String linkBase, int batch) {
    public static final FeedbackPolicy DEFAULT = new FeedbackPolicy(Duration.ofDays(30), Duration.ofDays(14),
            "https://api.omnicanal.example/feedback/", 100);
}
