package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.messaging.ChannelKind;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderMessages;
import com.omnicanal.order.OrderStatus;
import com.omnicanal.order.Orders;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.FailingWrites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class CustomersOnDynamoDbLocalTest {
    private static DynamoDbLocal dynamo;
    private CustomerFixture fx;
    private final Actor camille = Actor.customer("cust-camille");
    private final Actor hugo = Actor.customer("cust-hugo");
    private final Actor lea = Actor.staff("staff-lea", "paris-rivoli");

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @BeforeEach
    void fresh() {
        fx = new CustomerFixture(dynamo.client());
        fx.backend.stock("TSH-COT-BLU-M", "paris-rivoli", 10);
    }

    private void verified(Actor actor, String kind, String value) {
        fx.verified(actor, kind, value);
    }

    @Test
    void theProfileIsCreatedAtFirstSightAndUpdated() {
        assertThat(fx.service.me(camille).language()).isEqualTo("fr");
        var updated = fx.service.update(camille, new ProfilePatch("Camille", "Martin", "en", List.of("EMAIL", "SMS"),
                new Profile.QuietHours("21:00", "08:00", "Europe/Paris"), "lyon-republique"));
        assertThat(fx.service.me(camille)).isEqualTo(updated);
        assertThatThrownBy(() -> fx.service.update(camille, new ProfilePatch("", null, "de", List.of("FAX"),
                new Profile.QuietHours("25:00", "08:00", "Mars/Olympus"), "nowhere")))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field)
                        .containsExactlyInAnyOrder("firstName", "language", "preferredChannels", "quietHours", "homeStoreId"));
    }

    @Test
    void quietHoursAreRemovedByAPatchThatSaysSoAndKeptByOneThatDoesNot() {
        var night = new Profile.QuietHours("22:00", "08:00", "Europe/Paris");
        fx.service.update(camille, new ProfilePatch(null, null, null, null, night, null));
        fx.service.update(camille, new ProfilePatch("Camille", null, null, null, null, null));
        assertThat(fx.customers.profile("cust-camille").orElseThrow().quietHours()).isEqualTo(night);

        var cleared = fx.service.update(camille, new ProfilePatch(null, null, null, null, null, null, true));
        assertThat(cleared.quietHours()).isNull();
        assertThat(cleared.firstName()).isEqualTo("Camille");
        assertThat(fx.customers.profile("cust-camille").orElseThrow().quietHours()).isNull();
        assertThat(fx.rawProfile("cust-camille")).doesNotContainKeys("quietStart", "quietEnd", "timeZone");
    }

    @Test
    void anEmptyQuietWindowIsRefusedAndChangesNothing() {
        var night = new Profile.QuietHours("22:00", "08:00", "Europe/Paris");
        fx.service.update(camille, new ProfilePatch("Camille", null, null, null, night, null));
        var before = fx.rawProfile("cust-camille");
        fx.backend.clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> fx.service.update(camille, new ProfilePatch("Camila", null, null, null,
                new Profile.QuietHours("22:00", "22:00", "Europe/Paris"), null)))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactly("quietHours.end"));
        assertThat(fx.rawProfile("cust-camille")).isEqualTo(before);
    }

    @Test
    void anEmptyWindowStoredBeforeTheRuleReadsAsNoneAndLeavesAtTheNextSave() {
        fx.service.me(camille);
        fx.backend.dynamo.updateItem(r -> r.tableName(fx.backend.tables.customers())
                .key(java.util.Map.of("pk", AttributeValue.fromS("CUSTOMER#cust-camille"), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET quietStart = :t, quietEnd = :t, #zone = :z").expressionAttributeNames(java.util.Map.of("#zone", "timeZone"))
                .expressionAttributeValues(java.util.Map.of(":t", AttributeValue.fromS("22:00"), ":z", AttributeValue.fromS("Europe/Paris"))));

        assertThat(fx.service.me(camille).quietHours()).isNull();
        fx.service.update(camille, new ProfilePatch("Camille", null, null, null, null, null));
        assertThat(fx.rawProfile("cust-camille")).doesNotContainKeys("quietStart", "quietEnd", "timeZone");
    }

    @Test
    void aNewEmailIsVerifiedWithAOneTimeCodeSentToThatAddress() {
        var sent = fx.service.addIdentity(camille, "email", " Camille.Martin@Example.fr ");
        assertThat(sent).containsEntry("value", "camille.martin@example.fr").containsEntry("verified", false);
        var code = fx.lastCode("cust-camille", Identity.Kind.EMAIL, "camille.martin@example.fr");
        var wrong = "000000".equals(code) ? "111111" : "000000";
        assertThatThrownBy(() -> fx.service.verify(camille, "email", "camille.martin@example.fr", wrong))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("code");
        var profile = fx.service.verify(camille, "email", "camille.martin@example.fr", code);
        assertThat(profile.email()).isEqualTo("camille.martin@example.fr");
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "camille.martin@example.fr").orElseThrow().verified()).isTrue();
        assertThatThrownBy(() -> fx.service.verify(camille, "email", "camille.martin@example.fr", code))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void fiveWrongCodesOrALateOneAreRefused() {
        fx.service.addIdentity(camille, "phone", "06 12 34 56 78");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> fx.service.verify(camille, "phone", "+33612345678", "abcdef"))
                    .isInstanceOf(DomainException.InvalidInput.class);
        }
        var code = fx.lastCode("cust-camille", Identity.Kind.PHONE, "0612345678");
        assertThatThrownBy(() -> fx.service.verify(camille, "phone", "0612345678", code)).hasMessageContaining("too many");
        fx.service.addIdentity(camille, "phone", "06 12 34 56 78");
        fx.backend.clock.advance(Duration.ofMillis(5));
        var fresh = fx.lastCode("cust-camille", Identity.Kind.PHONE, "0612345678");
        fx.backend.clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> fx.service.verify(camille, "phone", "0612345678", fresh)).hasMessageContaining("expired");
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678")).isEmpty();
    }

    @Test
    void concurrentWrongCodesCompareAtMostFiveThenEvenTheRightOneWaitsForANewCode() throws Exception {
        fx.service.addIdentity(camille, "phone", "06 12 34 56 78");
        var code = fx.lastCode("cust-camille", Identity.Kind.PHONE, "0612345678");
        int guesses = 24;
        var pool = Executors.newFixedThreadPool(guesses);
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<String>>();
        for (int i = 0; i < guesses; i++) {
            var wrong = String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000);
            answers.add(pool.submit(() -> {
                start.await();
                try {
                    fx.service.verify(camille, "phone", "+33612345678", wrong);
                    return "verified";
                } catch (DomainException e) {
                    return e.getMessage();
                }
            }));
        }
        start.countDown();
        var all = new ArrayList<String>();
        for (var answer : answers) all.add(answer.get(60, TimeUnit.SECONDS));
        pool.shutdown();

        assertThat(all.stream().filter(a -> a.contains("is wrong")).count()).as("codes compared with the one sent")
                .isEqualTo(CustomerService.MAX_CODE_ATTEMPTS);
        assertThat(all).filteredOn(a -> !a.contains("is wrong")).allMatch(a -> a.contains("too many"));
        assertThatThrownBy(() -> fx.service.verify(camille, "phone", "0612345678", code))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("too many");
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678")).isEmpty();

        fx.backend.clock.advance(Duration.ofMillis(5));
        fx.service.addIdentity(camille, "phone", "06 12 34 56 78");
        var fresh = fx.lastCode("cust-camille", Identity.Kind.PHONE, "0612345678");
        assertThat(fx.service.verify(camille, "phone", "0612345678", fresh).phone()).isEqualTo("+33612345678");
    }

    @Test
    void aCodeIsNotComparedWhenItsTryCannotBeCounted() {
        var counter = new FailingWrites(dynamo.client(), "updateItem");
        var faulty = new CustomerFixture(counter.client());
        faulty.service.addIdentity(camille, "email", "camille.martin@example.fr");
        var code = faulty.lastCode("cust-camille", Identity.Kind.EMAIL, "camille.martin@example.fr");
        counter.failing = true;

        assertThatThrownBy(() -> faulty.service.verify(camille, "email", "camille.martin@example.fr", code))
                .isInstanceOf(ProvisionedThroughputExceededException.class);

        counter.failing = false;
        assertThat(faulty.customers.identity(Identity.Kind.EMAIL, "camille.martin@example.fr"))
                .as("the right code, uncounted, verified nothing").isEmpty();
        assertThat(faulty.service.verify(camille, "email", "camille.martin@example.fr", code).email())
                .isEqualTo("camille.martin@example.fr");
    }

    @Test
    void aCodeRequestedBeforeSomeoneElseVerifiedTheAddressNoLongerTakesIt() {
        fx.service.addIdentity(hugo, "phone", "06 12 34 56 78");
        var hugosCode = fx.lastCode("cust-hugo", Identity.Kind.PHONE, "0612345678");
        verified(camille, "phone", "06 12 34 56 78");

        assertThatThrownBy(() -> fx.service.verify(hugo, "phone", "0612345678", hugosCode)).isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678").orElseThrow().customerId()).isEqualTo("cust-camille");
        // and a profile registered at a till is never what a sign-in acts as
        var walkIn = fx.service.registerInStore(lea, "paris-rivoli", new ProfilePatch("W", null, null, null, null, null), null, null, null);
        assertThatThrownBy(() -> fx.service.me(Actor.customer(walkIn.id()))).isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void anIdentityVerifiedByAnotherCustomerIsRefusedWithoutSayingWhose() {
        verified(camille, "email", "camille.martin@example.fr");
        assertThatThrownBy(() -> fx.service.addIdentity(hugo, "email", "camille.martin@example.fr"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageNotContaining("cust-camille");
        assertThatThrownBy(() -> fx.service.addIdentity(hugo, "email", "not-an-email"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("email"));
        assertThatThrownBy(() -> fx.service.addIdentity(hugo, "phone", "12"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("phone"));
        fx.service.addIdentity(camille, "card", "2900 1234 5678");
        assertThatThrownBy(() -> fx.service.addIdentity(hugo, "card", "290012345678")).isInstanceOf(DomainException.InvalidState.class);
    }

    @Test
    void verifyingAPhoneAStoreRegisteredTakesItFromTheWalkInWithoutMergingAnything() {
        var store = fx.service.registerInStore(lea, "paris-rivoli",
                new ProfilePatch("Camille", "Martin", "fr", null, null, null), "06 12 34 56 78", null, "2900123456");
        var reservation = fx.backend.reserve(Actor.customer(store.id()),
                new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k").reservation();
        fx.customers.decide(store.id(), new Consent("MARKETING", "SMS", true, "store", "v1", fx.backend.clock.instant()));

        verified(camille, "phone", "06 12 34 56 78");

        // whoever gave that number at the till proved nothing: the walk-in loses it, and nothing else happens
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678").orElseThrow())
                .satisfies(i -> assertThat(i.customerId()).isEqualTo("cust-camille"))
                .satisfies(i -> assertThat(i.verified()).isTrue());
        assertThat(fx.customers.identities(store.id())).extracting(Identity::kind).containsExactly(Identity.Kind.CARD);
        assertThat(fx.customers.profile(store.id()).orElseThrow().status()).isEqualTo(Profile.Status.ACTIVE);
        var account = fx.service.me(camille);
        assertThat(account.loyaltyCard()).isNull();
        assertThat(account.phone()).isEqualTo("+33612345678");
        assertThat(fx.service.consents(camille)).isEmpty();
        assertThat(fx.backend.reservations.find(reservation.id()).orElseThrow().customerId()).isEqualTo(store.id());
    }

    @Test
    void staffMergeAWalkInIntoAnAccountWithItsCardAndHistoryButGiveNoConsentOnTheAccountsBehalf() {
        var store = fx.service.registerInStore(lea, "paris-rivoli",
                new ProfilePatch("Camille", "Martin", "fr", null, null, null), null, null, "2900123456");
        var reservation = fx.backend.reserve(Actor.customer(store.id()),
                new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k").reservation();
        fx.service.decide(camille, List.of(new Consent("FEEDBACK", "EMAIL", true, null, "v1", null)));
        fx.backend.clock.advance(Duration.ofMinutes(1));
        fx.customers.decide(store.id(), new Consent("MARKETING", "SMS", true, "store", "v1", fx.backend.clock.instant()));
        fx.customers.decide(store.id(), new Consent("FEEDBACK", "EMAIL", false, "store", "v1", fx.backend.clock.instant()));

        fx.service.mergeByStaff(lea, "paris-rivoli", "cust-camille", store.id(), "same person, identity checked at the till");

        var survivor = fx.service.me(camille);
        assertThat(survivor.loyaltyCard()).isEqualTo("2900123456");
        assertThat(fx.customers.identity(Identity.Kind.CARD, "2900123456").orElseThrow().customerId()).isEqualTo("cust-camille");
        assertThat(fx.backend.reservations.find(reservation.id()).orElseThrow().customerId()).isEqualTo("cust-camille");
        assertThat(fx.customers.profile(store.id()).orElseThrow().mergedInto()).isEqualTo("cust-camille");
        // a refusal is the safe side and follows the person; a grant given on another profile is not Camille's consent
        assertThat(fx.service.consents(camille)).singleElement().satisfies(c -> {
            assertThat(c.purpose() + "/" + c.channel()).isEqualTo("FEEDBACK/EMAIL");
            assertThat(c.granted()).isFalse();
        });
        var contact = new DynamoContactBook(dynamo.client(), "Customers").find(store.id()).orElseThrow();
        assertThat(contact.customerId()).isEqualTo("cust-camille");
    }

    @Test
    void erasingAnAccountAlsoErasesTheWalkInStaffMergedIntoIt() {
        var store = fx.service.registerInStore(lea, "paris-rivoli",
                new ProfilePatch("Camille", "Walkin", "fr", null, null, null), "06 12 34 56 78", null, "2900123456");
        fx.service.me(camille);
        fx.service.mergeByStaff(lea, "paris-rivoli", "cust-camille", store.id(), "same person, identity checked at the till");

        fx.service.erase(camille);

        for (var trace : List.of("cust-camille", store.id(), "Walkin", "+33612345678", "2900123456")) {
            assertThat(fx.everything()).as(trace).noneMatch(item -> item.contains(trace));
        }
    }

    @Test
    void anOrderContactNeverHandsTheOrderersTokenToWhoeverLaterVerifiesThatPhone() {
        var attacker = Actor.customer("cust-attacker");
        var victim = Actor.customer("cust-victim");
        fx.service.update(victim, new ProfilePatch("Valérie", "Victime", null, null, null, null));
        verified(victim, "email", "valerie@example.fr");
        var planted = fx.order(attacker, "a1", "Whoever", null, "06 12 34 56 78");

        verified(victim, "phone", "06 12 34 56 78");

        // the attacker's token reads, changes and erases the attacker's own profile, never the victim's
        assertThat(fx.service.me(attacker).id()).isEqualTo("cust-attacker");
        assertThat(Json.write(fx.service.export(attacker))).doesNotContain("cust-victim", "valerie@example.fr", "Victime");
        fx.service.update(attacker, new ProfilePatch("Pirate", null, null, null, null, null));
        assertThat(fx.service.me(victim).firstName()).isEqualTo("Valérie");
        // and the victim's account holds nothing of the attacker's order
        assertThat(fx.orders.following().mine(victim, null).items()).isEmpty();
        assertThat(Json.write(fx.service.export(victim))).doesNotContain(planted.id());
        assertThat(fx.orders.following().mine(attacker, null).items()).extracting(Order::id).containsExactly(planted.id());

        fx.service.erase(attacker);

        var after = fx.service.me(victim);
        assertThat(after.email()).isEqualTo("valerie@example.fr");
        assertThat(after.phone()).isEqualTo("+33612345678");
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "valerie@example.fr").orElseThrow().customerId()).isEqualTo("cust-victim");
        assertThat(fx.customers.identity(Identity.Kind.PHONE, "+33612345678").orElseThrow().customerId()).isEqualTo("cust-victim");
    }

    @Test
    void theCodeSentToAnAddressIsNeverReadableByTheAccountThatAskedForIt() {
        var attacker = Actor.customer("cust-attacker");
        fx.service.addIdentity(attacker, "phone", "06 12 34 56 78");
        var code = fx.lastCode("cust-attacker", Identity.Kind.PHONE, "0612345678");

        var exported = Json.write(fx.service.export(attacker));
        assertThat(exported).contains("+33612345678").doesNotContain("\"" + code + "\"");

        fx.dispatchAll();
        assertThat(fx.sms.to("+33612345678")).singleElement().satisfies(s -> assertThat(s.envelope().text()).contains(code));
        // once handed to the channel, the outbox keeps no readable code either
        assertThat(fx.everything()).noneMatch(item -> item.contains("S=" + code + ")"));
    }

    @Test
    void staffNeverMergeAwayAnAccountSomeoneSignsInTo() {
        var victim = Actor.customer("cust-victim");
        verified(victim, "email", "valerie@example.fr");
        fx.service.me(camille);

        assertThatThrownBy(() -> fx.service.mergeByStaff(lea, "paris-rivoli", "cust-camille", "cust-victim", "she says both are hers"))
                .isInstanceOf(DomainException.InvalidState.class);

        assertThat(fx.service.me(victim).email()).isEqualTo("valerie@example.fr");
        assertThat(fx.service.me(camille).email()).isNull();
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "valerie@example.fr").orElseThrow().customerId()).isEqualTo("cust-victim");
    }

    @Test
    void aTokenWhoseProfileWasMergedAwayIsRefusedRatherThanLedIntoTheSurvivor() {
        var victim = Actor.customer("cust-victim");
        verified(victim, "email", "valerie@example.fr");
        fx.service.me(hugo);
        // a merge recorded before the rules changed (an order contact, then the victim verified that phone)
        fx.customers.markMerged("cust-hugo", "cust-victim", "cust-victim", "verified phone", fx.backend.clock.instant());

        assertThatThrownBy(() -> fx.service.me(hugo)).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.service.export(hugo)).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.service.update(hugo, new ProfilePatch("Pirate", null, null, null, null, null)))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.service.erase(hugo)).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.service.addIdentity(hugo, "email", "pirate@example.fr")).isInstanceOf(DomainException.Forbidden.class);

        assertThat(fx.service.me(victim).email()).isEqualTo("valerie@example.fr");
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "valerie@example.fr").orElseThrow().customerId()).isEqualTo("cust-victim");
    }

    @Test
    void aGuestOrderStaysWithTheGuestWhenAnAccountLaterVerifiesItsPhone() {
        var guest = Actor.customer("guest-5f2a");
        var order = fx.order(guest, "g1", "Camille M.", null, "06 12 34 56 78");

        verified(camille, "phone", "06 12 34 56 78");

        assertThat(fx.orders.following().mine(camille, null).items()).isEmpty();
        assertThat(fx.orders.following().mine(guest, null).items()).extracting(Order::id).containsExactly(order.id());
        fx.customers.profile("guest-5f2a").ifPresent(p -> assertThat(p.status()).isEqualTo(Profile.Status.ACTIVE));
        // the guest is still told about that order, at the contact given with it
        fx.dispatchAll();
        assertThat(fx.sms.to("+33612345678")).extracting(s -> s.envelope().messageId()).contains(OrderMessages.PLACED + "#" + order.id());
    }

    @Test
    void staffMergeIsRecordedAndIdempotent() {
        var a = fx.service.registerInStore(lea, "paris-rivoli", new ProfilePatch("A", "Un", null, null, null, null), null,
                "a@example.fr", null);
        fx.service.me(camille);
        assertThatThrownBy(() -> fx.service.mergeByStaff(Actor.staff("x", "lyon-republique"), "paris-rivoli", "cust-camille",
                a.id(), "same person")).isInstanceOf(DomainException.Forbidden.class);
        fx.service.mergeByStaff(lea, "paris-rivoli", "cust-camille", a.id(), "same person at the till");
        fx.service.mergeByStaff(lea, "paris-rivoli", "cust-camille", a.id(), "same person at the till");
        assertThat(fx.customers.profile(a.id()).orElseThrow().mergedInto()).isEqualTo("cust-camille");
        assertThat(fx.customers.identity(Identity.Kind.EMAIL, "a@example.fr").orElseThrow().customerId()).isEqualTo("cust-camille");
    }

    @Test
    void consentsRecordVersionAndSourceAndTheDispatcherReadsThem() {
        fx.service.update(camille, new ProfilePatch("Camille", null, null, null, null, null));
        var after = fx.service.decide(camille, List.of(new Consent("MARKETING", "EMAIL", true, null, "cgv-2026-01", null)));
        assertThat(after).singleElement().satisfies(c -> {
            assertThat(c.source()).isEqualTo("web");
            assertThat(c.textVersion()).isEqualTo("cgv-2026-01");
        });
        verified(camille, "email", "camille.martin@example.fr");
        var recipient = new DynamoContactBook(dynamo.client(), "Customers").find("cust-camille").orElseThrow();
        assertThat(recipient.channelsFor(OutboxMessage.Purpose.MARKETING)).containsExactly(ChannelKind.EMAIL);
        assertThatThrownBy(() -> fx.service.decide(camille, List.of(new Consent("SPAM", "FAX", true, null, null, null))))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations()).hasSize(3));
    }

    @Test
    void theTimelineShowsEveryChannelNewestFirstAndPages() {
        fx.backend.stock("TSH-COT-BLU-M", "paris-rivoli", 20);
        for (int i = 0; i < 12; i++) {
            fx.backend.clock.advance(Duration.ofMinutes(1));
            fx.backend.reserve(camille, new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k" + i);
        }
        var first = fx.service.timeline(camille, null);
        assertThat(first.items()).hasSize(20);
        assertThat(first.items()).extracting(TimelineEntry::kind).contains("reservation", "message");
        assertThat(first.items()).isSortedAccordingTo((x, y) -> y.at().compareTo(x.at()));
        var second = fx.service.timeline(camille, first.nextCursor());
        var all = new ArrayList<>(first.items());
        all.addAll(second.items());
        assertThat(all.stream().filter(e -> e.kind().equals("reservation")).count()).isEqualTo(12);
        assertThat(fx.service.timeline(hugo, null).items()).isEmpty();
    }

    @Test
    void staffLookUpTheCustomerInFrontOfThemAndTheLookIsRecorded() {
        verified(camille, "phone", "06 12 34 56 78");
        fx.service.update(camille, new ProfilePatch("Camille", "Martin", null, null, null, null));
        fx.backend.reserve(camille, new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k");

        var view = fx.service.lookup(lea, "paris-rivoli", "06 12 34 56 78", null, null);

        assertThat(view).containsEntry("firstName", "Camille").doesNotContainKey("email");
        assertThat((List<?>) view.get("openAtThisStore")).hasSize(1);
        assertThatThrownBy(() -> fx.service.lookup(camille, "paris-rivoli", "0612345678", null, null))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.service.lookup(lea, "paris-rivoli", "0699999999", null, null))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat((List<?>) fx.service.export(camille).get("storeAccesses")).hasSize(1);
    }

    @Test
    void erasureLeavesNoneOfThePersonsDataInAnyTableAndTheEmailCanSignUpAgain() {
        var person = Actor.customer("cust-erase-7c1d");
        fx.service.update(person, new ProfilePatch("Zoé", "Quintard", null, null, null, null));
        verified(person, "email", "zoe.quintard@example.fr");
        verified(person, "phone", "07 45 67 89 01");
        fx.service.addIdentity(person, "card", "2900987654");
        fx.backend.reserve(person, new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k");
        fx.service.lookup(lea, "paris-rivoli", null, "zoe.quintard@example.fr", null);
        var exported = com.omnicanal.infrastructure.http.Json.write(fx.service.export(person));
        assertThat(exported).contains("Quintard", "zoe.quintard@example.fr", "+33745678901", "2900987654");

        fx.service.erase(person);

        var traces = List.of("cust-erase-7c1d", "Zoé", "Quintard", "zoe.quintard", "+33745678901", "2900987654");
        for (var table : TableDefinitions.all(fx.backend.tables)) {
            for (var item : dynamo.client().scanPaginator(r -> r.tableName(table.tableName())).items()) {
                var text = item.toString();
                for (var trace : traces) assertThat(text).as("%s in %s", trace, table.tableName()).doesNotContain(trace);
            }
        }
        assertThat(fx.backend.level("TSH-COT-BLU-M", "paris-rivoli").reserved()).isEqualTo(1);
        assertThat(new DynamoContactBook(dynamo.client(), "Customers").find("cust-erase-7c1d")).isEmpty();
        assertThatThrownBy(() -> fx.service.lookup(lea, "paris-rivoli", "07 45 67 89 01", null, null))
                .isInstanceOf(DomainException.NotFound.class);
        var again = Actor.customer("cust-new-account");
        verified(again, "email", "zoe.quintard@example.fr");
        assertThat(fx.service.me(again).email()).isEqualTo("zoe.quintard@example.fr");
    }

    @Test
    void anOrderThatCommitsAfterTheErasureIsRefusedAndNothingReachesTheErasedAddress() {
        var zoe = Actor.customer("cust-zoe");
        fx.service.update(zoe, new ProfilePatch("Zoé", "Quintard", null, null, null, null));
        verified(zoe, "phone", "07 45 67 89 01");
        fx.order(zoe, "z1", "Zoé Quintard", "zoe.quintard@example.fr", "07 45 67 89 01");

        fx.service.erase(zoe);
        // the same token's order that was still on its way when the erasure answered
        assertThatThrownBy(() -> fx.order(zoe, "z2", "Zoé Quintard", "zoe.quintard@example.fr", "07 45 67 89 01"))
                .isInstanceOf(DomainException.Forbidden.class);
        fx.dispatchAll();

        assertThat(fx.sms.sent()).isEmpty();
        assertThat(fx.email.sent()).isEmpty();
        for (var trace : List.of("cust-zoe", "Quintard", "+33745678901", "zoe.quintard")) {
            assertThat(fx.everything()).as(trace).noneMatch(item -> item.contains(trace));
        }
    }

    @Test
    void aChangeReadBeforeTheErasureCannotWriteThePersonBack() {
        var zoe = Actor.customer("cust-zoe");
        fx.service.update(zoe, new ProfilePatch("Zoé", "Quintard", null, null, null, null));
        var placed = fx.order(zoe, "z1", "Zoé Quintard", "zoe.quintard@example.fr", "07 45 67 89 01");
        var profileAsRead = fx.customers.profile("cust-zoe").orElseThrow();

        fx.service.erase(zoe);

        // the store accepts the order as it read it before the erasure: refused, the order keeps no one's name
        var accepted = placed.moveTo(OrderStatus.ACCEPTED, fx.backend.clock.instant(), "staff-lea", null);
        assertThat(fx.orderStore.apply(Orders.Change.of(accepted, OrderStatus.PLACED)
                .message(com.omnicanal.outbox.OutboxMessage.transactional("ORDER_ACCEPTED", "cust-zoe", "ORDER_ACCEPTED#" + placed.id(),
                        java.util.Map.of("contactPhone", "+33745678901"), fx.backend.clock.instant()))))
                .isInstanceOf(Orders.Outcome.Conflict.class);
        // a profile change, a new identity or a consent read before the erasure cannot bring the person back either
        assertThatThrownBy(() -> fx.customers.save(profileAsRead)).isInstanceOf(DomainException.Forbidden.class);
        assertThat(fx.customers.claim(new Identity(Identity.Kind.PHONE, "+33745678901", "cust-zoe", true,
                fx.backend.clock.instant()), true)).isFalse();
        assertThatThrownBy(() -> fx.customers.decide("cust-zoe", new Consent("MARKETING", "SMS", true, "web", "v1",
                fx.backend.clock.instant()))).isInstanceOf(DomainException.Forbidden.class);

        for (var trace : List.of("cust-zoe", "Quintard", "+33745678901", "zoe.quintard")) {
            assertThat(fx.everything()).as(trace).noneMatch(item -> item.contains(trace));
        }
    }

    @Test
    void aMergeThatLandsAfterTheSurvivorsErasureMovesNothingUnderTheErasedId() {
        var store = fx.service.registerInStore(lea, "paris-rivoli", new ProfilePatch("Zoé", null, "fr", null, null, null),
                null, null, null);
        var reservation = fx.backend.reserve(Actor.customer(store.id()),
                new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k").reservation();
        fx.service.me(Actor.customer("cust-zoe"));
        fx.service.erase(Actor.customer("cust-zoe"));

        // a staff merge into her account that checked the account before the erasure, and moves the walk-in's records now
        var history = new com.omnicanal.customer.dynamo.DynamoCustomerHistory(dynamo.client(), fx.backend.tables);
        assertThatThrownBy(() -> history.reassign(store.id(), "cust-zoe")).isInstanceOf(DomainException.Forbidden.class);

        assertThat(fx.backend.reservations.find(reservation.id()).orElseThrow().customerId()).isEqualTo(store.id());
        assertThat(fx.everything()).noneMatch(item -> item.contains("cust-zoe"));
    }

    @Test
    void aMessageForAnErasedCustomerIsNeverSentEvenWithTheOrderContactInIt() {
        var zoe = Actor.customer("cust-zoe");
        fx.service.me(zoe);
        fx.service.erase(zoe);
        // a message that a change committing as the erasure ran could still have queued
        var late = com.omnicanal.outbox.OutboxMessage.transactional(OrderMessages.READY, "cust-zoe", "ORDER_READY#late",
                java.util.Map.of("orderId", "late", "contactPhone", "+33745678901", "contactEmail", "zoe.quintard@example.fr"),
                fx.backend.clock.instant());
        fx.backend.dynamo.transactWriteItems(r -> r.transactItems(
                com.omnicanal.outbox.dynamo.OutboxItems.put(fx.backend.tables.outbox(), late)));

        fx.dispatchAll();

        assertThat(fx.sms.sent()).isEmpty();
        assertThat(fx.email.sent()).isEmpty();
        assertThat(fx.log.find("ORDER_READY#late").orElseThrow().status()).isEqualTo(com.omnicanal.messaging.MessageRecord.Status.FAILED);
        assertThat(fx.everything()).noneMatch(item -> item.contains("+33745678901") || item.contains("zoe.quintard"));
    }
}
