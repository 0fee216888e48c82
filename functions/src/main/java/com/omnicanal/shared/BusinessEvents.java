package com.omnicanal.shared;

/**
 * Port: a capability that reacts to business events (feedback schedules a questionnaire). The outbox stream hands them
 * over at least once, so handling one twice must change nothing more; a failure is retried.
 */
public interface BusinessEvents {
    void happened(BusinessEvent event);
}
