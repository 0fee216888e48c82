package com.omnicanal.order;

import com.omnicanal.outbox.OutboxMessage;
import java.util.List;
import java.util.Optional;

/**
 * Port: transfers between places, moved together with their order and the stock. A transfer sits in the queue of the
 * place that acts next: its source while it is requested, its destination once dispatched.
 */
public interface Transfers {

    Optional<Transfer> find(String id);

    /** The transfers in that status in a place's queue (source for REQUESTED, destination after), oldest first. */
    List<Transfer> queue(String location, Transfer.Status status, int limit);

    /** An order's transfers from any of these places (one per place at most), by id. */
    List<Transfer> ofOrder(String orderId, java.util.Collection<String> places);

    /**
     * One transaction: the transfer moved from {@code expected}; the order replaced by {@code after} if it is still
     * exactly {@code before} as to status and lines (null: no order to change, it closed); the stock moved (sent: sold at
     * the source, in transit at the destination; received: out of transit, held for the order when {@code after} is
     * given, else on sale); the messages. False if the transfer or the order moved meanwhile.
     */
    boolean move(Transfer next, Transfer.Status expected, Order before, Order after, List<OutboxMessage> messages);
}
