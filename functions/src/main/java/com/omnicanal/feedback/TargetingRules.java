package com.omnicanal.feedback;

import java.util.Collection;
import java.util.Set;

/** Whether an event matches a questionnaire's targeting; pure, so it is tested table by table. */
public final class TargetingRules {
    private TargetingRules() {
    }

    /** @param draw a number in [0, 1) for sampling (stable per event in production, fixed in tests) */
    public static boolean matches(Questionnaire q, FeedbackEvent e, double draw) {
        var t = q.targeting();
        if (!q.activeAt(e.at())) return false;
        if (!t.triggers().contains(e.trigger())) return false;
        if (!empty(t.storeIds()) && (e.storeId() == null || !t.storeIds().contains(e.storeId()))) return false;
        if (!empty(t.postcodePrefixes()) && (e.postcode() == null
                || t.postcodePrefixes().stream().noneMatch(e.postcode()::startsWith))) {
            return false;
        }
        if (t.minVisits() != null && e.visitsInWindow() < t.minVisits()) return false;
        if (!empty(t.skus()) && !intersects(t.skus(), e.skus())) return false;
        if (!empty(t.categories()) && !intersects(t.categories(), e.categories())) return false;
        if (!empty(t.languages()) && (e.language() == null || !t.languages().contains(e.language()))) return false;
        // pages narrow storefront page views; store events have no page and are not filtered by it
        if (!empty(t.pages()) && e.trigger() == Questionnaire.Trigger.PAGE_VIEW && (e.page() == null || t.pages().stream().noneMatch(e.page()::startsWith))) return false;
        return draw < t.samplingRate();
    }

    private static boolean empty(Collection<?> c) {
        return c == null || c.isEmpty();
    }

    private static boolean intersects(Set<String> wanted, Set<String> got) {
        return got != null && got.stream().anyMatch(wanted::contains);
    }
}
