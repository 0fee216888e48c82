package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any sequence of identity additions and merges leaves every identity pointing to exactly one live customer. */
class IdentityMergeProperties {
    private static DynamoDbLocal dynamo;
    private static final List<String> PEOPLE = List.of("c0", "c1", "c2", "c3");
    private static final List<String> PHONES = List.of("+33611111111", "+33622222222", "+33633333333", "+33644444444",
            "+33655555555");

    /** Either customer {@code who} claims phone {@code what} (verified or not), or {@code who} absorbs {@code whom}. */
    record Step(boolean merge, int who, int what, boolean verified) {
    }

    @BeforeContainer
    static void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterContainer
    static void stop() {
        dynamo.close();
    }

    @Property(tries = 40)
    void everyIdentityPointsToExactlyOneLiveCustomer(@ForAll("steps") List<Step> steps) {
        var fx = new CustomerFixture(dynamo.client());
        for (var id : PEOPLE) fx.customers.createIfAbsent(Profile.fresh(id, Instant.parse("2026-11-23T10:00:00Z")));
        for (var step : steps) {
            var who = live(fx, PEOPLE.get(step.who()));
            if (step.merge()) {
                var whom = live(fx, PEOPLE.get(step.what() % PEOPLE.size()));
                if (!whom.equals(who)) fx.service.merge(who, whom, "staff", "property test");
            } else {
                fx.customers.claim(new Identity(Identity.Kind.PHONE, PHONES.get(step.what()), who, step.verified(),
                        Instant.parse("2026-11-23T10:00:00Z")), false);
            }
            for (var phone : PHONES) {
                var owner = fx.customers.identity(Identity.Kind.PHONE, phone);
                if (owner.isEmpty()) continue;
                var profile = fx.customers.profile(owner.get().customerId()).orElseThrow();
                assertThat(profile.status()).as("%s points to a merged profile after %s", phone, step).isEqualTo(Profile.Status.ACTIVE);
                long listed = PEOPLE.stream().filter(p -> fx.customers.identities(p).stream()
                        .anyMatch(i -> i.value().equals(phone))).count();
                assertThat(listed).as("%s is listed under %d customers after %s", phone, listed, step).isEqualTo(1);
            }
        }
    }

    private static String live(CustomerFixture fx, String id) {
        var profile = fx.customers.profile(id).orElseThrow();
        return profile.status() == Profile.Status.MERGED ? live(fx, profile.mergedInto()) : id;
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(true, false, false), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 4), Arbitraries.of(true, false)).as(Step::new).list().ofMinSize(1).ofMaxSize(15);
    }
}
