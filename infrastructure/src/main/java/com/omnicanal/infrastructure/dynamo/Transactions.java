package com.omnicanal.infrastructure.dynamo;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Runs TransactWriteItems, retrying only when DynamoDB cancelled it for a conflict with another transaction. */
public final class Transactions {
    private static final int MAX_ATTEMPTS = 25;

    private final DynamoDbClient dynamo;

    public Transactions(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** The outcome: committed, or cancelled with one reason per action, in the order given. */
    public record Outcome(boolean committed, List<CancellationReason> reasons) {
        public boolean failedCondition(int action) {
            return !committed && action < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(action).code());
        }
    }

    public Outcome write(Supplier<List<TransactWriteItem>> actions) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(actions.get()).build());
                return new Outcome(true, List.of());
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                boolean condition = reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
                if (condition || !conflict || attempt >= MAX_ATTEMPTS) {
                    if (!condition) throw e;
                    return new Outcome(false, reasons);
                }
                backOff(attempt);
            }
        }
    }

    /** Full jitter, capped, so contending writers spread out instead of colliding again. */
    private static void backOff(int attempt) {
        long cap = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
