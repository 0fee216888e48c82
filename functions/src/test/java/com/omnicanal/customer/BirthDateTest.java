package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.Contract;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The birth date a customer sets on their profile: checked, theirs to export and erase, kept by a merge, and shown to
 * nobody else (staff lookups and merges), over DynamoDB Local.
 */
class BirthDateTest extends CustomerJourneysOnDynamoDbLocal {
    private static final String BORN = "1987-05-14";

    private ProfilePatch born(String date) {
        return new ProfilePatch(null, null, null, null, null, null, false, date, false);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(fx.backend.clock.instant(), ZoneId.of("Europe/Paris"));
    }

    @Test
    void theCustomerSetsARealPastDateAndRemovesItWithNull() {
        fx.updatingProfile.update(camille, new ProfilePatch("Camille", null, null, null, null, null));
        var set = fx.updatingProfile.update(camille, born(BORN));
        assertThat(set.birthDate()).isEqualTo(LocalDate.parse(BORN));
        assertThat(fx.signingIn.profile(camille).birthDate()).isEqualTo(LocalDate.parse(BORN));
        // a patch that does not mention it keeps it
        fx.updatingProfile.update(camille, new ProfilePatch(null, "Martin", null, null, null, null));
        assertThat(fx.customers.profile("cust-camille").orElseThrow().birthDate()).isEqualTo(LocalDate.parse(BORN));

        var removed = fx.updatingProfile.update(camille, new ProfilePatch(null, null, null, null, null, null, false, null, true));
        assertThat(removed.birthDate()).isNull();
        assertThat(removed.firstName()).isEqualTo("Camille");
        assertThat(fx.rawProfile("cust-camille")).doesNotContainKey("birthDate");
    }

    @Test
    void anImpossibleFutureTooRecentOrTooOldDateIsRefusedAndChangesNothing() {
        fx.updatingProfile.update(camille, born(BORN));
        var before = fx.rawProfile("cust-camille");
        fx.backend.clock.advance(Duration.ofMinutes(5));
        var fourteenYearsAgo = today().minusYears(UpdatingProfile.MINIMUM_AGE).plusDays(1).toString();
        for (var wrong : List.of("1990-02-30", "2001-13-01", "14/05/1987", "1987-5-14", today().plusDays(1).toString(),
                fourteenYearsAgo, "1890-01-01")) {
            assertThatThrownBy(() -> fx.updatingProfile.update(camille, born(wrong))).as(wrong)
                    .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                            .extracting(DomainException.Violation::field).containsExactly("birthDate"));
        }
        assertThat(fx.rawProfile("cust-camille")).isEqualTo(before);
        // fifteen today is old enough
        var fifteenToday = today().minusYears(UpdatingProfile.MINIMUM_AGE);
        assertThat(fx.updatingProfile.update(camille, born(fifteenToday.toString())).birthDate()).isEqualTo(fifteenToday);
        // not a date string at all: openapi.yaml refuses it before the use case runs
        assertThat(Contract.refusedFields("PATCH /customers/me", "{\"birthDate\": 19870514}")).containsExactly("birthDate");
    }

    @Test
    void theExportCarriesItAndTheErasureLeavesItNowhere() {
        fx.updatingProfile.update(camille, born(BORN));
        assertThat(Json.write(fx.exportingData.export(camille))).contains("\"birthDate\":\"" + BORN + "\"");

        fx.erasingCustomers.erase(camille);

        for (var table : TableDefinitions.all(fx.backend.tables)) {
            for (var item : dynamo.client().scanPaginator(r -> r.tableName(table.tableName())).items()) {
                assertThat(item.toString()).as(table.tableName()).doesNotContain(BORN);
            }
        }
    }

    @Test
    void staffNeverSeeItNeitherInALookupNorInAMergesAnswer() {
        verified(camille, "phone", "06 12 34 56 78");
        fx.updatingProfile.update(camille, born(BORN));
        var walkIn = fx.registeringWalkIns.register(lea, "paris-rivoli",
                new ProfilePatch("Camille", "Martin", "fr", null, null, null), null, null, "2900123456");

        var lookup = fx.lookingUpCustomers.lookup(lea, "paris-rivoli", new CustomerLookup("06 12 34 56 78", null, null));
        var merged = fx.mergingProfiles.merge(lea, "paris-rivoli", new ProfileMerge("cust-camille", walkIn.id(), "same person"));

        assertThat(Json.write(lookup)).doesNotContain(BORN).doesNotContain("birthDate");
        assertThat(Json.write(merged)).doesNotContain(BORN).doesNotContain("birthDate");
        assertThat(walkIn.birthDate()).isNull();
        // and the merge kept it on the survivor
        assertThat(fx.signingIn.profile(camille).birthDate()).isEqualTo(LocalDate.parse(BORN));
    }

    @Test
    void aMergeKeepsTheSurvivorsBirthDateElseTakesTheWalkInsOne() {
        var walkInBorn = LocalDate.parse("1987-06-02");
        var first = walkIn("2900111111", walkInBorn);
        fx.mergingProfiles.merge(lea, "paris-rivoli", new ProfileMerge("cust-camille", first, "same person"));
        assertThat(fx.customers.profile("cust-camille").orElseThrow().birthDate()).isEqualTo(walkInBorn);

        fx.updatingProfile.update(hugo, born(BORN));
        var second = walkIn("2900222222", walkInBorn);
        fx.mergingProfiles.merge(lea, "paris-rivoli", new ProfileMerge("cust-hugo", second, "same person"));
        assertThat(fx.customers.profile("cust-hugo").orElseThrow().birthDate()).isEqualTo(LocalDate.parse(BORN));
    }

    /** A walk-in whose birth date staff noted at the till (no route sets one today: written as the adapter would). */
    private String walkIn(String card, LocalDate born) {
        fx.signingIn.profile(camille);
        fx.signingIn.profile(hugo);
        var walkIn = fx.registeringWalkIns.register(lea, "paris-rivoli",
                new ProfilePatch("Camille", "Martin", "fr", null, null, null), null, null, card);
        fx.customers.save(fx.customers.profile(walkIn.id()).orElseThrow().withBirthDate(born));
        return walkIn.id();
    }
}
