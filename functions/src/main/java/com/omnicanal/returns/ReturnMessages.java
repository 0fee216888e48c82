package com.omnicanal.returns;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.stock.StockLevel;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;

/** What the customer is told of a return: the kinds of message, and what their templates may say. */
public final class ReturnMessages {
    public static final String AUTHORIZED = "RETURN_AUTHORIZED";
    public static final String RECEIVED = "RETURN_RECEIVED";
    public static final String REFUNDED = "RETURN_REFUNDED";
    public static final String REJECTED = "RETURN_REJECTED";
    public static final String EXPIRED = "RETURN_EXPIRED";

    private final Catalog catalog;
    private final Clock clock;

    ReturnMessages(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    OutboxMessage message(String kind, ReturnAuthorization r) {
        var data = new LinkedHashMap<String, String>();
        data.put("returnId", r.id());
        data.put("returnCode", r.code());
        data.put("items", String.join(", ", r.lines().stream().map(l -> l.quantity() + " x " + l.productName()).toList()));
        // an SMS counts the units: a return of many lines would not fit listed
        data.put("units", Integer.toString(r.lines().stream().mapToInt(ReturnAuthorization.Line::quantity).sum()));
        data.put("method", r.method().name().toLowerCase(Locale.ROOT));
        data.put("refund", String.format(Locale.FRANCE, "%.2f €", r.refundCents() / 100.0));
        if (r.refundReference() != null) data.put("refundReference", r.refundReference());
        var last = r.timeline().get(r.timeline().size() - 1);
        if (last.note() != null) data.put("note", last.note());
        if (r.receivedAt() != null) {
            // the store's name, or "" for the web warehouse: each language's template says "by post" itself
            data.put("receivedAt", StockLevel.WEB.equals(r.receivedAt()) ? ""
                    : catalog.store(r.receivedAt()).map(s -> s.name()).orElse(r.receivedAt()));
        }
        return OutboxMessage.transactional(kind, r.customerId(), kind + "#" + r.id(), data,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
