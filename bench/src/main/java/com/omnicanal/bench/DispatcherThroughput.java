package com.omnicanal.bench;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.messaging.Channel;
import com.omnicanal.messaging.Dispatcher;
import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Dispatcher throughput with stub channels (a send costs nothing), against a baseline doing the same DynamoDB calls
 * per message by hand (read message, read customer, claim, read the erasure mark, append attempt, mark sent), in the
 * same JVM and run.
 * Usage: DispatcherThroughput [messages per round] [rounds]
 */
public final class DispatcherThroughput {
    public static void main(String[] args) {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (var local = DynamoDbLocal.inMemory()) {
            var dynamo = local.client();
            var tables = local.tables();
            customer(dynamo, tables.customers());
            var log = new DynamoDeliveryLog(dynamo, tables.outbox());
            var contacts = new DynamoContactBook(dynamo, tables.customers());
            Channel stub = new Channel() {
                public ChannelKind kind() {
                    return ChannelKind.SMS;
                }

                public SendOutcome send(Envelope envelope) {
                    return new SendOutcome.Sent("SM" + envelope.messageId().hashCode());
                }
            };
            var dispatcher = new Dispatcher(log, contacts, new MustacheTemplates(), List.of(stub),
                    Dispatcher.Policy.DEFAULT, Clock.systemUTC(), d -> { });
            var dispatcherRates = new ArrayList<Double>();
            var baselineRates = new ArrayList<Double>();
            int serial = 0;
            for (int round = 0; round <= rounds; round++) {
                var forDispatcher = queue(dynamo, tables.outbox(), "d" + round, perRound, serial);
                var forBaseline = queue(dynamo, tables.outbox(), "b" + round, perRound, serial);
                serial += perRound;
                long t0 = System.nanoTime();
                for (var id : forDispatcher) dispatcher.dispatch(id);
                long t1 = System.nanoTime();
                for (var id : forBaseline) baseline(dynamo, tables.outbox(), tables.customers(), id);
                long t2 = System.nanoTime();
                if (round == 0) continue; // warm-up
                dispatcherRates.add(perRound / ((t1 - t0) / 1e9));
                baselineRates.add(perRound / ((t2 - t1) / 1e9));
            }
            report("dispatcher (stub channel)", dispatcherRates);
            report("baseline (same DynamoDB calls by hand)", baselineRates);
            var ratios = new ArrayList<Double>();
            for (int i = 0; i < dispatcherRates.size(); i++) ratios.add(baselineRates.get(i) / dispatcherRates.get(i));
            report("time ratio dispatcher / baseline", ratios);
            double dispatcherUs = 1e6 / median(dispatcherRates);
            double baselineUs = 1e6 / median(baselineRates);
            System.out.printf("overhead per message over the baseline: %.1f us (%.1f us vs %.1f us)%n",
                    dispatcherUs - baselineUs, dispatcherUs, baselineUs);
        }
    }

    private static void baseline(DynamoDbClient dynamo, String outbox, String customers, String id) {
        var key = Map.of("id", AttributeValue.fromS(id));
        dynamo.getItem(r -> r.tableName(outbox).key(key).consistentRead(true));
        dynamo.query(r -> r.tableName(customers).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CUSTOMER#bench"))));
        dynamo.updateItem(r -> r.tableName(outbox).key(key).updateExpression("SET #s = :v")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":v", AttributeValue.fromS("SENDING"))));
        // the erasure mark, read under the claim before the hand-over
        dynamo.getItem(r -> r.tableName(customers).key(com.omnicanal.customer.dynamo.ErasureMarks.key("bench")).consistentRead(true));
        dynamo.updateItem(r -> r.tableName(outbox).key(key).updateExpression("SET attempts = list_append(if_not_exists(attempts, :e), :a)")
                .expressionAttributeValues(Map.of(":e", AttributeValue.fromL(List.of()),
                        ":a", AttributeValue.fromL(List.of(AttributeValue.fromS("sent"))))));
        dynamo.updateItem(r -> r.tableName(outbox).key(key).updateExpression("SET #s = :v, providerId = :p")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("SENT"), ":p", AttributeValue.fromS("SM" + id.hashCode()))));
    }

    private static List<String> queue(DynamoDbClient dynamo, String table, String prefix, int count, int serial) {
        var ids = new ArrayList<String>();
        var data = Map.of("reservationId", "R", "reservationRef", "7RMWT4", "productName", "T-shirt coton bio bleu",
                "quantity", "1", "storeName", "Omnicanal Paris Rivoli", "storeAddress", "112 rue de Rivoli, 75001 Paris",
                "expiresDate", "25/11/2026", "expiresTime", "10:00", "sku", "TSH-COT-BLU-M");
        for (int i = 0; i < count; i++) {
            var id = prefix + "#" + (serial + i);
            var message = OutboxMessage.transactional("RESERVATION_CONFIRMED", "bench", id, data, java.time.Instant.now());
            dynamo.transactWriteItems(r -> r.transactItems(OutboxItems.put(table, message)));
            ids.add(id);
        }
        return ids;
    }

    private static void customer(DynamoDbClient dynamo, String table) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", AttributeValue.fromS("CUSTOMER#bench"));
        item.put("sk", AttributeValue.fromS("PROFILE"));
        item.put("phone", AttributeValue.fromS("+33612345678"));
        item.put("email", AttributeValue.fromS("bench@example.fr"));
        item.put("language", AttributeValue.fromS("fr"));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void report(String name, List<Double> values) {
        var sorted = values.stream().sorted().toList();
        System.out.printf("%-42s median %8.2f  min %8.2f  max %8.2f  (%d rounds)%n", name, median(values),
                sorted.get(0), sorted.get(sorted.size() - 1), values.size());
    }

    private DispatcherThroughput() {
    }

}
