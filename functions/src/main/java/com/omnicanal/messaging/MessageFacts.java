package com.omnicanal.messaging;

/** Port: who counts the facts of messages (the KPIs), from the changes of the delivery log, at least once each. */
public interface MessageFacts {
    void happened(MessageFact fact);
}
