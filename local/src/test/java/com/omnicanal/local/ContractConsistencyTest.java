package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.Functions;
import com.omnicanal.Wiring;
import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.BusinessEvent;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
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
    /** The tables' logical ids in template.yaml, by their default names. */
    private static final Map<String, String> LOGICAL = Map.of("Stock", "StockTable", "Orders", "OrdersTable",
            "Outbox", "OutboxTable", "Idempotency", "IdempotencyTable", "Customers", "CustomersTable", "Feedback", "FeedbackTable",
            "Appointments", "AppointmentsTable", "Catalog", "CatalogTable", "Kpis", "KpisTable", "Loyalty", "LoyaltyTable");

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
            var routers = new HashMap<String, Router>();
            for (var function : Functions.values()) {
                if (function.isHttp()) routers.put(function.definition(), (Router) function.build(wiring));
            }
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

    /** What each function of template.yaml is: the one {@link Functions} names, in its jar, fed by its kind of event. */
    @Test
    @SuppressWarnings("unchecked")
    void templateDeploysExactlyTheFunctionsTheCodeRegisters() throws Exception {
        var deployed = new TreeSet<String>();
        var resources = (Map<String, Map<String, Object>>) template().get("Resources");
        resources.forEach((resource, body) -> {
            if (!"AWS::Serverless::Function".equals(body.get("Type"))) return;
            var props = (Map<String, Object>) body.get("Properties");
            var variables = (Map<String, Object>) ((Map<String, Object>) props.get("Environment")).get("Variables");
            var name = (String) variables.get("SPRING_CLOUD_FUNCTION_DEFINITION");
            var function = Functions.named(name);
            assertThat(function).as("%s runs %s, which the code does not register", resource, name).isPresent();
            assertThat((String) props.get("CodeUri")).as("jar of %s", name).endsWith("/" + function.get().jar().fileName());
            if (function.get().isSignInTrigger()) {
                // a Cognito trigger is no SAM event: the user pool names it, and a permission lets that pool alone call it
                assertThat(props).as("events of %s", name).doesNotContainKey("Events");
                var pools = signInTriggerPools(resources, resource);
                assertThat(pools).as("user pools calling %s", name).isNotEmpty();
                var allowed = resources.values().stream()
                        .filter(r -> "AWS::Lambda::Permission".equals(r.get("Type")))
                        .map(r -> (Map<String, Object>) r.get("Properties"))
                        .filter(p -> (resource + ".Alias").equals(p.get("FunctionName"))
                                && "cognito-idp.amazonaws.com".equals(p.get("Principal")))
                        .map(p -> p.get("SourceArn")).toList();
                assertThat(allowed).as("user pools allowed to call %s", name)
                        .containsExactlyInAnyOrderElementsOf(pools.stream().map(pool -> pool + ".Arn").toList());
            } else {
                var eventTypes = ((Map<String, Map<String, Object>>) props.get("Events")).values().stream()
                        .map(e -> (String) e.get("Type")).collect(Collectors.toSet());
                var expected = function.get().isHttp() ? "HttpApi" : function.get().isScheduled() ? "Schedule"
                        : function.get().isNotification() ? "SNS" : function.get().isUpload() ? "S3" : "DynamoDB";
                assertThat(eventTypes).as("events of %s", name).containsOnly(expected);
            }
            assertThat(ROOT.resolve("events").resolve(function.get().sampleEvent())).as("sample event of %s", name).exists();
            deployed.add(name);
        });
        assertThat(deployed).as("functions in template.yaml vs Functions")
                .isEqualTo(Arrays.stream(Functions.values()).map(Functions::definition).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The user pools whose pre-token-generation trigger is this function (its published alias, for SnapStart). */
    @SuppressWarnings("unchecked")
    private static List<String> signInTriggerPools(Map<String, Map<String, Object>> resources, String function) {
        return resources.entrySet().stream()
                .filter(r -> "AWS::Cognito::UserPool".equals(r.getValue().get("Type")))
                .filter(r -> {
                    var config = (Map<String, Object>) ((Map<String, Object>) r.getValue().get("Properties")).get("LambdaConfig");
                    return config != null && (function + ".Alias").equals(config.get("PreTokenGeneration"));
                })
                .map(Map.Entry::getKey).toList();
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
        for (var table : TableDefinitions.all(TableNames.defaults())) {
            var keys = table.keySchema().stream()
                    .map(k -> Map.<String, Object>of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString()))
                    .toList();
            var gsis = table.globalSecondaryIndexes().stream().map(g -> Map.<String, Object>of("IndexName", g.indexName(),
                    "KeySchema", g.keySchema().stream().map(k -> Map.<String, Object>of("AttributeName", k.attributeName(),
                            "KeyType", k.keyTypeAsString())).toList())).toList();
            assertThat(inTemplate.get(LOGICAL.get(table.tableName())))
                    .as(table.tableName()).isEqualTo(describe(keys, gsis));
        }
        assertThat(inTemplate).hasSize(TableDefinitions.all(TableNames.defaults()).size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void templateExpiresItemsInTheTablesWhoseItemsCarryAnExpiration() throws Exception {
        var resources = (Map<String, Map<String, Object>>) template().get("Resources");
        var expiring = new TreeSet<String>();
        resources.forEach((name, resource) -> {
            if (!"AWS::DynamoDB::Table".equals(resource.get("Type"))) return;
            var ttl = (Map<String, Object>) ((Map<String, Object>) resource.get("Properties")).get("TimeToLiveSpecification");
            if (ttl == null) return;
            assertThat(ttl).as(name).containsEntry("AttributeName", TableDefinitions.TTL_ATTRIBUTE).containsEntry("Enabled", true);
            expiring.add(name);
        });
        assertThat(expiring).containsExactlyInAnyOrderElementsOf(
                TableDefinitions.expiring(TableNames.defaults()).stream().map(LOGICAL::get).toList());
    }

    /**
     * The outbox stream feeds the dispatcher (every record), feedback (the business events that may bring a
     * questionnaire), the KPIs (every business event) and loyalty (business events), as filtered.
     */
    @Test
    void theOutboxStreamFiltersLetEachFunctionSeeWhatItHandles() throws Exception {
        var consumers = TemplateRoutes.streamConsumers(template()).stream()
                .collect(Collectors.toMap(TemplateRoutes.StreamConsumer::function, c -> c));
        assertThat(consumers).containsOnlyKeys(Functions.OUTBOX_DISPATCHER.definition(), Functions.FEEDBACK_EVENTS.definition(),
                Functions.KPI_EVENTS.definition(), Functions.LOYALTY_EVENTS.definition());
        assertThat(consumers.values()).extracting(TemplateRoutes.StreamConsumer::table).containsOnly("OutboxTable");
        var at = java.time.Instant.parse("2026-11-23T10:00:00Z");
        var event = OutboxItems.event("Outbox", new BusinessEvent.OrderCollected("o1", "cust-camille", "paris-rivoli",
                Set.of("TSH-COT-BLU-M"), at)).put().item();
        var message = OutboxItems.put("Outbox", OutboxMessage.transactional("ORDER_READY", "cust-camille", "ORDER_READY#o1",
                Map.of("orderId", "o1"), at)).put().item();

        var feedback = new StreamFilter(consumers.get(Functions.FEEDBACK_EVENTS.definition()).filters());
        assertThat(feedback.matches(record("INSERT", null, event))).isTrue();
        assertThat(feedback.matches(record("INSERT", null, message))).isFalse();
        assertThat(feedback.matches(record("REMOVE", event, null))).as("an event expiring").isFalse();
        var placed = OutboxItems.event("Outbox", new BusinessEvent.OrderPlaced("o1", "cust-camille", "paris-rivoli",
                Set.of("TSH-COT-BLU-M"), at)).put().item();
        assertThat(feedback.matches(record("INSERT", null, placed))).as("no questionnaire follows a placed order").isFalse();
        var kpis = new StreamFilter(consumers.get(Functions.KPI_EVENTS.definition()).filters());
        assertThat(kpis.matches(record("INSERT", null, event))).isTrue();
        assertThat(kpis.matches(record("INSERT", null, placed))).isTrue();
        assertThat(kpis.matches(record("INSERT", null, message))).isFalse();
        assertThat(kpis.matches(record("REMOVE", event, null))).as("an event expiring").isFalse();
        var loyalty = new StreamFilter(consumers.get(Functions.LOYALTY_EVENTS.definition()).filters());
        assertThat(loyalty.matches(record("INSERT", null, event))).isTrue();
        assertThat(loyalty.matches(record("INSERT", null, message))).isFalse();
        var dispatcher = new StreamFilter(consumers.get(Functions.OUTBOX_DISPATCHER.definition()).filters());
        assertThat(dispatcher.matches(record("INSERT", null, message))).isTrue();
        assertThat(dispatcher.matches(record("MODIFY", message, message))).isTrue();
    }

    private static software.amazon.awssdk.services.dynamodb.model.Record record(String name,
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> oldImage,
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> newImage) {
        var image = newImage != null ? newImage : oldImage;
        var stream = software.amazon.awssdk.services.dynamodb.model.StreamRecord.builder()
                .keys(Map.of("id", image.get("id")));
        if (newImage != null) stream.newImage(newImage);
        if (oldImage != null) stream.oldImage(oldImage);
        return software.amazon.awssdk.services.dynamodb.model.Record.builder().eventName(name).dynamodb(stream.build()).build();
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
