package com.omnicanal.routing;

/** A place on Earth in decimal degrees (WGS84), as stores and storefronts give it. */
public record GeoPoint(double latitude, double longitude) {
    /** The mean radius of the Earth used by the haversine formula, in kilometres. */
    static final double EARTH_RADIUS_KM = 6371.0088;

    public GeoPoint {
        if (Double.isNaN(latitude) || latitude < -90 || latitude > 90) {
            throw new IllegalArgumentException("latitude must be between -90 and 90: " + latitude);
        }
        if (Double.isNaN(longitude) || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("longitude must be between -180 and 180: " + longitude);
        }
    }

    /** Great-circle distance by the haversine formula: a few metres off at most over France, plenty for ranking. */
    public double distanceKm(GeoPoint other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(other.latitude)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
