package com.omnicanal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
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

    @Test
    void searchIgnoresCaseAccentsAndWordOrder() {
        assertThat(service.search("LIN veste", null, null).items()).extracting(ProductSummary::sku)
                .contains("VES-LIN-BEI-M").allMatch(s -> s.startsWith("VES-LIN"));
        assertThat(service.search("ecru", null, null).items()).isNotEmpty()
                .allMatch(p -> p.color().equals("écru"));
        assertThat(service.search("zzz-nothing", null, null).items()).isEmpty();
    }

    @Test
    void availabilitySumsWhatIsFreeEverywhere() {
        var jacket = service.search("VES-LIN-BEI-M", null, null).items().get(0);
        assertThat(jacket.availability()).isEqualTo(new ProductSummary.Availability(3, 2, 9));
    }

    @Test
    void pagesCoverTheWholeCatalogueOnceInSkuOrder() {
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var page = service.search(null, cursor, 7);
            page.items().forEach(p -> seen.add(p.sku()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).hasSize(50).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void badPagingInputIsNamed() {
        assertThatThrownBy(() -> service.search(null, "not-a-cursor!", null))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> service.search(null, null, 0)).isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> service.search(null, null, 101)).isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void seedDataIsWhatTheDemoPromises() {
        assertThat(catalog.products()).hasSize(50);
        assertThat(catalog.stores()).hasSizeGreaterThanOrEqualTo(5)
                .allMatch(s -> s.address().country().equals("FR") && !s.openingHours().isEmpty());
    }
}
