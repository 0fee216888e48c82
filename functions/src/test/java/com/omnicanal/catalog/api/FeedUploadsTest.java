package com.omnicanal.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.omnicanal.catalog.CatalogPolicy;
import com.omnicanal.catalog.ImportingFeeds;
import com.omnicanal.catalog.InMemoryCatalog;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.TestBackend;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feed bucket's trigger, fed the sample event (events/s3-catalog-feed.json) as the Lambda runtime reads it. */
class FeedUploadsTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final Map<String, String> bucket = new HashMap<>();
    private final FeedUploads uploads = new FeedUploads(new ImportingFeeds(catalog, CatalogPolicy.DEFAULT,
            new MutableClock(TestBackend.START)), (name, key) -> {
                var content = bucket.get(name + "/" + key);
                if (content == null) throw new IllegalStateException("S3 is unreachable");
                return content;
            });

    private static S3Event event(String key) throws Exception {
        var json = Files.readString(Path.of("..", "events", "s3-catalog-feed.json")).replace("feeds/pim-2026-11-23.jsonl", key);
        return LambdaEventSerializers.serializerFor(S3Event.class, FeedUploadsTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private void upload(String key, String content) {
        bucket.put("acme-omnicanal-catalog-feeds/" + key, content);
    }

    @Test
    void anUploadedFeedIsAppliedUnderItsFileNameAndOnceOnly() throws Exception {
        upload("feeds/pim-2026-11-23.jsonl", Files.readString(Path.of("..", "local", "src", "main", "resources", "demo", "products.jsonl")));

        var first = uploads.apply(event("feeds/pim-2026-11-23.jsonl"));
        var again = uploads.apply(event("feeds/pim-2026-11-23.jsonl"));

        assertThat(first.feeds()).singleElement().satisfies(o -> {
            assertThat(o.feedId()).isEqualTo("pim-2026-11-23");
            assertThat(o.result()).isEqualTo("applied");
        });
        assertThat(again.feeds().get(0).result()).isEqualTo("replayed");
        assertThat(catalog.products()).hasSize(50);
    }

    @Test
    void aFeedRefusedIsReportedNotRetriedAndAFileOutsideFeedsIsLeftAlone() throws Exception {
        upload("feeds/broken.jsonl", "not json\n{}\n");

        assertThat(uploads.apply(event("feeds/broken.jsonl")).feeds().get(0).result()).isEqualTo("refused");
        assertThat(uploads.apply(event("archive/old.csv")).feeds().get(0).result()).isEqualTo("ignored");
        assertThat(catalog.products()).isEmpty();
    }

    @Test
    void aFailureToReadIsThrownSoThatLambdaInvokesAgain() {
        assertThatThrownBy(() -> uploads.apply(event("feeds/not-there-yet.jsonl"))).isInstanceOf(IllegalStateException.class);
    }
}
