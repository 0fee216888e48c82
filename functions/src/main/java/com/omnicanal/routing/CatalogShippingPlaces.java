package com.omnicanal.routing;

import com.omnicanal.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The places that ship, from today's catalogue: the web warehouse (where its settings put it) and the catalogue's
 * stores named enabled for shipping by the deployment's settings (SHIP_FROM_STORES), at their coordinates. When the
 * catalogue says itself which stores ship, this adapter alone changes.
 */
public final class CatalogShippingPlaces implements ShippingPlaces {
    /** The stock ledger's name for the web warehouse. */
    public static final String WAREHOUSE = com.omnicanal.stock.StockLevel.WEB;

    private final Catalog catalog;
    private final Set<String> shipping;
    private final GeoPoint warehouse;

    public CatalogShippingPlaces(Catalog catalog, Set<String> shippingStores, GeoPoint warehouse) {
        this.catalog = catalog;
        this.shipping = Set.copyOf(shippingStores);
        this.warehouse = warehouse;
    }

    /** From the settings' text: store ids separated by commas, or "*" for every store. */
    public static CatalogShippingPlaces of(Catalog catalog, String shippingStores, GeoPoint warehouse) {
        var ids = shippingStores.strip().equals("*")
                ? catalog.stores().stream().map(com.omnicanal.catalog.Store::id).toList()
                : List.of(shippingStores.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new CatalogShippingPlaces(catalog, Set.copyOf(ids), warehouse);
    }

    @Override
    public List<Place> places() {
        var places = new ArrayList<Place>();
        places.add(new Place(WAREHOUSE, Candidate.Kind.WAREHOUSE, "Entrepôt web", warehouse));
        for (var store : catalog.stores()) {
            if (!shipping.contains(store.id()) || store.coordinates() == null) continue;
            places.add(new Place(store.id(), Candidate.Kind.STORE, store.name(),
                    new GeoPoint(store.coordinates().latitude(), store.coordinates().longitude())));
        }
        return places;
    }
}
