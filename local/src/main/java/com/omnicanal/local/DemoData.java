package com.omnicanal.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.omnicanal.catalog.CatalogJourneys;
import com.omnicanal.catalog.CatalogPolicy;
import com.omnicanal.catalog.dynamo.DynamoCatalog;
import com.omnicanal.catalog.dynamo.DynamoCatalogFeeds;
import com.omnicanal.catalog.feed.CatalogFiles;
import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.shared.Actor;
import com.omnicanal.stock.CatalogFigures;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.dynamo.DynamoStockLedger;
import com.omnicanal.stock.dynamo.StockItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The demo catalogue, stock, customers and staff the local stack starts with (demo/*): the products go through the
 * import as a feed (demo/products.jsonl), the stores through ops' store write (demo/stores.json), as in production.
 */
public final class DemoData {
    public record StockLine(String sku, String location, int onHand) {
    }

    public record Customer(String id, String firstName, String lastName, String email, String phone, String card, String language,
                           String homeStoreId, List<String> preferredChannels, QuietHours quietHours,
                           List<String> transactionalChannels, List<String> marketingChannels,
                           List<String> feedbackChannels, String birthDate) {
    }

    public record QuietHours(String start, String end, String timeZone) {
    }

    public record Staff(String id, String name, String storeId) {
    }

    public final List<StockLine> stock = read("demo/stock.json", new TypeReference<>() { });
    public final List<Customer> customers = read("demo/customers.json", new TypeReference<>() { });
    public final List<Staff> staff = read("demo/staff.json", new TypeReference<>() { });

    /** A sale a store's till reported for a demo member, some days ago (loyalty's history). */
    public record Sale(String receiptId, String storeId, int daysAgo, String card,
                       List<com.omnicanal.loyalty.Receipt.Line> lines) {
    }

    public final List<Sale> sales = read("demo/loyalty-sales.json", new TypeReference<>() { });
    public final List<com.omnicanal.feedback.Questionnaire> questionnaires =
            read("demo/questionnaires.json", new TypeReference<>() { });

    /** What can be booked in two stores: advisors with their week, fitting rooms, appointment types. */
    public record Appointments(List<com.omnicanal.appointment.Advisor> advisors,
                               List<com.omnicanal.appointment.Resource> resources,
                               List<com.omnicanal.appointment.AppointmentType> types) {
    }

    public final Appointments appointments = read("demo/appointments.json", new TypeReference<>() { });

    /** Home delivery: the routing rules ops set first (the stores that ship are the catalogue's, demo/stores.json). */
    public record Routing(com.omnicanal.routing.RoutingRules rules) {
    }

    public final Routing routing = read("demo/routing.json", new TypeReference<>() { });

    /** A local-only table that records that the demo data went into this database (never deployed). */
    public static final String LOADED_TABLE = "LocalDemoData";
    private static final Map<String, AttributeValue> LOADED = Map.of("id", AttributeValue.fromS("demo-data"));

    /**
     * Loads everything into a new database, once: a persistent database (--data-dir) keeps what was changed in it
     * since, stock levels included. A load cut short (the process killed) is done again whole on the next start: it
     * writes the same items, and nobody can have changed them since the gateway opens only after the load.
     */
    public boolean loadInto(DynamoDbClient dynamo, TableNames tables) {
        try {
            dynamo.createTable(r -> r.tableName(LOADED_TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build()));
        } catch (ResourceInUseException earlierRun) {
            if (dynamo.getItem(r -> r.tableName(LOADED_TABLE).key(LOADED)).hasItem()) return false;
        }
        loadCatalog(dynamo, tables);
        var items = new ArrayList<Map<String, AttributeValue>>();
        for (var line : stock) {
            var item = StockItem.of(new StockLevel(line.sku(), line.location(), line.onHand(), 0));
            items.add(item);
        }
        write(dynamo, tables.stock(), items);
        var profiles = new ArrayList<Map<String, AttributeValue>>();
        for (var c : customers) {
            var item = new HashMap<String, AttributeValue>();
            item.put("pk", AttributeValue.fromS(CustomerKeys.customerKey(c.id())));
            item.put("sk", AttributeValue.fromS("PROFILE"));
            item.put("customerId", AttributeValue.fromS(c.id()));
            item.put("firstName", AttributeValue.fromS(c.firstName()));
            item.put("lastName", AttributeValue.fromS(c.lastName()));
            item.put("email", AttributeValue.fromS(c.email()));
            item.put("phone", AttributeValue.fromS(c.phone()));
            item.put("language", AttributeValue.fromS(c.language()));
            item.put("homeStoreId", AttributeValue.fromS(c.homeStoreId()));
            if (c.card() != null) item.put("loyaltyCard", AttributeValue.fromS(c.card()));
            // the birthday-month bonus of the loyalty programme reads it
            if (c.birthDate() != null) item.put("birthDate", AttributeValue.fromS(c.birthDate()));
            if (c.preferredChannels() != null) {
                item.put("preferredChannels", AttributeValue.fromL(c.preferredChannels().stream().map(AttributeValue::fromS).toList()));
            }
            if (c.quietHours() != null) {
                item.put("quietStart", AttributeValue.fromS(c.quietHours().start()));
                item.put("quietEnd", AttributeValue.fromS(c.quietHours().end()));
                item.put("timeZone", AttributeValue.fromS(c.quietHours().timeZone()));
            }
            profiles.add(item);
            profiles.add(Map.of("pk", AttributeValue.fromS(CustomerKeys.phoneKey(c.phone())),
                    "sk", AttributeValue.fromS("IDENTITY"), "customerId", AttributeValue.fromS(c.id())));
            consents(profiles, c.id(), Purpose.TRANSACTIONAL, c.transactionalChannels());
            consents(profiles, c.id(), Purpose.MARKETING, c.marketingChannels());
            consents(profiles, c.id(), Purpose.FEEDBACK, c.feedbackChannels());
        }
        write(dynamo, tables.customers(), profiles);
        loyalty(dynamo, tables);
        var feedback = new com.omnicanal.feedback.dynamo.DynamoFeedbackStore(dynamo, tables);
        questionnaires.forEach(q -> feedback.save(q, 0));
        var booking = new com.omnicanal.appointment.dynamo.DynamoBookingSetup(dynamo, tables);
        appointments.advisors().forEach(booking::save);
        appointments.resources().forEach(booking::save);
        appointments.types().forEach(booking::save);
        new com.omnicanal.routing.dynamo.DynamoRoutingRulesBook(dynamo, tables)
                .publish(routing.rules().asVersion(1, java.time.Instant.parse("2026-11-23T08:00:00Z"), "ops-demo"), 0);
        // last: only a load that went to the end counts
        dynamo.putItem(r -> r.tableName(LOADED_TABLE).item(LOADED));
        return true;
    }

    /**
     * The demo members hold their cards (customer's own identity claim) and some history, through the real services:
     * the sales their stores' tills reported (weeks ago: the sweep has made most of their points available since),
     * as the local stack's loyalty function would have recorded them.
     */
    private void loyalty(DynamoDbClient dynamo, TableNames tables) {
        var now = java.time.Instant.now();
        var customers = new com.omnicanal.customer.dynamo.DynamoCustomers(dynamo, tables.customers(), tables.outbox());
        for (var c : this.customers) {
            if (c.card() != null) {
                customers.claim(new com.omnicanal.customer.Identity(com.omnicanal.customer.Identity.Kind.CARD, c.card(), c.id(),
                        true, now), false);
            }
        }
        var ledger = new com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger(dynamo, tables);
        var loyalty = com.omnicanal.loyalty.LoyaltyProgramme.of(new DynamoCatalog(dynamo, tables.catalog(), ZoneId.of("Europe/Paris")),
                ledger, ledger, new com.omnicanal.order.dynamo.DynamoOrders(dynamo, tables),
                () -> com.omnicanal.reward.RewardCode.newCode(com.omnicanal.reward.RewardCode.POINTS),
                new com.omnicanal.CustomerMembers(customers), java.time.Duration.ofDays(30), java.time.Clock.systemUTC());
        for (var sale : sales) {
            loyalty.sales().record(com.omnicanal.shared.Actor.staff("demo-till", sale.storeId()), sale.storeId(),
                    new com.omnicanal.loyalty.RecordingSales.SaleReport(sale.receiptId(),
                            now.minus(java.time.Duration.ofDays(sale.daysAgo())), sale.lines(), sale.card(), null, null));
        }
        // what waited past its return window is available now, as the hourly sweep would have made it
        loyalty.sweeping().sweep();
    }

    /** The feed id of the demo catalogue: loading it again (a start cut short) replays it and changes nothing. */
    public static final String CATALOG_FEED = "demo-catalog";

    private static void loadCatalog(DynamoDbClient dynamo, TableNames tables) {
        var catalog = new DynamoCatalog(dynamo, tables.catalog(), ZoneId.of("Europe/Paris"));
        var journeys = CatalogJourneys.of(catalog, new DynamoCatalogFeeds(dynamo, tables.catalog()),
                new CatalogFigures(new DynamoStockLedger(dynamo, tables.stock())), CatalogPolicy.DEFAULT, Clock.systemUTC());
        CatalogFiles.load(journeys, Actor.ops("local-demo"), CATALOG_FEED, CatalogFiles.resource("demo/products.jsonl"),
                CatalogFiles.resource("demo/stores.json"));
    }

    private static void consents(List<Map<String, AttributeValue>> writes, String customerId, Purpose purpose, List<String> channels) {
        if (channels == null) return;
        for (var channel : channels) {
            writes.add(Map.of("pk", AttributeValue.fromS(CustomerKeys.customerKey(customerId)),
                    "sk", AttributeValue.fromS(CustomerKeys.consentKey(purpose.name(), ChannelKind.valueOf(channel).name())),
                    "granted", AttributeValue.fromBool(true), "source", AttributeValue.fromS("store"),
                    "decidedAt", AttributeValue.fromS("2026-01-15T10:00:00.000Z")));
        }
    }

    /**
     * 100 puts per transaction: DynamoDB Local commits a transaction to its SQLite file at once but a batch item by
     * item, so on disk 300 items took about 9 s by batches and 0.5 s by transactions.
     */
    /** Stock lines, 100 per transaction. */
    static void writeStock(DynamoDbClient dynamo, TableNames tables, List<StockLevel> levels) {
        write(dynamo, tables.stock(), levels.stream().map(StockItem::of).toList());
    }

    private static void write(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int i = 0; i < items.size(); i += 100) {
            var puts = items.subList(i, Math.min(items.size(), i + 100)).stream()
                    .map(item -> TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build())
                    .toList();
            dynamo.transactWriteItems(r -> r.transactItems(puts));
        }
    }

    private static <T> T read(String resource, TypeReference<T> type) {
        try (var in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing");
            return Json.MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
