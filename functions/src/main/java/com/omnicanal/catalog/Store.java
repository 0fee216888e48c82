package com.omnicanal.catalog;

import java.time.DayOfWeek;
import java.util.List;
import java.util.stream.Collectors;

/** A physical store: where stock sits, reservations are held and orders collected. */
public record Store(String id, String name, Address address, String phone, String timeZone,
                    List<OpeningHours> openingHours, Coordinates coordinates, Integer readyTargetMinutes) {

    public record Address(String street, String postcode, String city, String country) {
    }

    public record OpeningHours(String day, String opens, String closes) {
    }

    public record Coordinates(double latitude, double longitude) {
    }

    /** The hours open on that day, "10:00-19:30" (several ranges joined by "/"), or "" when the store is closed. */
    public String hoursOn(DayOfWeek day) {
        return openingHours.stream().filter(h -> h.day().equalsIgnoreCase(day.name()))
                .map(h -> h.opens() + "-" + h.closes()).collect(Collectors.joining("/"));
    }
}
