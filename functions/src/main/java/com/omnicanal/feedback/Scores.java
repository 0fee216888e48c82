package com.omnicanal.feedback;

import java.util.List;

/** NPS and CSAT arithmetic. */
public final class Scores {
    private Scores() {
    }

    /** Net Promoter Score: % of 9-10 minus % of 0-6, from -100 to 100; null without answers. */
    public static Double nps(List<Integer> scores) {
        if (scores.isEmpty()) return null;
        long promoters = scores.stream().filter(s -> s >= 9).count();
        long detractors = scores.stream().filter(s -> s <= 6).count();
        return 100.0 * (promoters - detractors) / scores.size();
    }

    /** Average satisfaction on 1-5; null without answers. */
    public static Double csat(List<Integer> scores) {
        return scores.isEmpty() ? null : scores.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }
}
