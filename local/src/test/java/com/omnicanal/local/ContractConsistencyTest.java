package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.OmnicanalApplication;
import com.omnicanal.Wiring;
import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.http.Router;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** template.yaml, openapi.yaml, events/ and the code say the same thing: routes, functions and tables. */
class ContractConsistencyTest {
    private static final Path ROOT = Path.of("..");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> template() throws Exception {
        try (var in = new FileInputStream(ROOT.resolve("template.yaml").toFile())) {
            return TemplateRoutes.load(in);
        }
    }

    @Test
    void everyTemplateRouteIsServedByTheFunctionItNames() throws Exception {
        List<TemplateRoutes.Route> routes;
        try (var in = new FileInputStream(ROOT.resolve("template.yaml").toFile())) {
            routes = TemplateRoutes.parse(in);
        }
        try (var dynamo = DynamoDbLocal.inMemory()) {
            var wiring = new Wiring(new Settings(Map.of("TWILIO_AUTH_TOKEN", "t")), dynamo.client(),
                    Clock.systemUTC());
            Map<String, Router> routers = Map.of(OmnicanalApplication.CATALOG_API, wiring.catalogApi(),
                    OmnicanalApplication.STOCK_API, wiring.stockApi(),
                    OmnicanalApplication.RESERVATION_API, wiring.reservationApi(),
                    OmnicanalApplication.MESSAGING_API, wiring.messaging().api(),
                    OmnicanalApplication.ORDER_API, wiring.orderApi(),
                    OmnicanalApplication.RETURN_API, wiring.returnApi(),
                    OmnicanalApplication.CUSTOMER_API, wiring.customerApi(),
                    OmnicanalApplication.FEEDBACK_API, wiring.feedbackApi());
            var served = new HashSet<String>();
            for (var route : routes) {
                assertThat(routers).as("function of %s", route.routeKey()).containsKey(route.function());
                assertThat(routers.get(route.function()).routeKeys()).as(route.function()).contains(route.routeKey());
                served.add(route.routeKey());
            }
            var coded = routers.values().stream().flatMap(r -> r.routeKeys().stream()).collect(Collectors.toSet());
            assertThat(served).as("routes in template.yaml vs code").isEqualTo(coded);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void openApiDocumentsExactlyTheTemplateRoutes() throws Exception {
        List<TemplateRoutes.Route> routes;
        try (var in = new FileInputStream(ROOT.resolve("template.yaml").toFile())) {
            routes = TemplateRoutes.parse(in);
        }
        Map<String, Object> openapi;
        try (var in = new FileInputStream(ROOT.resolve("openapi.yaml").toFile())) {
            openapi = new Yaml().load(in);
        }
        var documented = new TreeSet<String>();
        var paths = (Map<String, Map<String, Object>>) openapi.get("paths");
        paths.forEach((path, ops) -> ops.keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "delete", "patch").contains(m))
                .forEach(m -> documented.add(m.toUpperCase() + " " + path)));
        var declared = routes.stream().map(TemplateRoutes.Route::routeKey).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void everyRouteHasASampleEvent() throws Exception {
        List<TemplateRoutes.Route> routes;
        try (var in = new FileInputStream(ROOT.resolve("template.yaml").toFile())) {
            routes = TemplateRoutes.parse(in);
        }
        var keys = new HashSet<String>();
        try (var files = Files.list(ROOT.resolve("events"))) {
            for (var file : files.toList()) {
                var node = com.omnicanal.infrastructure.http.Json.MAPPER.readTree(file.toFile());
                if (node.has("routeKey")) keys.add(node.get("routeKey").asText());
            }
        }
        assertThat(keys).containsAll(routes.stream().map(TemplateRoutes.Route::routeKey).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReservationQuantityOpsMayDeployIsTheOneOpenApiAccepts() throws Exception {
        var parameter = (Map<String, Object>) ((Map<String, Object>) template().get("Parameters")).get("MaxReservationQuantity");
        Map<String, Object> openapi;
        try (var in = new FileInputStream(ROOT.resolve("openapi.yaml").toFile())) {
            openapi = new Yaml().load(in);
        }
        var schemas = (Map<String, Map<String, Object>>) ((Map<String, Object>) openapi.get("components")).get("schemas");
        var reservation = (Map<String, Object>) ((Map<String, Object>) schemas.get("ReservationRequest").get("properties")).get("quantity");
        var exchange = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                schemas.get("ReturnRequest").get("properties")).get("exchange")).get("properties")).get("quantity");
        assertThat(parameter.get("MaxValue")).as("template's ceiling vs openapi's maximum").isEqualTo(reservation.get("maximum"));
        assertThat(exchange.get("maximum")).as("an exchange holds like a reservation").isEqualTo(reservation.get("maximum"));
        assertThat(parameter.get("MinValue")).isEqualTo(reservation.get("minimum"));
        assertThat(parameter.get("Default")).as("template default vs the code's default")
                .isEqualTo(com.omnicanal.reservation.HoldPolicy.DEFAULT.maxQuantity());
    }

    @Test
    @SuppressWarnings("unchecked")
    void templateTablesMatchTheDefinitionsTheLocalStackCreates() throws Exception {
        var resources = (Map<String, Map<String, Object>>) template().get("Resources");
        var inTemplate = new HashMap<String, String>();
        resources.forEach((name, resource) -> {
            if (!"AWS::DynamoDB::Table".equals(resource.get("Type"))) return;
            var props = (Map<String, Object>) resource.get("Properties");
            inTemplate.put(name, describe((List<Map<String, Object>>) props.get("KeySchema"),
                    (List<Map<String, Object>>) props.getOrDefault("GlobalSecondaryIndexes", List.of())));
        });
        var logical = Map.of("Stock", "StockTable", "Orders", "OrdersTable", "Outbox", "OutboxTable",
                "Idempotency", "IdempotencyTable", "Customers", "CustomersTable", "Feedback", "FeedbackTable",
                "Catalog", "CatalogTable");
        for (var table : TableDefinitions.all(TableNames.defaults())) {
            var keys = table.keySchema().stream()
                    .map(k -> Map.<String, Object>of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString()))
                    .toList();
            var gsis = table.globalSecondaryIndexes().stream().map(g -> Map.<String, Object>of("IndexName", g.indexName(),
                    "KeySchema", g.keySchema().stream().map(k -> Map.<String, Object>of("AttributeName", k.attributeName(),
                            "KeyType", k.keyTypeAsString())).toList())).toList();
            assertThat(inTemplate.get(logical.get(table.tableName())))
                    .as(table.tableName()).isEqualTo(describe(keys, gsis));
        }
        assertThat(inTemplate).hasSize(TableDefinitions.all(TableNames.defaults()).size());
    }

    @SuppressWarnings("unchecked")
    private static String describe(List<Map<String, Object>> keys, List<Map<String, Object>> gsis) {
        var text = new StringBuilder(keys.stream().map(k -> k.get("AttributeName") + ":" + k.get("KeyType"))
                .collect(Collectors.joining(",")));
        gsis.stream().map(g -> g.get("IndexName") + "(" + ((List<Map<String, Object>>) g.get("KeySchema")).stream()
                        .map(k -> k.get("AttributeName") + ":" + k.get("KeyType")).collect(Collectors.joining(",")) + ")")
                .sorted().forEach(g -> text.append(" ").append(g));
        return text.toString();
    }
}
