package com.omnicanal.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member's ledger is theirs: a merge gives the survivor one ledger (balance, pending points, batches, what a later
 * return takes back), an erasure keeps it for the accounts under an anonymous id with nothing personal, an export lists
 * it, and no other customer reaches it.
 */
class LoyaltyOfAPersonTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String WALK_IN = "cust-walkin";
    private static final String CAMILLE = "cust-camille";
    private TestBackend backend;
    private DynamoLoyaltyLedger ledger;
    private LoyaltyProgramme loyalty;

    @BeforeEach
    void fresh() {
        backend = dynamo.backend();
        backend.resetTables();
        ledger = new DynamoLoyaltyLedger(backend.dynamo, backend.tables);
        loyalty = LoyaltyProgramme.of(backend.catalog, ledger, ledger, null, () -> RewardCode.newCode(RewardCode.POINTS),
                new Members() {
                    @Override
                    public java.util.Optional<String> find(String card, String phone, String email) {
                        return java.util.Optional.of(card.equals("11112222") ? WALK_IN : CAMILLE);
                    }

                    @Override
                    public java.util.Optional<java.time.Month> birthMonth(String customerId) {
                        return java.util.Optional.empty();
                    }
                }, Duration.ofDays(30), backend.clock);
    }

    private void sale(String receipt, String card, String sku, int cents) {
        loyalty.sales().record(Actor.staff("staff-lea", "paris-rivoli"), "paris-rivoli", new RecordingSales.SaleReport(receipt,
                null, List.of(new Receipt.Line(sku, 1, cents)), card, null, null));
    }

    private long sumOfEntries(String who) {
        return ledger.allEntries(who).stream().mapToLong(Entry::available).sum();
    }

    @Test
    void aMergeGivesTheSurvivorOneLedgerThatAReturnOfTheMergedPurchaseStillReaches() {
        sale("R-1", "11112222", "VES-LIN-BEI-M", 18_900);
        sale("R-2", "33334444", "TSH-COT-BLU-M", 2_990);
        backend.clock.advance(Duration.ofDays(31));
        loyalty.sweeping().sweep();
        sale("R-3", "11112222", "TSH-COT-BLU-M", 2_990);
        loyalty.redeeming().redeem(Actor.customer(WALK_IN), new RedeemingPoints.Redemption(WALK_IN, 100, null), null);
        var walkIn = ledger.account(WALK_IN).orElseThrow();
        var camille = ledger.account(CAMILLE).orElseThrow();

        loyalty.members().reassign(WALK_IN, CAMILLE);
        loyalty.members().reassign(WALK_IN, CAMILLE);

        var merged = ledger.account(CAMILLE).orElseThrow();
        assertThat(merged.available()).isEqualTo(walkIn.available() + camille.available());
        assertThat(merged.pending()).isEqualTo(walkIn.pending() + camille.pending());
        assertThat(ledger.account(WALK_IN)).isEmpty();
        assertThat(ledger.allEntries(WALK_IN)).isEmpty();
        assertThat(sumOfEntries(CAMILLE)).isEqualTo(merged.available());
        assertThat(ledger.receipt("R-1").orElseThrow().customerId()).isEqualTo(CAMILLE);
        // the walk-in's pending purchase, returned after the merge, is taken back from the survivor, once
        var returned = new ReversingPoints.ReturnedLines("ret-1", CAMILLE, new Entry.Source("RECEIPT", "R-3"), "lyon-republique",
                Map.of("TSH-COT-BLU-M", 1));
        assertThat(loyalty.reversing().reverse(returned)).isEqualTo(29);
        assertThat(loyalty.reversing().reverse(returned)).isZero();
        // a year on, every batch has expired oldest first and nothing is left but what the entries say
        for (int i = 0; i < 15; i++) {
            backend.clock.advance(Duration.ofDays(30));
            loyalty.sweeping().sweep();
        }
        var after = ledger.account(CAMILLE).orElseThrow();
        assertThat(after.available()).isZero().isEqualTo(sumOfEntries(CAMILLE));
        assertThat(after.pending()).isZero();
    }

    @Test
    void anErasureKeepsTheLedgerForTheAccountsUnderAnAnonymousIdWithNothingPersonal() {
        sale("R-9", "11112222", "VES-LIN-BEI-M", 18_900);
        loyalty.adjusting().adjust(Actor.ops("ops"), WALK_IN, new AdjustingPoints.Adjustment(20, "Mme Martin's late parcel"));
        long entries = ledger.allEntries(WALK_IN).size();

        loyalty.members().anonymise(WALK_IN, "anon-1");

        assertThat(ledger.account(WALK_IN)).isEmpty();
        assertThat(ledger.allEntries(WALK_IN)).isEmpty();
        assertThat(loyalty.members().export(WALK_IN)).singleElement()
                .satisfies(account -> assertThat(account).containsEntry("available", 0L).containsEntry("pending", 0L));
        assertThat(ledger.allEntries("anon-1")).hasSize((int) entries)
                .allSatisfy(e -> {
                    assertThat(e.customerId()).isEqualTo("anon-1");
                    assertThat(e.reason()).isNull();
                });
        assertThat(ledger.account("anon-1").orElseThrow().pending()).isEqualTo(189 + 50);
        assertThat(ledger.receipt("R-9").orElseThrow().customerId()).isEqualTo("anon-1");
        // the store's figures are the accounts': untouched
        assertThat(ledger.figures("paris-rivoli", java.time.YearMonth.from(backend.clock.instant().atZone(java.time.ZoneOffset.UTC))))
                .containsEntry("issued", 239L);
    }

    @Test
    void anExportListsTheAccountAndEveryEntry() {
        sale("R-5", "33334444", "TSH-COT-BLU-M", 2_990);
        var records = loyalty.members().export(CAMILLE);
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).containsEntry("record", "account").containsEntry("pending", 79L);
        assertThat(records.get(1)).containsEntry("record", "entry").containsEntry("type", "EARN").containsEntry("storeId", "paris-rivoli");
    }

    @Test
    void noOtherCustomerReachesAMembersBalanceLedgerOrPoints() {
        loyalty.adjusting().adjust(Actor.ops("ops"), CAMILLE, new AdjustingPoints.Adjustment(500, "welcome"));
        var hugo = Actor.customer("cust-hugo");
        assertThatThrownBy(() -> loyalty.reading().account(hugo, CAMILLE)).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> loyalty.reading().ledger(hugo, CAMILLE, null, 10)).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> loyalty.redeeming().redeem(hugo, new RedeemingPoints.Redemption(CAMILLE, 100, null), null))
                .isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> loyalty.redeeming().redeem(Actor.staff("staff-karim", "lyon-republique"),
                new RedeemingPoints.Redemption(CAMILLE, 100, "paris-rivoli"), null)).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> loyalty.adjusting().adjust(Actor.staff("staff-lea", "paris-rivoli"), CAMILLE,
                new AdjustingPoints.Adjustment(-500, "mine"))).isInstanceOf(DomainException.Forbidden.class);
        assertThat(ledger.account(CAMILLE).orElseThrow().available()).isEqualTo(500);
    }
}
