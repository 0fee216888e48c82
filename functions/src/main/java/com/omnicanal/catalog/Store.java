package com.omnicanal.catalog;

import java.util.List;

/** A physical store: where stock sits, reservations are held and orders collected. */
public record Store(String id, String name, Address address, String phone, String timeZone,
                    List<OpeningHours> openingHours, Coordinates coordinates, Integer readyTargetMinutes) {

    public record Address(String street, String postcode, String city, String country) {
    }

    public record OpeningHours(String day, String opens, String closes) {
    }

    public record Coordinates(double latitude, double longitude) {
    }
}
