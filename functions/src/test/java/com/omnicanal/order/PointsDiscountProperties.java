package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.reward.RewardCode;
import com.omnicanal.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * What an order partly paid with points costs in money, line by line and unit by unit: what capture, earning and a
 * return's refund all rest on.
 */
@Tag("fast")
class PointsDiscountProperties {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private static Order order(List<Order.Line> lines, int off) {
        int total = lines.stream().mapToInt(l -> l.quantity() * l.unitPriceCents()).sum();
        var order = new Order("o-1", "cust-camille", "paris-rivoli", "Paris Rivoli", lines, null, "pa_1", total,
                OrderStatus.PLACED, null, 0, false, NOW, null, null, null, List.of(), List.of(), List.of(), NOW);
        return off == 0 ? order : order.withDiscount(new Order.Discount("FIDEL-AAAA-BBBB-CCCC", off * 100L / 5, off));
    }

    @Provide
    Arbitrary<Order> discounted() {
        var line = Combinators.combine(Arbitraries.integers().between(1, 10), Arbitraries.integers().between(1, 50_000))
                .as((q, p) -> new int[] {q, p});
        return line.list().ofMinSize(1).ofMaxSize(25).flatMap(specs -> {
            var lines = new ArrayList<Order.Line>();
            for (int i = 0; i < specs.size(); i++) {
                lines.add(new Order.Line("SKU-" + i, "p" + i, specs.get(i)[0], specs.get(i)[1], "paris-rivoli"));
            }
            int total = lines.stream().mapToInt(l -> l.quantity() * l.unitPriceCents()).sum();
            return Arbitraries.integers().between(0, total).map(off -> order(lines, off));
        });
    }

    @Property(tries = 300)
    @Tag("fast")
    void theLinesPaidAddUpToWhatIsDueAndNoLineCostsMoreThanItsPriceOrLessThanNothing(@ForAll("discounted") Order order) {
        var paid = order.paidBySku();
        assertThat(paid.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(order.amountDueCents());
        for (var line : order.lines()) {
            long price = (long) line.quantity() * line.unitPriceCents();
            assertThat(paid.get(line.sku())).isBetween(0L, price);
            // a refund of every unit never gives back more than the line cost in money
            assertThat((long) order.paidPerUnitCents(line.sku()) * line.quantity()).isLessThanOrEqualTo(paid.get(line.sku()))
                    .isGreaterThan(paid.get(line.sku()) - line.quantity());
        }
    }

    @Example
    @Tag("fast")
    void theDiscountIsSpreadProRataOfTheLinesPrices() {
        // 60 € and 20 €, 20 € off: the lines carry 15 € and 5 € of it
        var order = order(List.of(new Order.Line("A", "a", 2, 3000, "s"), new Order.Line("B", "b", 1, 2000, "s")), 2000);
        assertThat(order.amountDueCents()).isEqualTo(6000);
        assertThat(order.paidBySku()).containsEntry("A", 4500L).containsEntry("B", 1500L);
        assertThat(order.paidPerUnitCents("A")).isEqualTo(2250);
        // without a discount, what was paid is the price
        var plain = order(List.of(new Order.Line("A", "a", 3, 999, "s")), 0);
        assertThat(plain.paidBySku()).containsEntry("A", 2997L);
        assertThat(plain.amountDueCents()).isEqualTo(2997);
    }

    @Example
    @Tag("fast")
    void aCodeIsUsableOnlyByItsOwnerUnusedAndBeforeItExpires() {
        var code = new RewardCode("FIDEL-AAAA-BBBB-CCCC", "cust-camille", null, 0, NOW.plus(Duration.ofDays(90)), null,
                2500, 500);
        assertThat(code.usableBy("cust-camille", NOW)).isEqualTo(code);
        assertThatThrownBy(() -> code.usableBy("cust-hugo", NOW)).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> code.redeemed(NOW).usableBy("cust-camille", NOW))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThatThrownBy(() -> code.usableBy("cust-camille", NOW.plus(Duration.ofDays(90))))
                .isInstanceOf(DomainException.Gone.class);
        // staff at the till: whoever is in front of them
        assertThat(code.usableBy(null, NOW)).isEqualTo(code);
    }
}
