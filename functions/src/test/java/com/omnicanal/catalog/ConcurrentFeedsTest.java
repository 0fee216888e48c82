package com.omnicanal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.catalog.dynamo.DynamoCatalog;
import com.omnicanal.catalog.dynamo.DynamoCatalogFeeds;
import com.omnicanal.catalog.feed.FeedFiles;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.TestBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feeds applied at once on DynamoDB Local (the bucket's event delivered twice, ops pressing twice, two feeds racing):
 * one run's writes, counted once, and the catalogue sold is one whole feed, never a mix.
 */
class ConcurrentFeedsTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final Actor OPS = Actor.ops("ops-race");
    private static final int THREADS = 20;
    private TestBackend backend;
    private DynamoCatalog catalog;
    private ImportingFeeds importing;

    @BeforeEach
    void fresh() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        catalog = new DynamoCatalog(dynamo.client(), backend.tables.catalog(), ZoneId.of("Europe/Paris"));
        importing = new ImportingFeeds(new DynamoCatalogFeeds(dynamo.client(), backend.tables.catalog()),
                new CatalogPolicy(5, 1000, 0.1, Duration.ofSeconds(10)), Clock.systemUTC());
    }

    private static String feed(String name, int products) {
        return IntStream.range(0, products).mapToObj(i -> ImportingFeedsTest.line(String.format("SKU-%03d", i), name + " " + i, 1000 + i))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void theSameFeedSentTwentyTimesAtOnceIsAppliedOnceAndCountedOnce() throws Exception {
        var content = feed("Pull", 37);
        var results = race(i -> importing.apply(OPS, FeedFiles.jsonLines("same", content)));

        var reports = results.stream().filter(r -> r instanceof ImportingFeeds.Outcome).map(r -> ((ImportingFeeds.Outcome) r).report()).toList();
        assertThat(reports).as("every duplicate gets the one report, or is told to retry: %s", results).isNotEmpty();
        assertThat(results).allMatch(r -> r instanceof ImportingFeeds.Outcome || r instanceof DomainException.InvalidState);
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.created()).isEqualTo(37);
            assertThat(r.changed() + r.unchanged() + r.rejected()).isZero();
        });
        assertThat(catalog.products(catalog.listing().stream().map(Listing::sku).toList()).values()).hasSize(37).allMatch(Product::sellable);
    }

    @Test
    void twoFeedsRacingLeaveOneWholeFeedOnSale() throws Exception {
        var first = feed("Veste", 23);
        var second = feed("Robe", 31);
        var results = race(i -> importing.apply(OPS, FeedFiles.jsonLines(i % 2 == 0 ? "veste" : "robe", i % 2 == 0 ? first : second)));

        assertThat(results).anyMatch(r -> r instanceof ImportingFeeds.Outcome);
        var sold = catalog.products(catalog.listing().stream().map(Listing::sku).toList()).values().stream().filter(Product::sellable).toList();
        var names = sold.stream().map(p -> p.name().split(" ")[0]).distinct().toList();
        assertThat(names).as("one feed, whole").hasSize(1);
        assertThat(sold).hasSize(names.get(0).equals("Veste") ? 23 : 31);
    }

    /** Each task's report, or the DomainException it was refused with. */
    private static List<Object> race(Function<Integer, Object> call) throws Exception {
        return Race.of(THREADS).expecting(DomainException.class).run(call::apply).all().stream()
                .map(o -> o.succeeded() ? o.value() : o.failure()).toList();
    }
}
