package com.omnicanal.catalog;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
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

    /** Whether the store is open at that instant, by its opening hours in its own time zone. */
    public boolean openAt(Instant at) {
        var local = at.atZone(ZoneId.of(timeZone));
        var time = local.toLocalTime();
        return openingHours.stream().anyMatch(h -> h.day().equalsIgnoreCase(local.getDayOfWeek().name())
                && !time.isBefore(LocalTime.parse(h.opens())) && time.isBefore(LocalTime.parse(h.closes())));
    }

    /** The hours open on that day, "10:00-19:30" (several ranges joined by "/"), or "" when the store is closed. */
    public String hoursOn(DayOfWeek day) {
        return openingHours.stream().filter(h -> h.day().equalsIgnoreCase(day.name()))
                .map(h -> h.opens() + "-" + h.closes()).collect(Collectors.joining("/"));
    }
}
