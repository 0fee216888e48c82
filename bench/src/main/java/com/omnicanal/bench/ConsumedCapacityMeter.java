package com.omnicanal.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Issue 22, item 5: asks every DynamoDB call for ReturnConsumedCapacity=TOTAL and sums what comes back, reads and
 * writes apart, with the calls counted. Beside DynamoDB's own figure, the write units of a transaction computed from
 * what is sent (2 units per KB of each action's item, rounded up; a condition check or an update 2): the base tables'
 * share alone, a lower bound, to check the reported figure against.
 */
final class ConsumedCapacityMeter implements ExecutionInterceptor {
    final DoubleAdder read = new DoubleAdder();
    final DoubleAdder write = new DoubleAdder();
    final DoubleAdder transactionWriteBySize = new DoubleAdder();
    final DoubleAdder transactionWriteReported = new DoubleAdder();
    final LongAdder calls = new LongAdder();
    final LongAdder transactions = new LongAdder();
    final LongAdder unreported = new LongAdder();
    /** HTTP attempts (the SDK's own retries included), transactions cancelled for a conflict or a failed condition. */
    final LongAdder attempts = new LongAdder();
    final LongAdder conflicts = new LongAdder();
    final LongAdder conditionsFailed = new LongAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.increment();
    }

    /** Answers other than 200 (each one the SDK may retry), by status and DynamoDB's error type. */
    final java.util.Map<String, LongAdder> errors = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        int status = context.httpResponse().statusCode();
        if (status != 200) {
            var type = context.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse("");
            errors.computeIfAbsent(status + " " + type.replaceAll(".*#", "").replaceAll(":.*", ""), k -> new LongAdder())
                    .increment();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        calls.increment();
        if (Boolean.getBoolean("bench.debug") && !(context.exception() instanceof TransactionCanceledException)) {
            System.out.println("failed: " + context.exception());
        }
        if (context.exception() instanceof TransactionCanceledException e && e.hasCancellationReasons()) {
            if (e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) conflicts.increment();
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                conditionsFailed.increment();
            }
            if (Boolean.getBoolean("bench.debug")) System.out.println("cancelled: " + e.cancellationReasons());
        } else if (context.exception() instanceof ConditionalCheckFailedException) {
            conditionsFailed.increment();
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        var total = ReturnConsumedCapacity.TOTAL;
        var r = context.request();
        if (r instanceof GetItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof PutItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof UpdateItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof DeleteItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof QueryRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof ScanRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof BatchGetItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof BatchWriteItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof TransactGetItemsRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof TransactWriteItemsRequest x) {
            for (var action : x.transactItems()) {
                transactionWriteBySize.add(action.put() != null ? 2 * Math.ceil(size(action.put().item()) / 1024.0) : 2);
            }
            return x.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        calls.increment();
        var r = context.response();
        if (r instanceof GetItemResponse x) add(read, x.consumedCapacity());
        else if (r instanceof QueryResponse x) add(read, x.consumedCapacity());
        else if (r instanceof ScanResponse x) add(read, x.consumedCapacity());
        else if (r instanceof BatchGetItemResponse x) add(read, x.consumedCapacity());
        else if (r instanceof TransactGetItemsResponse x) add(read, x.consumedCapacity());
        else if (r instanceof PutItemResponse x) add(write, x.consumedCapacity());
        else if (r instanceof UpdateItemResponse x) add(write, x.consumedCapacity());
        else if (r instanceof DeleteItemResponse x) add(write, x.consumedCapacity());
        else if (r instanceof BatchWriteItemResponse x) add(write, x.consumedCapacity());
        else if (r instanceof TransactWriteItemsResponse x) {
            transactions.increment();
            double before = write.sum();
            add(write, x.consumedCapacity());
            transactionWriteReported.add(write.sum() - before);
        }
    }

    private void add(DoubleAdder sum, ConsumedCapacity c) {
        if (c == null || c.capacityUnits() == null) unreported.increment();
        else sum.add(c.capacityUnits());
    }

    private void add(DoubleAdder sum, List<ConsumedCapacity> list) {
        if (list == null || list.isEmpty()) unreported.increment();
        else list.forEach(c -> add(sum, c));
    }

    /** An item's size as DynamoDB counts it (names and values; numbers about half their digits). */
    static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (var e : item.entrySet()) bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        return bytes;
    }

    private static long size(AttributeValue v) {
        if (v.s() != null) return v.s().getBytes(StandardCharsets.UTF_8).length;
        if (v.n() != null) return v.n().length() / 2 + 1;
        if (v.hasM()) return 3 + size(v.m());
        if (v.hasL()) return 3 + v.l().stream().mapToLong(ConsumedCapacityMeter::size).sum();
        if (v.hasSs()) return v.ss().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        if (v.hasNs()) return v.ns().stream().mapToLong(n -> n.length() / 2 + 1).sum();
        return 1;
    }

    /** A client on the given endpoint that this meter watches. */
    software.amazon.awssdk.services.dynamodb.DynamoDbClient client(String endpoint) {
        return software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(java.net.URI.create(endpoint))
                .region(software.amazon.awssdk.regions.Region.EU_WEST_3)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(this)).build();
    }

    /** The counts at one moment, to tell what a step added. */
    record Mark(double read, double write, double transactionBySize, double transactionReported, long calls,
            long transactions) {
        Mark minus(Mark earlier) {
            return new Mark(read - earlier.read, write - earlier.write, transactionBySize - earlier.transactionBySize,
                    transactionReported - earlier.transactionReported, calls - earlier.calls,
                    transactions - earlier.transactions);
        }

        /**
         * Write units as reported (DynamoDB Local reports every call; its figure for a transaction includes the writes
         * to the tables' secondary indexes, which DynamoDB bills too, so it is above {@link #transactionBySize}, the
         * base tables' share alone).
         */
        double billedWrite() {
            return write;
        }
    }

    Mark mark() {
        return new Mark(read.sum(), write.sum(), transactionWriteBySize.sum(), transactionWriteReported.sum(), calls.sum(),
                transactions.sum());
    }
}
