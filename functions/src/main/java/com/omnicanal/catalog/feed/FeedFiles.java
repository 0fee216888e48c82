package com.omnicanal.catalog.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.omnicanal.catalog.CatalogFeed;
import com.omnicanal.catalog.PriceChange;
import com.omnicanal.catalog.Pricing;
import com.omnicanal.catalog.Product;
import com.omnicanal.catalog.ProductStatus;
import com.omnicanal.catalog.SalesChannel;
import com.omnicanal.infrastructure.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads a feed file into lines. JSON lines: one product per line, the fields of {@link FeedLine}, strictly (an unknown
 * field or a wrong type rejects the line, with the reason); blank lines are skipped. The fingerprint is the content's
 * SHA-256, so the same feed sent again is known whatever it is called.
 */
public final class FeedFiles {
    private FeedFiles() {
    }

    /** One product as a feed line states it; the prices are in cents. */
    public record FeedLine(String sku, String name, String category, String brand, String size, String color,
                           Integer priceCents, String currency, Map<SalesChannel, Integer> channelPrices,
                           List<PriceChange> priceChanges) {
        Product product() {
            var pricing = priceCents == null || currency == null ? null
                    : new Pricing(currency, priceCents, channelPrices, priceChanges);
            return new Product(sku, name, category, brand, size, color, pricing, ProductStatus.ACTIVE);
        }

        /** The line a product would be written as: what the demo data and generated catalogues are made of. */
        public static FeedLine of(Product product) {
            var p = product.pricing();
            return new FeedLine(product.sku(), product.name(), product.category(), product.brand(), product.size(),
                    product.color(), p.priceCents(), p.currency(), p.channelPrices().isEmpty() ? null : p.channelPrices(),
                    p.changes().isEmpty() ? null : p.changes());
        }
    }

    public static CatalogFeed jsonLines(String feedId, String content) {
        var lines = new ArrayList<CatalogFeed.Line>();
        var text = content.split("\r?\n", -1);
        for (int i = 0; i < text.length; i++) {
            if (text[i].isBlank()) continue;
            lines.add(line(i + 1, text[i]));
        }
        return new CatalogFeed(feedId, fingerprint(content), lines);
    }

    /** A feed's line as JSON. */
    public static String jsonLine(Product product) {
        return Json.write(FeedLine.of(product));
    }

    private static CatalogFeed.Line line(int number, String text) {
        try {
            return new CatalogFeed.Offered(number, Json.MAPPER.readValue(text, FeedLine.class).product());
        } catch (UnrecognizedPropertyException e) {
            return new CatalogFeed.Unreadable(number, "field " + e.getPropertyName() + " is not a feed field");
        } catch (MismatchedInputException e) {
            var field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("the line");
            return new CatalogFeed.Unreadable(number, field + " has the wrong type or value");
        } catch (JsonProcessingException e) {
            return new CatalogFeed.Unreadable(number, "not a JSON object");
        }
    }

    static String fingerprint(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
