package com.omnicanal.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The ledger on DynamoDB Local: earning once, the sweep, spending under concurrency, returns, the stores' figures. */
class LoyaltyOnDynamoDbLocalTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String CAMILLE = "cust-camille";
    private TestBackend backend;
    private DynamoLoyaltyLedger ledger;
    private LoyaltyProgramme loyalty;

    @BeforeEach
    void fresh() {
        backend = dynamo.backend();
        backend.resetTables();
        ledger = new DynamoLoyaltyLedger(backend.dynamo, backend.tables);
        loyalty = LoyaltyProgramme.of(ledger, () -> RewardCode.newCode(RewardCode.POINTS), Members.NONE, Duration.ofDays(30),
                backend.clock);
    }

    private Purchase receipt(String id, String store, long cents, int units) {
        return new Purchase(CAMILLE, new Entry.Source("RECEIPT", id), "STORE", store, backend.clock.instant(),
                List.of(new Purchase.Line("JEA-SLM-IND-32", "denim", units, cents)));
    }

    @Test
    void aSaleReportedTwiceEarnsOnceAndItsPointsBecomeAvailableAfterTheReturnWindow() {
        loyalty.earning().earn(receipt("r1", "paris-rivoli", 12_000, 1));
        loyalty.earning().earn(receipt("r1", "paris-rivoli", 12_000, 1));
        var account = ledger.account(CAMILLE).orElseThrow();
        // 120 € at 1 point per euro, and the first purchase's 50
        assertThat(account.pending()).isEqualTo(170);
        assertThat(account.available()).isZero();
        backend.clock.advance(Duration.ofDays(29));
        assertThat(loyalty.sweeping().sweep().released()).isZero();
        backend.clock.advance(Duration.ofDays(2));
        assertThat(loyalty.sweeping().sweep().released()).isEqualTo(1);
        assertThat(loyalty.sweeping().sweep().released()).isZero();
        var view = loyalty.reading().view(CAMILLE);
        assertThat(view.available()).isEqualTo(170);
        assertThat(view.pending()).isZero();
        assertThat(view.earnedLast12Months()).isEqualTo(170);
        assertThat(ledger.entries(CAMILLE, null, 10).items()).extracting(Entry::type)
                .containsExactly(Entry.Type.EARN, Entry.Type.RELEASE);
    }

    @Test
    void twentySimultaneousRedemptionsAgainstABalanceThatCoversThreeGiveExactlyThree() throws Exception {
        loyalty.adjusting().adjust(Actor.ops("ops"), CAMILLE, new AdjustingPoints.Adjustment(350, "welcome back"));
        var outcomes = Race.of(20).expecting(DomainException.InvalidState.class).run(n ->
                loyalty.redeeming().redeem(Actor.customer(CAMILLE), new RedeemingPoints.Redemption(CAMILLE, 100, null),
                        new IdempotencyKey("loyalty|" + CAMILLE + "|k" + n, "k" + n, "f" + n)));
        long won = outcomes.count(Race.Outcome::succeeded);
        assertThat(won).isEqualTo(3);
        assertThat(ledger.account(CAMILLE).orElseThrow().available()).isEqualTo(50);
        assertThat(ledger.entries(CAMILLE, null, 100).items()).filteredOn(e -> e.type() == Entry.Type.REDEEM).hasSize(3);
        var month = YearMonth.from(backend.clock.instant().atZone(ZoneOffset.UTC));
        assertThat(ledger.figures("WEB", month)).containsEntry("redeemed", 300L);
    }

    @Test
    void aRedemptionReplayedWithItsKeyGivesTheSameCodeAndSpendsOnce() {
        loyalty.adjusting().adjust(Actor.ops("ops"), CAMILLE, new AdjustingPoints.Adjustment(500, "goodwill"));
        var key = new IdempotencyKey("loyalty|" + CAMILLE + "|k", "k", "same");
        var first = loyalty.redeeming().redeem(Actor.customer(CAMILLE), new RedeemingPoints.Redemption(CAMILLE, 200, null), key);
        var again = loyalty.redeeming().redeem(Actor.customer(CAMILLE), new RedeemingPoints.Redemption(CAMILLE, 200, null), key);
        assertThat(again.replayed()).isTrue();
        assertThat(again.redeemed()).isEqualTo(first.redeemed());
        assertThat(first.redeemed().amountOffCents()).isEqualTo(1000);
        assertThat(ledger.account(CAMILLE).orElseThrow().available()).isEqualTo(300);
        var reward = backend.dynamo.getItem(r -> r.tableName(backend.tables.feedback()).key(Map.of(
                "pk", AttributeValue.fromS("REWARD#" + first.redeemed().code()), "sk", AttributeValue.fromS("REWARD")))).item();
        assertThat(reward.get("owner").s()).isEqualTo(CAMILLE);
        assertThatThrownBy(() -> loyalty.redeeming().redeem(Actor.customer(CAMILLE),
                new RedeemingPoints.Redemption(CAMILLE, 100, null), new IdempotencyKey("loyalty|" + CAMILLE + "|k", "k", "other")))
                .isInstanceOf(DomainException.IdempotencyConflict.class);
    }

    @Test
    void aReturnInAnotherStoreTakesBackThePointsOfTheReturnedUnitsOnceAndEachStoreSeesItsShare() {
        loyalty.earning().earn(receipt("r2", "paris-rivoli", 30_000, 3));
        backend.clock.advance(Duration.ofDays(31));
        loyalty.sweeping().sweep();
        // 300 € and the first purchase's 50 (no return takes that back)
        assertThat(ledger.account(CAMILLE).orElseThrow().available()).isEqualTo(350);
        var returned = new ReversingPoints.ReturnedLines("ret-1", CAMILLE, new Entry.Source("RECEIPT", "r2"), "lyon-part-dieu",
                Map.of("JEA-SLM-IND-32", 1));
        assertThat(loyalty.reversing().reverse(returned)).isEqualTo(100);
        assertThat(loyalty.reversing().reverse(returned)).isZero();
        assertThat(ledger.account(CAMILLE).orElseThrow().available()).isEqualTo(250);
        var month = YearMonth.from(backend.clock.instant().atZone(ZoneOffset.UTC));
        var earnedMonth = YearMonth.from(backend.clock.instant().minus(Duration.ofDays(31)).atZone(ZoneOffset.UTC));
        assertThat(ledger.figures("paris-rivoli", earnedMonth)).containsEntry("issued", 350L);
        assertThat(ledger.figures("lyon-part-dieu", month)).containsEntry("reversed", 100L);
    }

    @Test
    void eachPostingWritesThePointsItMovedPerStoreForTheKpisOnce() {
        loyalty.earning().earn(receipt("r4", "paris-rivoli", 30_000, 3));
        loyalty.earning().earn(receipt("r4", "paris-rivoli", 30_000, 3));
        backend.clock.advance(Duration.ofDays(31));
        loyalty.sweeping().sweep();
        loyalty.reversing().reverse(new ReversingPoints.ReturnedLines("ret-2", CAMILLE, new Entry.Source("RECEIPT", "r4"),
                "lyon-part-dieu", Map.of("JEA-SLM-IND-32", 1)));
        var moved = backend.businessEvents().stream()
                .filter(e -> e instanceof com.omnicanal.shared.BusinessEvent.PointsMoved)
                .map(e -> (com.omnicanal.shared.BusinessEvent.PointsMoved) e).toList();
        // 300 points and the first purchase's 50 issued once at Paris (the release moves none), 100 reversed at Lyon
        assertThat(moved).extracting(m -> m.movement() + " " + m.storeId() + " " + m.points())
                .containsExactlyInAnyOrder("ISSUED paris-rivoli 350", "REVERSED lyon-part-dieu 100");
        // they name nobody
        assertThat(moved).allSatisfy(m -> assertThat(m.customerId()).isNull());
    }

    @Test
    void anAvailableBatchWarnsThirtyDaysAheadThenExpiresWhatSpendingLeftOfIt() {
        loyalty.adjusting().adjust(Actor.ops("ops"), CAMILLE, new AdjustingPoints.Adjustment(1, "goodwill"));
        loyalty.earning().earn(receipt("r3", "paris-rivoli", 40_000, 1));
        backend.clock.advance(Duration.ofDays(31));
        loyalty.sweeping().sweep();
        loyalty.redeeming().redeem(Actor.customer(CAMILLE), new RedeemingPoints.Redemption(CAMILLE, 100, null), null);
        backend.clock.advance(Duration.ofDays(340));
        assertThat(loyalty.sweeping().sweep().warned()).isEqualTo(1);
        backend.clock.advance(Duration.ofDays(30));
        assertThat(loyalty.sweeping().sweep().expired()).isEqualTo(1);
        // 1 adjusted (never expires), then 450 earned; the 100 spent came from the oldest first: the 1, then 99 of the batch
        assertThat(ledger.account(CAMILLE).orElseThrow().available()).isEqualTo(0);
        assertThat(ledger.entries(CAMILLE, null, 100).items()).filteredOn(e -> e.type() == Entry.Type.EXPIRE)
                .singleElement().satisfies(e -> assertThat(e.available()).isEqualTo(-351));
    }

    @Test
    void opsVersionTheProgrammeAndANewVersionChangesWhatPurchasesEarn() {
        var ops = Actor.ops("ops");
        var current = loyalty.programme().current();
        var doubled = new Programme(0, List.of(new Programme.Rate("*", "*", 1), new Programme.Rate("STORE", "denim", 2)),
                0, 100, List.of(), current.pendingDays(), current.expiryDays(), current.tiers(), 500, null);
        assertThat(loyalty.programme().update(ops, doubled).version()).isEqualTo(1);
        assertThat(loyalty.programme().update(ops, doubled).version()).isEqualTo(2);
        loyalty.earning().earn(receipt("r4", "paris-rivoli", 10_000, 1));
        assertThat(ledger.account(CAMILLE).orElseThrow().pending()).isEqualTo(200);
        assertThatThrownBy(() -> loyalty.programme().update(Actor.customer(CAMILLE), doubled))
                .isInstanceOf(DomainException.Forbidden.class);
    }
}
