package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * What each parcel of a delivery order partly paid with points captures at its hand-over: its share of the amount due,
 * so that the captures of a split order, refusals and re-routings included, never exceed what the card was authorised
 * for, and add up to it once everything is shipped.
 */
@Tag("fast")
class ShipmentSharesProperties {

    @Property
    void theSharesAddUpToTheAmountAndNoParcelPaysMoreThanItsPrice(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 50_000) Integer> prices,
            @ForAll @IntRange(min = 0, max = 100) int percentPaid) {
        var gross = prices.stream().mapToInt(Integer::intValue).toArray();
        int total = Arrays.stream(gross).sum();
        int amount = (int) ((long) total * percentPaid / 100);
        var shares = DeliveryOrder.shares(amount, gross);
        assertThat(Arrays.stream(shares).sum()).isEqualTo(total == 0 ? 0 : amount);
        for (int i = 0; i < gross.length; i++) assertThat(shares[i]).isBetween(0, gross[i]);
    }

    @Property
    void withNothingOffEachParcelPaysItsPrice(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 50_000) Integer> prices) {
        var gross = prices.stream().mapToInt(Integer::intValue).toArray();
        assertThat(DeliveryOrder.shares(Arrays.stream(gross).sum(), gross)).containsExactly(gross);
    }

    /** A refused parcel's share goes, whole, to the parcels (and waiting lines) that take its lines over. */
    @Property
    void aRefusedParcelsShareIsSharedAgainWithoutLosingACent(
            @ForAll @Size(min = 2, max = 5) List<@IntRange(min = 1, max = 50_000) Integer> prices,
            @ForAll @IntRange(min = 0, max = 100) int percentPaid,
            @ForAll @IntRange(min = 1, max = 4) int pieces) {
        var gross = prices.stream().mapToInt(Integer::intValue).toArray();
        int total = Arrays.stream(gross).sum();
        int amount = (int) ((long) total * percentPaid / 100);
        var shares = DeliveryOrder.shares(amount, gross);
        // the first parcel is refused; its lines are split into `pieces` new parcels of equal price where possible
        var again = new int[pieces];
        for (int i = 0; i < pieces; i++) again[i] = gross[0] / pieces + (i < gross[0] % pieces ? 1 : 0);
        var reshared = DeliveryOrder.shares(shares[0], again);
        assertThat(Arrays.stream(reshared).sum() + Arrays.stream(shares).skip(1).sum()).isEqualTo(amount);
    }

    @Example
    void twoParcelsOfTheSamePriceShareAnOddCentByTheirOrder() {
        assertThat(DeliveryOrder.shares(101, new int[] {100, 100})).containsExactly(51, 50);
    }
}
