package com.omnicanal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.catalog.feed.FeedFiles;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Applying feeds, in memory: what each line does, what a feed reports, and what is never done twice. */
class ImportingFeedsTest {
    private static final Actor OPS = Actor.ops("ops-nadia");
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final MutableClock clock = new MutableClock(TestBackend.START);
    private final ImportingFeeds importing = new ImportingFeeds(catalog, new CatalogPolicy(2, 1000, 0.34, Duration.ofSeconds(10)), clock);

    static String line(String sku, String name, int cents) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"category\":\"tshirts\",\"brand\":\"Atelier Canal\","
                + "\"size\":\"M\",\"color\":\"bleu\",\"priceCents\":" + cents + ",\"currency\":\"EUR\"}";
    }

    private ImportingFeeds.Outcome apply(String id, String... lines) {
        return importing.apply(OPS, FeedFiles.jsonLines(id, String.join("\n", lines)));
    }

    @Test
    void aFirstFeedCreatesItsProductsAndNamesEachRejectedLineWithItsReason() {
        var report = apply("f1", line("TSH-A", "T-shirt A", 1990), line("TSH-B", "T-shirt B", 2990), line("TSH-C", "T-shirt C", 3990),
                line("TSH-D", "T-shirt D", -5), "{\"sku\":\"TSH-E\",\"colour\":\"bleu\"}", line("TSH-A", "Again", 100),
                line("TSH-F", "T-shirt F", 990), line("TSH-G", "T-shirt G", 990), line("TSH-H", "T-shirt H", 990)).report();

        assertThat(report.status()).isEqualTo(FeedReport.Status.COMPLETE);
        assertThat(report.lines()).isEqualTo(9);
        assertThat(report.created()).isEqualTo(6);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.rejections()).extracting(FeedReport.Rejection::line).containsExactly(4, 5, 6);
        assertThat(report.rejections().get(0).reason()).contains("priceCents");
        assertThat(report.rejections().get(1).reason()).contains("colour");
        assertThat(report.rejections().get(2).reason()).contains("already on line 1");
        assertThat(catalog.product("TSH-A").orElseThrow().name()).isEqualTo("T-shirt A");
        assertThat(catalog.product("TSH-D")).isEmpty();
    }

    @Test
    void aLaterFeedCountsWhatChangedAndDiscontinuesWhatItLeftOutWithoutDeletingIt() {
        apply("f1", line("TSH-A", "T-shirt A", 1990), line("TSH-B", "T-shirt B", 2990), line("TSH-C", "T-shirt C", 3990));

        var report = apply("f2", line("TSH-A", "T-shirt A", 1990), line("TSH-B", "T-shirt B", 2490), line("TSH-D", "T-shirt D", 990)).report();

        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.changed()).isEqualTo(1);
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.discontinued()).isEqualTo(1);
        var left = catalog.product("TSH-C").orElseThrow();
        assertThat(left.sellable()).isFalse();
        assertThat(left.pricing().priceCents()).as("its history is kept").isEqualTo(3990);
        assertThat(catalog.product("TSH-B").orElseThrow().pricing().priceCents()).isEqualTo(2490);

        var back = apply("f3", line("TSH-A", "T-shirt A", 1990), line("TSH-C", "T-shirt C", 3990)).report();
        assertThat(back.changed()).as("sold again").isEqualTo(1);
        assertThat(catalog.product("TSH-C").orElseThrow().sellable()).isTrue();
    }

    @Test
    void theSameFeedAgainChangesNothingAndAnswersItsReport() {
        var first = apply("f1", line("TSH-A", "T-shirt A", 1990), line("TSH-B", "T-shirt B", 2990));
        apply("f2", line("TSH-A", "T-shirt A", 990));

        var again = apply("f1", line("TSH-A", "T-shirt A", 1990), line("TSH-B", "T-shirt B", 2990));

        assertThat(again.replayed()).isTrue();
        assertThat(again.report()).isEqualTo(first.report());
        assertThat(catalog.product("TSH-A").orElseThrow().pricing().priceCents()).as("f2 still holds").isEqualTo(990);
        assertThat(catalog.product("TSH-B").orElseThrow().sellable()).isFalse();
    }

    @Test
    void anotherContentUnderAFeedIdAlreadyUsedIsRefusedAndChangesNothing() {
        apply("f1", line("TSH-A", "T-shirt A", 1990));

        assertThatThrownBy(() -> apply("f1", line("TSH-A", "T-shirt A", 10)))
                .isInstanceOf(DomainException.IdempotencyConflict.class);
        assertThat(catalog.product("TSH-A").orElseThrow().pricing().priceCents()).isEqualTo(1990);
    }

    @Test
    void aFeedTooBrokenToTrustIsRefusedWholeAndChangesNothing() {
        apply("f1", line("TSH-A", "T-shirt A", 1990), line("TSH-B", "T-shirt B", 2990));

        assertThatThrownBy(() -> apply("f2", line("TSH-A", "T-shirt A", 990), "garbage", "{}"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).contains("body", "line 2", "line 3"));
        assertThatThrownBy(() -> apply("f3", "", " ")).isInstanceOf(DomainException.InvalidInput.class);

        assertThat(catalog.product("TSH-A").orElseThrow().pricing().priceCents()).isEqualTo(1990);
        assertThat(catalog.product("TSH-B").orElseThrow().sellable()).isTrue();
        assertThat(catalog.feed("f2")).as("a refused feed can be sent again, corrected, under its id").isEmpty();
    }

    @Test
    void onlyOpsApplyFeedsOrReadTheirReports() {
        assertThatThrownBy(() -> importing.apply(Actor.staff("staff-lea", "paris-rivoli"),
                FeedFiles.jsonLines("f1", line("TSH-A", "T-shirt A", 1990)))).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> importing.report(Actor.customer("cust-camille"), "f1")).isInstanceOf(DomainException.Forbidden.class);
        assertThat(catalog.products()).isEmpty();
    }

    @Test
    void aFeedCutShortIsNotOnSaleYetAndResumesAfterItsLastBatch() {
        apply("f1", line("TSH-A", "T-shirt A", 1990), line("TSH-B", "T-shirt B", 2990));
        var crashing = new FeedImportProperties.CrashingFeeds(catalog);
        var lines = new String[] {line("TSH-A", "T-shirt A", 990), line("TSH-B", "T-shirt B", 990),
                line("TSH-C", "T-shirt C", 990), line("TSH-D", "T-shirt D", 990), line("TSH-E", "T-shirt E", 990)};
        crashing.allow(3); // begins, writes two batches of two, dies before the third
        var cut = new ImportingFeeds(crashing, new CatalogPolicy(2, 1000, 0.34, Duration.ofSeconds(10)), clock);
        assertThatThrownBy(() -> cut.apply(OPS, FeedFiles.jsonLines("f2", String.join("\n", lines))))
                .isInstanceOf(FeedImportProperties.Crash.class);

        assertThat(catalog.product("TSH-A").orElseThrow().pricing().priceCents()).as("nothing of f2 on sale").isEqualTo(1990);
        assertThat(catalog.product("TSH-C")).isEmpty();
        var progress = importing.report(OPS, "f2");
        assertThat(progress.status()).isEqualTo(FeedReport.Status.RUNNING);
        assertThat(progress.changed() + progress.created()).isEqualTo(4);

        crashing.allow(null);
        var resumed = cut.apply(OPS, FeedFiles.jsonLines("f2", String.join("\n", lines))).report();

        assertThat(resumed.changed()).isEqualTo(2);
        assertThat(resumed.created()).isEqualTo(3);
        assertThat(catalog.products()).allMatch(p -> p.pricing().priceCents() == 990);
    }

    @Test
    void aRunCutShortAndOvertakenByANewerFeedIsSupersededAndStartsAfreshWhenSentAgain() {
        var crashing = new FeedImportProperties.CrashingFeeds(catalog);
        var cut = new ImportingFeeds(crashing, new CatalogPolicy(2, 1000, 0.34, Duration.ofSeconds(10)), clock);
        var old = String.join("\n", line("TSH-A", "Old A", 100), line("TSH-B", "Old B", 100), line("TSH-C", "Old C", 100));
        crashing.allow(2);
        assertThatThrownBy(() -> cut.apply(OPS, FeedFiles.jsonLines("old", old))).isInstanceOf(FeedImportProperties.Crash.class);
        apply("new", line("TSH-A", "New A", 200));

        assertThat(importing.report(OPS, "old").status()).isEqualTo(FeedReport.Status.SUPERSEDED);
        assertThat(catalog.products()).extracting(Product::name).containsExactly("New A");

        var again = importing.apply(OPS, FeedFiles.jsonLines("old", old)).report();
        assertThat(again.created() + again.changed()).isEqualTo(3);
        assertThat(catalog.products()).extracting(Product::name).containsExactly("Old A", "Old B", "Old C");
    }
}
