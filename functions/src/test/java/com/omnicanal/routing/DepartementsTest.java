package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("fast")
class DepartementsTest {

    @Test
    void shipsEveryMetropolitanDepartement() {
        assertThat(Departements.shipped().size()).isEqualTo(96);
    }

    @ParameterizedTest
    @CsvSource({"75001,75", "69002,69", "01000,01", "20000,2A", "20190,2A", "20200,2B", "20600,2B", "97100,97"})
    void readsTheDepartementFromThePostcode(String postcode, String departement) {
        assertThat(Departements.departementOf(postcode)).contains(departement);
    }

    @Test
    void placesAPostcodeAtItsDepartementsCentre() {
        var lyon = new GeoPoint(45.7640, 4.8357);
        var paris = new GeoPoint(48.8566, 2.3522);
        // the Rhône's centre is some 20 km from Lyon; Paris's is in Paris
        assertThat(Departements.shipped().centreOf("69002").orElseThrow().distanceKm(lyon)).isLessThan(30);
        assertThat(Departements.shipped().centreOf("75011").orElseThrow().distanceKm(paris)).isLessThan(3);
        assertThat(Departements.shipped().centreOf("20000").orElseThrow().latitude()).isBetween(41.0, 43.0);
    }

    @ParameterizedTest
    @CsvSource({"97100", "7500", "ABCDE", "' '"})
    void leavesOutWhatItCannotPlace(String postcode) {
        assertThat(Departements.shipped().centreOf(postcode)).isEmpty();
    }

    @Test
    void haversineGivesTheKnownDistanceParisLyon() {
        // Paris (Notre-Dame) to Lyon (Bellecour): 392 km as the crow flies
        assertThat(new GeoPoint(48.8530, 2.3499).distanceKm(new GeoPoint(45.7578, 4.8320))).isBetween(389.0, 395.0);
        assertThat(new GeoPoint(48.0, 2.0).distanceKm(new GeoPoint(48.0, 2.0))).isZero();
    }
}
