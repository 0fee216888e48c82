package com.omnicanal.catalog.api;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.omnicanal.catalog.ImportingFeeds;
import com.omnicanal.catalog.feed.FeedFiles;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The feed bucket's trigger: each file uploaded under feeds/ (feeds/{feedId}.jsonl) is applied as that feed, by the
 * same import as the API's. A feed refused (too broken, its id reused with other content, superseded by a newer one)
 * is reported and not retried: the same file would be refused again. Any other failure is thrown, so Lambda invokes
 * again and the feed resumes after its last batch written.
 */
public final class FeedUploads implements Function<S3Event, FeedUploads.Result> {
    private static final Logger LOG = Logger.getLogger(FeedUploads.class.getName());
    private static final Pattern KEY = Pattern.compile("^feeds/([A-Za-z0-9._-]{1,100})\\.jsonl$");

    private final ImportingFeeds importing;
    private final BiFunction<String, String, String> objects;

    /** {@code objects} reads an object's text by bucket and key. */
    public FeedUploads(ImportingFeeds importing, BiFunction<String, String, String> objects) {
        this.importing = importing;
        this.objects = objects;
    }

    public record Outcome(String key, String feedId, String result, Object report) {
    }

    public record Result(List<Outcome> feeds) {
    }

    @Override
    public Result apply(S3Event event) {
        var outcomes = new ArrayList<Outcome>();
        for (var record : event.getRecords()) {
            var bucket = record.getS3().getBucket().getName();
            var key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            var matcher = KEY.matcher(key);
            if (!matcher.matches()) {
                LOG.warning(() -> "feed bucket: " + key + " is not feeds/{feedId}.jsonl; left alone");
                outcomes.add(new Outcome(key, null, "ignored", null));
                continue;
            }
            var feedId = matcher.group(1);
            // the bucket's own identity applies the feed: only ops can write there (template.yaml)
            var actor = Actor.ops("feed-bucket:" + bucket);
            try {
                var outcome = importing.apply(actor, FeedFiles.jsonLines(feedId, objects.apply(bucket, key)));
                outcomes.add(new Outcome(key, feedId, outcome.replayed() ? "replayed" : "applied", outcome.report()));
            } catch (DomainException refused) {
                LOG.warning(() -> "feed " + feedId + " refused: " + refused.getMessage());
                outcomes.add(new Outcome(key, feedId, "refused", refused.getMessage()));
            }
        }
        return new Result(outcomes);
    }
}
