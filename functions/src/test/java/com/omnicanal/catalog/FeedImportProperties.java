package com.omnicanal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.catalog.dynamo.DynamoCatalog;
import com.omnicanal.catalog.dynamo.DynamoCatalogFeeds;
import com.omnicanal.catalog.feed.FeedFiles;
import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The import's promise: whatever sequence of feeds is applied (some cut short by a crash after any write, some sent
 * again, which resumes them or replays them), the products sold at the end are exactly those of the last feed whose
 * run completed, as if it alone had been applied to an empty catalogue; and no product is ever deleted (the others
 * are discontinued, keeping their history). Checked in memory (the model) and on DynamoDB Local (the adapters).
 */
class FeedImportProperties {
    private static final Actor OPS = Actor.ops("ops-properties");
    /** Small batches, so that a feed of a few lines has several, and a crash can fall between any two writes. */
    private static final CatalogPolicy POLICY = new CatalogPolicy(2, 1000, 0.34, Duration.ofSeconds(10));
    private static DynamoDbLocal dynamo;

    /** A feed's content: its lines as the PIM writes them. */
    record Spec(String id, List<String> lines) {
        String content() {
            return String.join("\n", lines) + "\n";
        }
    }

    /** Apply feed {@code feed}; if {@code crashAfter} is set, the process dies before that many more writes. */
    record Step(int feed, Integer crashAfter) {
    }

    @BeforeContainer
    static void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterContainer
    static void stop() {
        dynamo.close();
    }

    @Property(tries = 300)
    void inMemoryTheLastCompleteFeedIsTheCatalogue(@ForAll("feeds") List<Spec> feeds, @ForAll("steps") List<Step> steps) {
        var catalog = new InMemoryCatalog();
        check(catalog, catalog, feeds, steps);
    }

    @Property(tries = 25)
    void onDynamoDbLocalTheLastCompleteFeedIsTheCatalogue(@ForAll("feeds") List<Spec> feeds, @ForAll("steps") List<Step> steps) {
        var backend = new TestBackend(dynamo.client());
        backend.resetTables();
        check(new DynamoCatalog(dynamo.client(), backend.tables.catalog(), ZoneId.of("Europe/Paris")),
                new DynamoCatalogFeeds(dynamo.client(), backend.tables.catalog()), feeds, steps);
    }

    private static void check(Catalog catalog, CatalogFeeds store, List<Spec> feeds, List<Step> steps) {
        var clock = new MutableClock(TestBackend.START);
        var crashing = new CrashingFeeds(store);
        var importing = new ImportingFeeds(crashing, POLICY, clock);
        Spec lastComplete = null;
        var everAccepted = new HashSet<String>();
        for (var step : steps) {
            var spec = feeds.get(step.feed() % feeds.size());
            clock.advance(Duration.ofMinutes(1));
            crashing.allow(step.crashAfter());
            try {
                var outcome = importing.apply(OPS, FeedFiles.jsonLines(spec.id(), spec.content()));
                var report = outcome.report();
                assertThat(report.created() + report.changed() + report.unchanged() + report.rejected())
                        .as("every line of %s is counted once", spec.id()).isEqualTo(report.lines());
                if (!outcome.replayed()) lastComplete = spec;
                everAccepted.addAll(alone(spec).keySet());
            } catch (Crash crash) {
                // the process died: what was written stays, the feed is RUNNING
            } catch (DomainException.InvalidInput refused) {
                // a feed too broken to apply changes nothing
            }
        }
        crashing.allow(null);
        if (lastComplete == null) return;
        var all = catalog.products(catalog.listing().stream().map(Listing::sku).toList()).values();
        var sold = all.stream().filter(Product::sellable)
                .collect(Collectors.toMap(Product::sku, p -> p, (a, b) -> a, TreeMap::new));
        assertThat(sold).as("sold after %s", steps).isEqualTo(new TreeMap<>(alone(lastComplete)));
        for (var product : all) {
            // what a hold reads (product and store in one round trip) resolves the product as a read of it alone
            var read = catalog.productAndStore(product.sku(), "no-such-store");
            assertThat(read.product()).as("%s read with a store", product.sku()).contains(product);
            assertThat(read.store()).isEmpty();
        }
        var known = all.stream().map(Product::sku).collect(Collectors.toSet());
        assertThat(known).as("every product a completed feed listed is kept").containsAll(everAccepted);
    }

    /** The products sold after applying only this feed to an empty catalogue. */
    private static Map<String, Product> alone(Spec spec) {
        var fresh = new InMemoryCatalog();
        try {
            new ImportingFeeds(fresh, POLICY, new MutableClock(TestBackend.START)).apply(OPS,
                    FeedFiles.jsonLines(spec.id(), spec.content()));
        } catch (DomainException.InvalidInput refused) {
            return Map.of();
        }
        return fresh.products().stream().filter(Product::sellable).collect(Collectors.toMap(Product::sku, p -> p));
    }

    static final class Crash extends RuntimeException {
        Crash() {
            super("crash", null, false, false);
        }
    }

    /** The real port, until the process dies before a write (after {@code allowed} writes). */
    static final class CrashingFeeds implements CatalogFeeds {
        private final CatalogFeeds real;
        private Integer allowed;

        CrashingFeeds(CatalogFeeds real) {
            this.real = real;
        }

        void allow(Integer writes) {
            allowed = writes;
        }

        private void write() {
            if (allowed == null) return;
            if (allowed == 0) throw new Crash();
            allowed--;
        }

        public Optional<FeedRecord> feed(String feedId) {
            return real.feed(feedId);
        }

        public long currentEpoch() {
            return real.currentEpoch();
        }

        public boolean begin(FeedRecord run, long previousEpoch) {
            write();
            return real.begin(run, previousEpoch);
        }

        public List<FeedReport.BatchResult> batches(String feedId, long epoch) {
            return real.batches(feedId, epoch);
        }

        public Map<String, Product> products(Collection<String> skus) {
            return real.products(skus);
        }

        public BatchOutcome applyBatch(String feedId, long epoch, FeedReport.BatchResult result, List<Change> changes, Instant at) {
            write();
            return real.applyBatch(feedId, epoch, result, changes, at);
        }

        public Set<String> sellable() {
            return real.sellable();
        }

        public Optional<Integer> discontinue(String feedId, long epoch, Collection<String> skus, Instant at) {
            write();
            return real.discontinue(feedId, epoch, skus, at);
        }

        public int discontinued(String feedId, long epoch) {
            return real.discontinued(feedId, epoch);
        }

        public boolean complete(String feedId, long epoch, FeedReport report) {
            write();
            return real.complete(feedId, epoch, report);
        }
    }

    @Provide
    Arbitrary<List<Spec>> feeds() {
        var line = Combinators.combine(Arbitraries.of("SKU-A", "SKU-B", "SKU-C", "SKU-D", "SKU-E", "SKU-F"),
                Arbitraries.of("T-shirt bleu", "Veste en lin", "Bougie figue"), Arbitraries.of(990, 2990, 4500, -1))
                .as((sku, name, price) -> "{\"sku\":\"" + sku + "\",\"name\":\"" + name
                        + "\",\"category\":\"c\",\"brand\":\"b\",\"priceCents\":" + price + ",\"currency\":\"EUR\"}");
        var lines = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, line), net.jqwik.api.Tuple.of(1, Arbitraries.just("not json")))
                .list().ofMinSize(1).ofMaxSize(7);
        return lines.list().ofMinSize(1).ofMaxSize(4).map(contents -> {
            var specs = new ArrayList<Spec>();
            for (int i = 0; i < contents.size(); i++) specs.add(new Spec("feed-" + i, contents.get(i)));
            return specs;
        });
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        var crash = Arbitraries.integers().between(0, 6).injectNull(0.5);
        return Combinators.combine(Arbitraries.integers().between(0, 3), crash).as(Step::new).list().ofMinSize(1).ofMaxSize(8);
    }
}
