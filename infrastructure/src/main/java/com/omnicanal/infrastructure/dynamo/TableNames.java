package com.omnicanal.infrastructure.dynamo;

import com.omnicanal.infrastructure.config.Settings;

/** Physical table names; template.yaml passes them as environment variables, the local stack uses the defaults. */
public record TableNames(String stock, String orders, String outbox, String idempotency, String customers, String feedback,
                         String catalog, String appointments, String kpis) {

    public static TableNames defaults() {
        return new TableNames("Stock", "Orders", "Outbox", "Idempotency", "Customers", "Feedback", "Catalog", "Appointments", "Kpis");
    }

    public static TableNames from(Settings settings) {
        var d = defaults();
        return new TableNames(
                settings.get("STOCK_TABLE", d.stock()),
                settings.get("ORDERS_TABLE", d.orders()),
                settings.get("OUTBOX_TABLE", d.outbox()),
                settings.get("IDEMPOTENCY_TABLE", d.idempotency()),
                settings.get("CUSTOMERS_TABLE", d.customers()),
                settings.get("FEEDBACK_TABLE", d.feedback()),
                settings.get("CATALOG_TABLE", d.catalog()),
                settings.get("APPOINTMENTS_TABLE", d.appointments()),
                settings.get("KPIS_TABLE", d.kpis()));
    }
}
