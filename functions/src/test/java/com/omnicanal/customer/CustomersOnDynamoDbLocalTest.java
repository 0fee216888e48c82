package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.Contract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The profile a sign-in acts on and its changes, consents, the timeline and the staff lookup, over DynamoDB Local. */
class CustomersOnDynamoDbLocalTest extends CustomerJourneysOnDynamoDbLocal {
    @Test
    void theProfileIsCreatedAtFirstSightAndUpdated() {
        assertThat(fx.signingIn.profile(camille).language()).isEqualTo("fr");
        var updated = fx.updatingProfile.update(camille, new ProfilePatch("Camille", "Martin", "en", List.of("EMAIL", "SMS"),
                new Profile.QuietHours("21:00", "08:00", "Europe/Paris"), "lyon-republique"));
        assertThat(fx.signingIn.profile(camille)).isEqualTo(updated);
        assertThatThrownBy(() -> fx.updatingProfile.update(camille, new ProfilePatch(" ", null, "de", List.of("FAX"),
                new Profile.QuietHours("25:00", "08:00", "Mars/Olympus"), "nowhere")))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field)
                        .containsExactlyInAnyOrder("firstName", "quietHours", "homeStoreId"));
        // an empty name, another language or channel: openapi.yaml refuses them before the use case runs
        assertThat(Contract.refusedFields("PATCH /customers/me", """
                {"firstName": "", "language": "de", "preferredChannels": ["FAX"],
                 "quietHours": {"start": "25:00", "end": "08:00", "timeZone": "Mars/Olympus"}, "homeStoreId": "nowhere"}"""))
                .containsExactlyInAnyOrder("firstName", "language", "preferredChannels[0]");
    }

    @Test
    void quietHoursAreRemovedByAPatchThatSaysSoAndKeptByOneThatDoesNot() {
        var night = new Profile.QuietHours("22:00", "08:00", "Europe/Paris");
        fx.updatingProfile.update(camille, new ProfilePatch(null, null, null, null, night, null));
        fx.updatingProfile.update(camille, new ProfilePatch("Camille", null, null, null, null, null));
        assertThat(fx.customers.profile("cust-camille").orElseThrow().quietHours()).isEqualTo(night);

        var cleared = fx.updatingProfile.update(camille, new ProfilePatch(null, null, null, null, null, null, true));
        assertThat(cleared.quietHours()).isNull();
        assertThat(cleared.firstName()).isEqualTo("Camille");
        assertThat(fx.customers.profile("cust-camille").orElseThrow().quietHours()).isNull();
        assertThat(fx.rawProfile("cust-camille")).doesNotContainKeys("quietStart", "quietEnd", "timeZone");
    }

    @Test
    void anEmptyQuietWindowIsRefusedAndChangesNothing() {
        var night = new Profile.QuietHours("22:00", "08:00", "Europe/Paris");
        fx.updatingProfile.update(camille, new ProfilePatch("Camille", null, null, null, night, null));
        var before = fx.rawProfile("cust-camille");
        fx.backend.clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> fx.updatingProfile.update(camille, new ProfilePatch("Camila", null, null, null,
                new Profile.QuietHours("22:00", "22:00", "Europe/Paris"), null)))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactly("quietHours.end"));
        assertThat(fx.rawProfile("cust-camille")).isEqualTo(before);
    }

    @Test
    void anEmptyWindowStoredBeforeTheRuleReadsAsNoneAndLeavesAtTheNextSave() {
        fx.signingIn.profile(camille);
        fx.backend.dynamo.updateItem(r -> r.tableName(fx.backend.tables.customers())
                .key(java.util.Map.of("pk", AttributeValue.fromS("CUSTOMER#cust-camille"), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET quietStart = :t, quietEnd = :t, #zone = :z").expressionAttributeNames(java.util.Map.of("#zone", "timeZone"))
                .expressionAttributeValues(java.util.Map.of(":t", AttributeValue.fromS("22:00"), ":z", AttributeValue.fromS("Europe/Paris"))));

        assertThat(fx.signingIn.profile(camille).quietHours()).isNull();
        fx.updatingProfile.update(camille, new ProfilePatch("Camille", null, null, null, null, null));
        assertThat(fx.rawProfile("cust-camille")).doesNotContainKeys("quietStart", "quietEnd", "timeZone");
    }

    @Test
    void consentsRecordVersionAndSourceAndTheDispatcherReadsThem() {
        fx.updatingProfile.update(camille, new ProfilePatch("Camille", null, null, null, null, null));
        var after = fx.decidingConsents.decide(camille, List.of(new Consent("MARKETING", "EMAIL", true, null, "cgv-2026-01", null)));
        assertThat(after).singleElement().satisfies(c -> {
            assertThat(c.source()).isEqualTo("web");
            assertThat(c.textVersion()).isEqualTo("cgv-2026-01");
        });
        verified(camille, "email", "camille.martin@example.fr");
        var recipient = new DynamoContactBook(dynamo.client(), "Customers").find("cust-camille").orElseThrow();
        assertThat(recipient.channelsFor(OutboxMessage.Purpose.MARKETING)).containsExactly(ChannelKind.EMAIL);
        // another purpose or channel, no text version: openapi.yaml refuses them before the use case runs
        assertThat(Contract.refusedFields("PUT /customers/me/consents",
                "{\"consents\": [{\"purpose\": \"SPAM\", \"channel\": \"FAX\", \"granted\": true}]}")).hasSize(3);
        assertThatThrownBy(() -> fx.decidingConsents.decide(camille, List.of(new Consent("MARKETING", "SMS", true, null, " ", null))))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactly("consents[0].textVersion"));
        assertThat(fx.decidingConsents.consents(camille)).extracting(Consent::channel).containsExactly("EMAIL");
    }

    @Test
    void theTimelineShowsEveryChannelNewestFirstAndPages() {
        fx.backend.stock("TSH-COT-BLU-M", "paris-rivoli", 20);
        for (int i = 0; i < 12; i++) {
            fx.backend.clock.advance(Duration.ofMinutes(1));
            fx.backend.reserve(camille, new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k" + i);
        }
        var first = fx.readingTimeline.page(camille, null);
        assertThat(first.items()).hasSize(20);
        assertThat(first.items()).extracting(TimelineEntry::kind).contains("reservation", "message");
        assertThat(first.items()).isSortedAccordingTo((x, y) -> y.at().compareTo(x.at()));
        var second = fx.readingTimeline.page(camille, first.nextCursor());
        var all = new ArrayList<>(first.items());
        all.addAll(second.items());
        assertThat(all.stream().filter(e -> e.kind().equals("reservation")).count()).isEqualTo(12);
        assertThat(fx.readingTimeline.page(hugo, null).items()).isEmpty();
    }

    @Test
    void staffLookUpTheCustomerInFrontOfThemAndTheLookIsRecorded() {
        verified(camille, "phone", "06 12 34 56 78");
        fx.updatingProfile.update(camille, new ProfilePatch("Camille", "Martin", null, null, null, null));
        fx.backend.reserve(camille, new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), "k");

        var view = fx.lookingUpCustomers.lookup(lea, "paris-rivoli", new CustomerLookup("06 12 34 56 78", null, null));

        assertThat(view).containsEntry("firstName", "Camille").doesNotContainKey("email");
        assertThat((List<?>) view.get("openAtThisStore")).hasSize(1);
        assertThatThrownBy(() -> fx.lookingUpCustomers.lookup(camille, "paris-rivoli", new CustomerLookup("0612345678", null, null)))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.lookingUpCustomers.lookup(lea, "paris-rivoli", new CustomerLookup("0699999999", null, null)))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat((List<?>) fx.exportingData.export(camille).get("storeAccesses")).hasSize(1);
    }
}
