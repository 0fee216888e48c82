package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.order.Order;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Whatever three signed-in customers and the staff do with a handful of phone numbers and emails (verify one, guess a
 * code, give one as an order contact, register a walk-in with one, merge profiles, change a name, erase an account),
 * no token ever reads or changes a profile other than the one of its own sign-in, every email or phone belongs to at
 * most one live profile and, once verified, to whoever verified it last, orders stay with whoever placed them, and
 * nothing of an erased customer is left anywhere.
 */
@AddLifecycleHook(DynamoDbLocalPerClass.InContainer.class)
class IdentityMergeProperties {
    private static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final List<String> SUBJECTS = List.of("cust-ana", "cust-ben", "cust-cleo");
    private static final List<String> ADDRESSES = List.of("+33611111111", "+33622222222", "+33633333333",
            "one@example.fr", "two@example.fr");
    private static final Actor LEA = Actor.staff("staff-lea", "paris-rivoli");

    enum Kind { VERIFY, WRONG_CODE, ORDER_CONTACT, REGISTER_WALK_IN, STAFF_MERGE, RENAME, ERASE }

    /** {@code who} a subject (or, for a merge, the survivor among every profile); {@code what} an address or a profile. */
    record Step(Kind kind, int who, int what) {
    }

    @Property(tries = 40)
    void noTokenEverReachesAProfileItsSubjectDoesNotOwn(@ForAll("steps") List<Step> steps) {
        var fx = new CustomerFixture(dynamo.client());
        fx.backend.stock("TSH-COT-BLU-M", "paris-rivoli", 1000);
        var owner = new HashMap<String, String>();            // address -> who verified it last (live)
        var orders = new HashMap<String, Set<String>>();       // subject -> orders it placed
        var names = new HashMap<String, String>();             // subject -> the first name it set last
        var erased = new HashSet<String>();
        var walkIns = new ArrayList<String>();
        int n = 0;
        for (var step : steps) {
            final int number = ++n;
            var who = SUBJECTS.get(step.who() % SUBJECTS.size());
            var actor = Actor.customer(who);
            var address = ADDRESSES.get(step.what() % ADDRESSES.size());
            var kind = address.startsWith("+") ? "phone" : "email";
            // an hour apart: the code cap (5 an hour per customer and per address) is not what is tested here
            fx.backend.clock.advance(Duration.ofHours(1));
            switch (step.kind()) {
                case VERIFY -> {
                    var thrown = catchThrowable(() -> {
                        var sent = fx.verifyingIdentities.add(actor, kind, address);
                        // already its own: nothing to enter
                        if (!Boolean.TRUE.equals(sent.get("verified"))) {
                            fx.verifyingIdentities.verify(actor, kind, address,
                                    fx.lastCode(who, Identity.Kind.valueOf(kind.toUpperCase()), address));
                        }
                    });
                    var holder = owner.get(address);
                    if (erased.contains(who)) {
                        assertThat(thrown).as("%s verifying after its erasure", who).isInstanceOf(DomainException.Forbidden.class);
                    } else if (holder != null && !holder.equals(who)) {
                        assertThat(thrown).as("%s verifying %s that %s verified", who, address, holder)
                                .isInstanceOf(DomainException.InvalidState.class);
                    } else {
                        assertThat(thrown).as("%s verifying %s", who, address).isNull();
                        owner.put(address, who);
                    }
                }
                case WRONG_CODE -> {
                    var thrown = catchThrowable(() -> {
                        fx.verifyingIdentities.add(actor, kind, address);
                        var code = fx.lastCode(who, Identity.Kind.valueOf(kind.toUpperCase()), address);
                        fx.verifyingIdentities.verify(actor, kind, address, code.equals("000000") ? "111111" : "000000");
                    });
                    assertThat(thrown).isInstanceOf(DomainException.class);
                }
                case ORDER_CONTACT -> {
                    var thrown = catchThrowable(() -> {
                        var order = fx.order(actor, "k" + number, "Contact " + who, kind.equals("email") ? address : null,
                                kind.equals("phone") ? address : null);
                        orders.computeIfAbsent(who, k -> new HashSet<>()).add(order.id());
                    });
                    if (erased.contains(who)) assertThat(thrown).isInstanceOf(DomainException.Forbidden.class);
                    else assertThat(thrown).as("%s ordering with contact %s", who, address).isNull();
                }
                case REGISTER_WALK_IN -> {
                    try {
                        walkIns.add(fx.registeringWalkIns.register(LEA, "paris-rivoli",
                                new ProfilePatch("Walk" + number, null, null, null, null, null), kind.equals("phone") ? address : null,
                                kind.equals("email") ? address : null, "29000000" + number).id());
                    } catch (DomainException.InvalidState held) {
                        // someone holds that address already
                    }
                }
                case STAFF_MERGE -> {
                    var profiles = new ArrayList<>(SUBJECTS);
                    profiles.addAll(walkIns);
                    var survivor = profiles.get(step.who() % profiles.size());
                    var merged = profiles.get(step.what() % profiles.size());
                    var thrown = catchThrowable(() -> fx.mergingProfiles.merge(LEA, "paris-rivoli",
                            new ProfileMerge(survivor, merged, "same person")));
                    if (SUBJECTS.contains(merged)) {
                        assertThat(thrown).as("staff merging the account %s away", merged).isInstanceOf(DomainException.class);
                    }
                }
                case RENAME -> {
                    var name = "Name" + number + who;
                    var thrown = catchThrowable(() -> fx.updatingProfile.update(actor, new ProfilePatch(name, null, null, null, null, null)));
                    if (erased.contains(who)) {
                        assertThat(thrown).isInstanceOf(DomainException.Forbidden.class);
                    } else {
                        assertThat(thrown).isNull();
                        names.put(who, name);
                    }
                }
                case ERASE -> {
                    fx.erasingCustomers.erase(actor);
                    erased.add(who);
                    owner.values().removeIf(who::equals);
                    orders.remove(who);
                    names.remove(who);
                    var left = fx.everything().stream().filter(item -> item.contains(who)).toList();
                    assertThat(left).as("what is left of %s after its erasure", who).isEmpty();
                }
            }
            holds(fx, step, owner, orders, names, erased);
        }
    }

    private static void holds(CustomerFixture fx, Step step, Map<String, String> owner, Map<String, Set<String>> orders,
                              Map<String, String> names, Set<String> erased) {
        for (var subject : SUBJECTS) {
            var actor = Actor.customer(subject);
            if (erased.contains(subject)) {
                assertThatThrownBy(() -> fx.signingIn.profile(actor)).as("%s read after its erasure", subject)
                        .isInstanceOf(DomainException.Forbidden.class);
                assertThat(fx.orders.following().mine(actor, null).items()).isEmpty();
                continue;
            }
            // the token reads its own profile, and only what is its own
            var me = fx.signingIn.profile(actor);
            assertThat(me.id()).as("%s's token after %s", subject, step).isEqualTo(subject);
            assertThat(me.status()).isEqualTo(Profile.Status.ACTIVE);
            // its own name, or that of a walk-in staff merged into it
            var first = me.firstName();
            assertThat(first == null ? names.get(subject) == null : first.equals(names.get(subject)) || first.startsWith("Walk"))
                    .as("%s's name %s after %s", subject, first, step).isTrue();
            var export = fx.exportingData.export(actor);
            var text = Json.write(export);
            for (var other : SUBJECTS) {
                if (!other.equals(subject)) assertThat(text).as("%s's export after %s", subject, step).doesNotContain(other);
            }
            for (var identity : fx.customers.identities(subject)) assertThat(identity.customerId()).isEqualTo(subject);
            @SuppressWarnings("unchecked")
            var records = (List<Map<String, Object>>) export.get("records");
            for (var record : records) {
                if (record.containsKey("customerId")) assertThat(record.get("customerId")).isEqualTo(subject);
                if (record.get("templateData") instanceof Map<?, ?> data) assertThat(data.containsKey("code")).as("a code in %s", record).isFalse();
            }
            // orders stay with whoever placed them
            assertThat(fx.orders.following().mine(actor, null).items()).extracting(Order::id)
                    .containsExactlyInAnyOrderElementsOf(orders.getOrDefault(subject, Set.of()));
        }
        for (var address : ADDRESSES) {
            var kind = address.startsWith("+") ? Identity.Kind.PHONE : Identity.Kind.EMAIL;
            var identity = fx.customers.identity(kind, address);
            var verifier = owner.get(address);
            if (verifier != null) {
                assertThat(identity).as("%s after %s", address, step).isPresent();
                assertThat(identity.get().customerId()).as("owner of %s after %s", address, step).isEqualTo(verifier);
                assertThat(identity.get().verified()).isTrue();
            } else {
                identity.ifPresent(i -> assertThat(i.verified()).as("%s verified by no one after %s", address, step).isFalse());
            }
            identity.ifPresent(i -> {
                // one live holder, listed under it and under no one else
                var holder = fx.customers.profile(i.customerId()).orElseThrow();
                assertThat(holder.status()).as("holder of %s after %s", address, step).isEqualTo(Profile.Status.ACTIVE);
                assertThat(erased).doesNotContain(i.customerId());
                for (var subject : SUBJECTS) {
                    boolean listed = fx.customers.identities(subject).stream().anyMatch(x -> x.value().equals(address));
                    assertThat(listed).as("%s listed under %s after %s", address, subject, step)
                            .isEqualTo(subject.equals(i.customerId()));
                }
            });
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        var kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(5, Kind.VERIFY), net.jqwik.api.Tuple.of(1, Kind.WRONG_CODE),
                net.jqwik.api.Tuple.of(4, Kind.ORDER_CONTACT), net.jqwik.api.Tuple.of(2, Kind.REGISTER_WALK_IN),
                net.jqwik.api.Tuple.of(3, Kind.STAFF_MERGE), net.jqwik.api.Tuple.of(2, Kind.RENAME),
                net.jqwik.api.Tuple.of(1, Kind.ERASE));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 11))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(14);
    }
}
