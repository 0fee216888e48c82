package com.omnicanal.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.omnicanal.infrastructure.dynamo.StreamImages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What Lambda's event source mapping does, for DynamoDB Local: reads a table's stream, hands the records its filter
 * lets through to one function in batches, retries a batch from its first failed record (with backoff) up to the same
 * limit as template.yaml, then parks the record in a local dead-letter list. One poller per event source, as on AWS.
 */
public final class LocalStreamPoller implements AutoCloseable {
    public static final int MAX_RETRIES = 5;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final StreamFilter filter;
    private final Function<DynamodbEvent, StreamsEventResponse> consumer;
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final AtomicLong roundsStarted = new AtomicLong();
    private volatile long lastIdleRound;
    private volatile boolean running = true;

    public LocalStreamPoller(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table, String name,
                             StreamFilter filter, Function<DynamodbEvent, StreamsEventResponse> consumer) {
        this.streams = streams;
        this.streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        this.filter = filter;
        this.consumer = consumer;
        this.thread = new Thread(this::run, "local-stream-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public List<String> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /**
     * Waits until every record written before this call has been handed over (a round of reads that began after it
     * found nothing new); false if that took longer than {@code timeout}.
     */
    public boolean awaitCaughtUp(java.time.Duration timeout) {
        long after = roundsStarted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastIdleRound <= after) {
            if (System.nanoTime() > deadline || !running) return false;
            sleepQuietly(20);
        }
        return true;
    }

    private void run() {
        var iterators = new HashMap<String, String>();
        var lastSeen = new HashMap<String, String>();
        while (running) {
            long round = roundsStarted.incrementAndGet();
            try {
                for (var shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
                    if (!iterators.containsKey(shard.shardId())) {
                        iterators.put(shard.shardId(), iterator(shard.shardId(), lastSeen.get(shard.shardId())));
                    }
                }
                boolean any = false;
                for (var entry : new ArrayList<>(iterators.entrySet())) {
                    if (entry.getValue() == null) continue;
                    var response = streams.getRecords(r -> r.shardIterator(entry.getValue()).limit(25));
                    iterators.put(entry.getKey(), response.nextShardIterator());
                    if (!response.records().isEmpty()) {
                        any = true;
                        var matching = response.records().stream().filter(filter::matches).toList();
                        if (!matching.isEmpty()) deliver(matching);
                        lastSeen.put(entry.getKey(), response.records().get(response.records().size() - 1)
                                .dynamodb().sequenceNumber());
                    }
                }
                if (!any) {
                    lastIdleRound = round;
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // an expired or trimmed iterator: start again after the last record handed over
                iterators.clear();
                if (running) sleepQuietly(200);
            }
        }
    }

    private String iterator(String shardId, String after) {
        if (after != null) {
            return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after)).shardIterator();
        }
        try {
            return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        } catch (RuntimeException emptyShard) {
            return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        }
    }

    /** Like Lambda with ReportBatchItemFailures: retry from the first failure, then give up to the dead-letter list. */
    private void deliver(List<Record> records) {
        var pending = new ArrayList<>(records);
        int retries = 0;
        while (!pending.isEmpty() && running) {
            var response = consumer.apply(event(pending));
            var failures = response == null || response.getBatchItemFailures() == null ? List.<StreamsEventResponse.BatchItemFailure>of()
                    : response.getBatchItemFailures();
            if (failures.isEmpty()) return;
            var first = failures.stream().map(f -> new java.math.BigInteger(f.getItemIdentifier()))
                    .min(java.math.BigInteger::compareTo).orElseThrow();
            pending.removeIf(r -> new java.math.BigInteger(r.dynamodb().sequenceNumber()).compareTo(first) < 0);
            if (++retries > MAX_RETRIES) {
                deadLetters.add(pending.get(0).dynamodb().keys().get("id").s());
                pending.remove(0);
                retries = 0;
            } else {
                sleepQuietly(Math.min(5000, 200L << retries));
            }
        }
    }

    private static DynamodbEvent event(List<Record> records) {
        var list = new ArrayList<DynamodbEvent.DynamodbStreamRecord>();
        for (var r : records) {
            var record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(r.eventID());
            record.setEventName(r.eventNameAsString());
            record.setEventSource("aws:dynamodb");
            var stream = new StreamRecord().withSequenceNumber(r.dynamodb().sequenceNumber())
                    .withKeys(StreamImages.toLambda(r.dynamodb().keys()));
            if (r.dynamodb().hasNewImage()) stream.setNewImage(StreamImages.toLambda(r.dynamodb().newImage()));
            if (r.dynamodb().hasOldImage()) stream.setOldImage(StreamImages.toLambda(r.dynamodb().oldImage()));
            record.setDynamodb(stream);
            list.add(record);
        }
        var event = new DynamodbEvent();
        event.setRecords(list);
        return event;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
