package com.omnicanal.catalog.dynamo;

import com.omnicanal.catalog.CatalogFeeds;
import com.omnicanal.catalog.FeedReport;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The feeds in the Catalog table: a feed (pk FEED#id, sk FEED), and each batch written by a run (same pk, sk
 * RUN#epoch#BATCH#n, its result as a JSON document).
 */
final class FeedItems {
    private FeedItems() {
    }

    static Map<String, AttributeValue> feedKey(String feedId) {
        return Map.of("pk", AttributeValue.fromS(feedPk(feedId)), "sk", AttributeValue.fromS("FEED"));
    }

    static String feedPk(String feedId) {
        return "FEED#" + feedId;
    }

    /** Zero-padded, so the batches of a run sort in order under their run. */
    static String runPrefix(long epoch) {
        return String.format("RUN#%012d#BATCH#", epoch);
    }

    static Map<String, AttributeValue> batch(String feedId, long epoch, FeedReport.BatchResult result) {
        return Map.of("pk", AttributeValue.fromS(feedPk(feedId)),
                "sk", AttributeValue.fromS(runPrefix(epoch) + String.format("%06d", result.batch())),
                "result", JsonDocuments.write(result));
    }

    static FeedReport.BatchResult readBatch(Map<String, AttributeValue> item) {
        return JsonDocuments.read(item.get("result"), FeedReport.BatchResult.class);
    }

    static Map<String, AttributeValue> feed(CatalogFeeds.FeedRecord record) {
        var item = new HashMap<>(feedKey(record.feedId()));
        item.put("feedId", AttributeValue.fromS(record.feedId()));
        item.put("fingerprint", AttributeValue.fromS(record.fingerprint()));
        item.put("epoch", AttributeValue.fromN(Long.toString(record.epoch())));
        item.put("lines", AttributeValue.fromN(Integer.toString(record.lines())));
        item.put("status", AttributeValue.fromS(record.status().name()));
        item.put("startedAt", AttributeValue.fromS(Instants.format(record.startedAt())));
        item.put("discontinued", AttributeValue.fromN("0"));
        return item;
    }

    static CatalogFeeds.FeedRecord readFeed(Map<String, AttributeValue> item) {
        return new CatalogFeeds.FeedRecord(item.get("feedId").s(), item.get("fingerprint").s(),
                Long.parseLong(item.get("epoch").n()), Integer.parseInt(item.get("lines").n()),
                FeedReport.Status.valueOf(item.get("status").s()), Instants.parse(item.get("startedAt").s()),
                item.containsKey("report") ? JsonDocuments.read(item.get("report"), FeedReport.class) : null);
    }
}
