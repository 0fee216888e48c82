package com.omnicanal.routing;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.StoreOffering;
import java.util.ArrayList;
import java.util.List;

/**
 * The places that ship, from the catalogue ops run: the web warehouse (where the deployment's settings put it) and the
 * stores that offer ship-from-store, at their coordinates (a store without coordinates cannot be ranked: left out).
 */
public final class CatalogShippingPlaces implements ShippingPlaces {
    /** The stock ledger's name for the web warehouse. */
    public static final String WAREHOUSE = com.omnicanal.stock.StockLevel.WEB;

    private final Catalog catalog;
    private final GeoPoint warehouse;

    public CatalogShippingPlaces(Catalog catalog, GeoPoint warehouse) {
        this.catalog = catalog;
        this.warehouse = warehouse;
    }

    @Override
    public List<Place> places() {
        var places = new ArrayList<Place>();
        places.add(new Place(WAREHOUSE, Candidate.Kind.WAREHOUSE, "Entrepôt web", warehouse));
        for (var store : catalog.stores()) {
            if (!store.offers(StoreOffering.SHIP_FROM_STORE) || store.coordinates() == null) continue;
            places.add(new Place(store.id(), Candidate.Kind.STORE, store.name(),
                    new GeoPoint(store.coordinates().latitude(), store.coordinates().longitude())));
        }
        return places;
    }
}
