package com.omnicanal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.catalog.feed.CatalogFiles;
import com.omnicanal.catalog.feed.FeedFiles;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import com.omnicanal.stock.CatalogFigures;
import com.omnicanal.stock.StockLedger;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DemoCatalog;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.TestBackend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SearchingProductsTest {
    /** Read-only stock for the catalogue: a fixed list of levels. */
    record FixedStock(List<StockLevel> all) implements StockLedger {
        public List<StockLevel> levels(String sku) {
            return all.stream().filter(l -> l.sku().equals(sku)).toList();
        }

        public Map<String, List<StockLevel>> levels(Collection<String> skus) {
            return all.stream().filter(l -> skus.contains(l.sku())).collect(Collectors.groupingBy(StockLevel::sku));
        }

        public long lastAppliedFeed(String storeId) {
            throw new UnsupportedOperationException();
        }

        public CountOutcome applyCount(String storeId, long seq, String sku, int onHand) {
            throw new UnsupportedOperationException();
        }

        public void recordFeed(String storeId, long seq) {
            throw new UnsupportedOperationException();
        }
    }

    private final InMemoryCatalog catalog = DemoCatalog.inMemory();
    private final MutableClock clock = new MutableClock(TestBackend.START);
    private final SearchingProducts service = new SearchingProducts(catalog, new CatalogFigures(new FixedStock(List.of(
            new StockLevel("VES-LIN-BEI-M", "WEB", 4, 1),
            new StockLevel("VES-LIN-BEI-M", "paris-rivoli", 0, 0),
            new StockLevel("VES-LIN-BEI-M", "lyon-republique", 5, 2),
            new StockLevel("VES-LIN-BEI-M", "paris-saint-germain", 3, 0)))), CatalogPolicy.DEFAULT, clock);

    private Page<ProductSummary> search(String text) {
        return service.search(SearchingProducts.Search.text(text));
    }

    @Test
    void searchIgnoresCaseAccentsAndWordOrder() {
        assertThat(search("LIN veste").items()).extracting(ProductSummary::sku)
                .contains("VES-LIN-BEI-M").allMatch(s -> s.startsWith("VES-LIN"));
        assertThat(search("ecru").items()).isNotEmpty().allMatch(p -> p.color().equals("écru"));
        assertThat(search("zzz-nothing").items()).isEmpty();
    }

    @Test
    void wordsAreFoundInTheNameBrandColourAndSizeAndACategoryNarrowsTheSearch() {
        assertThat(search("atelier bleu XL").items()).extracting(ProductSummary::sku).containsExactly("TSH-COT-BLU-XL");
        var vestes = service.search(new SearchingProducts.Search(null, "vestes", null, null, null, null, 100)).items();
        assertThat(vestes).isNotEmpty().allMatch(p -> p.category().equals("vestes"));
        assertThat(service.search(new SearchingProducts.Search("bleu", "vestes", null, null, null, null, 100)).items())
                .allMatch(p -> p.category().equals("vestes") && p.color().contains("bleu"));
    }

    @Test
    void availabilitySumsWhatIsFreeEverywhere() {
        var jacket = search("VES-LIN-BEI-M").items().get(0);
        assertThat(jacket.availability()).isEqualTo(new ProductSummary.Availability(3, 2, 9));
        assertThat(jacket.nearby()).as("only for a search near the shopper").isNull();
    }

    @Test
    void inStockNearMeKeepsWhatAStoreWithinTheRadiusHasAndSaysWhereAndHowFar() {
        // on the Pont Neuf: Paris Rivoli (0 free) and Saint-Germain (3 free) are within 3 km, Lyon is not
        var near = service.search(new SearchingProducts.Search("veste", null, 48.8570, 2.3413, 3, null, null)).items();
        assertThat(near).extracting(ProductSummary::sku).containsExactly("VES-LIN-BEI-M");
        assertThat(near.get(0).nearby()).singleElement().satisfies(n -> {
            assertThat(n.storeId()).isEqualTo("paris-saint-germain");
            assertThat(n.available()).isEqualTo(3);
            assertThat(n.distanceKm()).isBetween(0.5, 3.0);
        });
        var inLyon = service.search(new SearchingProducts.Search("veste", null, 45.7640, 4.8357, null, null, null)).items();
        assertThat(inLyon.get(0).nearby()).extracting(ProductSummary.Nearby::storeId).containsExactly("lyon-republique");
        assertThat(service.search(new SearchingProducts.Search("veste", null, 43.6047, 1.4442, 20, null, null)).items())
                .as("nothing near Toulouse").isEmpty();
    }

    @Test
    void aNewPriceOrADiscontinuationShowsAtOnceWithoutWaitingForTheIndex() {
        assertThat(search("TSH-COT-BLU-M").items().get(0).priceCents()).isEqualTo(2990);
        var demo = CatalogFiles.resource("demo/products.jsonl");
        new ImportingFeeds(catalog, CatalogPolicy.DEFAULT, clock).apply(Actor.ops("ops-nadia"), FeedFiles.jsonLines("cheaper",
                demo.replace("\"sku\":\"TSH-COT-BLU-M\",\"name\":\"T-shirt coton bio bleu\",\"category\":\"tshirts\","
                        + "\"brand\":\"Atelier Canal\",\"size\":\"M\",\"color\":\"bleu\",\"priceCents\":2990",
                        "\"sku\":\"TSH-COT-BLU-M\",\"name\":\"T-shirt coton bio bleu\",\"category\":\"tshirts\","
                        + "\"brand\":\"Atelier Canal\",\"size\":\"M\",\"color\":\"bleu\",\"priceCents\":1990")
                        .lines().filter(l -> !l.contains("TSH-COT-BLU-L")).reduce("", (a, b) -> a + b + "\n")));

        assertThat(search("TSH-COT-BLU-M").items().get(0).priceCents()).isEqualTo(1990);
        assertThat(search("TSH-COT-BLU-L").items()).as("no longer sold").isEmpty();
    }

    @Test
    void pagesCoverTheWholeCatalogueOnceInSkuOrder() {
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var page = service.search(new SearchingProducts.Search(null, null, null, null, null, cursor, 7));
            page.items().forEach(p -> seen.add(p.sku()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).hasSize(50).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aCursorThisApiDidNotReturnOrAHalfPositionIsNamed() {
        assertThatThrownBy(() -> new SearchingProducts.Search(null, null, null, null, null, "not-a-cursor!", null))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> new SearchingProducts.Search(null, null, 48.85, null, null, null, null))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("lon"));
        assertThatThrownBy(() -> new SearchingProducts.Search(null, null, null, null, 5, null, null))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void seedDataIsWhatTheDemoPromises() {
        assertThat(catalog.products()).hasSize(50);
        assertThat(catalog.stores()).hasSizeGreaterThanOrEqualTo(5)
                .allMatch(s -> s.address().country().equals("FR") && !s.openingHours().isEmpty());
    }
}
