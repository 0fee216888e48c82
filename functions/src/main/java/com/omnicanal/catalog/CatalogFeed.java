package com.omnicanal.catalog;

import java.util.List;

/**
 * A feed from the PIM or ERP, read into lines: the whole catalogue as it should be once the feed is applied. Its id
 * makes it idempotent (the same feed sent again changes nothing and answers the same report), its fingerprint (of the
 * content) tells the same feed from another one sent under the same id.
 */
public record CatalogFeed(String id, String fingerprint, List<Line> lines) {
    public CatalogFeed {
        lines = List.copyOf(lines);
    }

    /** One line of the feed, numbered from 1 as the file counts them. */
    public sealed interface Line {
        int number();
    }

    /** A line read as a product, still to be checked against the catalogue's rules. */
    public record Offered(int number, Product product) implements Line {
    }

    /** A line that could not be read as a product (not JSON, a field of the wrong type, an unknown field). */
    public record Unreadable(int number, String reason) implements Line {
    }
}
