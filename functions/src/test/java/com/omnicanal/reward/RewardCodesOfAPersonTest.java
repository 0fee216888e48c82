package com.omnicanal.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.Wiring;
import com.omnicanal.customer.ProfileMerge;
import com.omnicanal.customer.ProfilePatch;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.loyalty.AdjustingPoints;
import com.omnicanal.loyalty.RedeemingPoints;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.reward.dynamo.DynamoRewardHolders;
import com.omnicanal.reward.dynamo.RewardItems;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.TestBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reward codes are their owner's, across a merge and an erasure, over DynamoDB Local and wired as production wires
 * them: the walk-in's unused codes bought with points become the survivor's (online, on an order, at the till), nobody
 * else's, once however often the merge runs; a used code stays as it was; an erased person's unused codes are withdrawn.
 */
class RewardCodesOfAPersonTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String STORE = "paris-rivoli";
    private static final Actor LEA = Actor.staff("staff-lea", STORE);
    private static final Actor CAMILLE = Actor.customer("cust-camille");
    private static final Actor HUGO = Actor.customer("cust-hugo");
    private TestBackend backend;
    private Wiring wiring;

    @BeforeEach
    void fresh() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        backend.loadDemoCatalog();
        backend.stock("TSH-COT-BLU-M", STORE, 40);
        wiring = new Wiring(new Settings(Map.of()), dynamo.client(), backend.clock);
        wiring.customers().signingIn().profile(CAMILLE);
        wiring.customers().signingIn().profile(HUGO);
    }

    /** A code bought at the till with {@code points} of the customer's (given them first). */
    private String bought(String customerId, long points) {
        wiring.loyalty().adjusting().adjust(Actor.ops("ops-nadia"), customerId, new AdjustingPoints.Adjustment(points, "welcome"));
        return wiring.loyalty().redeeming().redeem(LEA, new RedeemingPoints.Redemption(customerId, points, STORE), null)
                .redeemed().code();
    }

    private PlacingOrders.Outcome order(Actor customer, String code, String key) {
        var command = new PlacingOrders.PlaceOrder(customer, new OrderRequest(List.of(
                new OrderRequest.LineRequest("TSH-COT-BLU-M", 3)), STORE,
                new Order.Contact("Camille Martin", "camille.martin@example.fr", null), "pa_" + key, code));
        return wiring.orders().placing().place(command, Keys.order(command, key));
    }

    private RedeemingRewards redeeming() {
        return wiring.feedback().redeemingRewards();
    }

    private Map<String, AttributeValue> raw(String code) {
        return backend.dynamo.getItem(r -> r.tableName(backend.tables.feedback()).key(RewardItems.key(code))
                .consistentRead(true)).item();
    }

    private void merge(String walkIn) {
        wiring.customers().mergingProfiles().merge(LEA, STORE, new ProfileMerge(CAMILLE.id(), walkIn, "same person, card checked"));
    }

    @Test
    void theWalkInsUnusedCodesBecomeTheSurvivorsOnAnOrderOnlineAndAtTheTillAndNobodyElses() {
        var walkIn = wiring.customers().registeringWalkIns().register(LEA, STORE,
                new ProfilePatch("Camille", "Martin", "fr", null, null, null), null, null, "2900123456").id();
        var forTheOrder = bought(walkIn, 500);
        var online = bought(walkIn, 200);
        var atTheTill = bought(walkIn, 200);
        var used = bought(walkIn, 100);
        redeeming().redeem(LEA, used);
        var usedBefore = raw(used);

        merge(walkIn);

        // the walk-in's old id and a third customer reach none of them
        for (var code : List.of(forTheOrder, online, atTheTill)) {
            assertThatThrownBy(() -> redeeming().redeem(Actor.customer(walkIn), code)).isInstanceOf(DomainException.NotFound.class);
            assertThatThrownBy(() -> redeeming().redeem(HUGO, code)).isInstanceOf(DomainException.NotFound.class);
        }
        assertThatThrownBy(() -> order(Actor.customer(walkIn), forTheOrder, "o-walkin")).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> order(HUGO, forTheOrder, "o-hugo")).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> wiring.customers().signingIn().profile(Actor.customer(walkIn)))
                .isInstanceOf(DomainException.Forbidden.class);

        // the survivor uses them: on an order, online, and staff at the till
        var placed = order(CAMILLE, forTheOrder, "o-camille").order();
        assertThat(placed.discount().code()).isEqualTo(forTheOrder);
        assertThat(placed.customerId()).isEqualTo(CAMILLE.id());
        assertThat(redeeming().redeem(CAMILLE, online).owner()).isEqualTo(CAMILLE.id());
        assertThat(redeeming().redeem(LEA, atTheTill).owner()).isEqualTo(CAMILLE.id());
        // a used code stays as it was
        assertThat(raw(used)).isEqualTo(usedBefore);
        assertThatThrownBy(() -> redeeming().redeem(CAMILLE, used)).isInstanceOf(DomainException.class);
    }

    @Test
    void aMergeDeliveredTwiceChangesNothing() {
        var walkIn = wiring.customers().registeringWalkIns().register(LEA, STORE,
                new ProfilePatch("Camille", "Martin", "fr", null, null, null), null, null, "2900123456").id();
        var code = bought(walkIn, 300);
        var rewards = new RewardsOfAPerson(new DynamoRewardHolders(backend.dynamo, backend.tables));

        merge(walkIn);
        var once = raw(code);
        assertThat(once.get("owner").s()).isEqualTo(CAMILLE.id());
        // delivered again: the whole merge, and the codes' part of it on its own
        merge(walkIn);
        assertThat(rewards.reassign(walkIn, CAMILLE.id())).isZero();
        assertThat(rewards.reassign(walkIn, CAMILLE.id())).isZero();
        assertThat(raw(code)).isEqualTo(once);

        assertThat(redeeming().redeem(CAMILLE, code).redeemedAt()).isNotNull();
        assertThatThrownBy(() -> redeeming().redeem(CAMILLE, code)).isInstanceOf(DomainException.InvalidState.class);
    }

    @Test
    void anErasedCustomersUnusedCodesAreWithdrawnAndTheUsedOnesKeepNothingOfThem() {
        var unused = bought(CAMILLE.id(), 300);
        var used = bought(CAMILLE.id(), 100);
        redeeming().redeem(CAMILLE, used);

        wiring.customers().erasingCustomers().erase(CAMILLE);

        // nobody uses it: not the erased id, not another customer, not staff at the till, not on an order
        for (var who : List.of(CAMILLE, HUGO, LEA)) {
            assertThatThrownBy(() -> redeeming().redeem(who, unused)).isInstanceOf(DomainException.NotFound.class);
        }
        assertThatThrownBy(() -> order(HUGO, unused, "o-hugo")).isInstanceOf(DomainException.NotFound.class);
        assertThat(raw(unused)).isEmpty();
        // the used one stays used, for the accounts, under an anonymous id
        var kept = raw(used);
        assertThat(kept.get("redeemedAt")).isNotNull();
        assertThat(kept.get("owner").s()).startsWith("anon-");
        assertThat(kept.toString()).doesNotContain(CAMILLE.id());
    }
}
