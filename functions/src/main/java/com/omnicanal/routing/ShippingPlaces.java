package com.omnicanal.routing;

import java.util.List;
import java.util.Optional;

/**
 * Port: the places that may ship an order, the web warehouse and the stores enabled for shipping, with their
 * coordinates. The store side comes from the catalogue; this port keeps routing from knowing how.
 */
public interface ShippingPlaces {
    record Place(String id, Candidate.Kind kind, String name, GeoPoint at) {
    }

    /** The web warehouse first, then the stores enabled for shipping. */
    List<Place> places();

    default Optional<Place> place(String id) {
        return places().stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
