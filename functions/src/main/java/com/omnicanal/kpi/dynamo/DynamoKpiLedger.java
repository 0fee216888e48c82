package com.omnicanal.kpi.dynamo;

import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.kpi.Channel;
import com.omnicanal.kpi.CustomerWeek;
import com.omnicanal.kpi.KpiLedger;
import com.omnicanal.kpi.SalesLine;
import com.omnicanal.kpi.Tally;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The KPI table. A business event is counted in one transaction: a conditional put of its mark
 * ({@code COUNTED#<event>}, kept {@link #MARK_RETENTION}, long after the stream stops handing it over), an ADD of its
 * counters on each store row ({@code STORE#<store>} / {@code DAY#<day>#<channel>}, or for a sale
 * {@code MONTH#<month>#<line kind>#<line name>}), and for a customer's activity, the
 * customer's week written on the version read ({@code CUSTOMER#<sha-256 of the id>} / {@code WEEK#<week>}) and the
 * week's figures ({@code CUSTOMERS} / {@code WEEK#<week>}) when it crossed a line. A mark already there: counted
 * before, nothing written; a customer's week changed meanwhile: read again and retry.
 */
public final class DynamoKpiLedger implements KpiLedger {
    /** The stream hands a record over for at most a day: a week covers every redelivery. */
    static final Duration MARK_RETENTION = Duration.ofDays(7);
    /** A customer's week is needed until its late events stop coming (a week past its end). */
    static final Duration CUSTOMER_WEEK_RETENTION = Duration.ofDays(7);
    private static final int ATTEMPTS = 25;
    private static final Set<String> KEYS = Set.of("pk", "sk", TableDefinitions.TTL_ATTRIBUTE);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Transactions transactions;
    private final Clock clock;

    public DynamoKpiLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.transactions = new Transactions(dynamo);
        this.clock = clock;
    }

    @Override
    public boolean count(Tally tally) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            var activity = tally.activity();
            var actions = new ArrayList<TransactWriteItem>();
            actions.add(mark(tally.eventId()));
            for (var count : tally.counts()) actions.add(add(storeKey(count.row()), count.adds()));
            int customerAction = -1;
            if (activity != null) {
                var key = customerKey(activity);
                var read = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
                var before = read == null || read.isEmpty() ? CustomerWeek.NONE : customerWeek(read);
                var after = before.after(activity);
                if (!after.equals(before)) {
                    customerAction = actions.size();
                    actions.add(customerWeek(key, read, after, activity.week()));
                    var gained = after.gainedSince(before);
                    if (!gained.isEmpty()) {
                        var adds = new HashMap<String, Long>();
                        gained.forEach((figure, value) -> adds.put(figure.name(), value));
                        actions.add(add(Map.of("pk", s("CUSTOMERS"), "sk", s("WEEK#" + activity.week())), adds));
                    }
                }
            }
            var outcome = transactions.write(() -> actions);
            if (outcome.committed()) return true;
            if (outcome.failedCondition(0)) return false;
            if (customerAction < 0 || !outcome.failedCondition(customerAction)) {
                throw new IllegalStateException("KPI count of " + tally.eventId() + " was cancelled: " + outcome.reasons());
            }
            // another event of this customer's week came first: read it again
        }
        throw new IllegalStateException("KPI count of " + tally.eventId() + " lost " + ATTEMPTS + " races for its customer's week");
    }

    @Override
    public List<DayCounts> days(Collection<String> storeIds, LocalDate from, LocalDate to) {
        var found = new ArrayList<DayCounts>();
        for (var store : storeIds) {
            var request = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", s("STORE#" + store), ":from", s("DAY#" + from),
                            ":to", s("DAY#" + to + "#~")))
                    .build();
            for (var item : dynamo.queryPaginator(request).items()) {
                var parts = item.get("sk").s().split("#");
                found.add(new DayCounts(store, LocalDate.parse(parts[1]), Channel.of(parts[2]), numbers(item)));
            }
        }
        return found;
    }

    @Override
    public List<MonthCounts> months(String storeId, YearMonth month) {
        var request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :month)")
                .expressionAttributeValues(Map.of(":pk", s("STORE#" + storeId), ":month", s(monthPrefix(month))))
                .build();
        var found = new ArrayList<MonthCounts>();
        for (var item : dynamo.queryPaginator(request).items()) {
            // MONTH#<month>#<kind>#<name>: a staff member's id may hold a '#', the name is the rest
            var parts = item.get("sk").s().split("#", 4);
            found.add(new MonthCounts(storeId, month, new SalesLine(SalesLine.Kind.valueOf(parts[2]), parts[3]),
                    numbers(item)));
        }
        return found;
    }

    @Override
    public List<WeekCounts> weeks(Collection<String> weeks) {
        var found = new ArrayList<WeekCounts>();
        for (var week : weeks) {
            var item = dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", s("CUSTOMERS"), "sk", s("WEEK#" + week))))
                    .item();
            if (item == null || item.isEmpty()) continue;
            var counts = new EnumMap<CustomerWeek.Figure, Long>(CustomerWeek.Figure.class);
            numbers(item).forEach((name, value) -> counts.put(CustomerWeek.Figure.valueOf(name), value));
            found.add(new WeekCounts(week, counts));
        }
        return found;
    }

    private TransactWriteItem mark(String eventId) {
        var expires = clock.instant().plus(MARK_RETENTION).getEpochSecond();
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("pk", s("COUNTED#" + eventId), "sk", s("-"),
                        TableDefinitions.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expires))))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** ADD of every counter: an absent one starts at 0. */
    private TransactWriteItem add(Map<String, AttributeValue> key, Map<String, Long> adds) {
        var names = new HashMap<String, String>();
        var values = new HashMap<String, AttributeValue>();
        var parts = new ArrayList<String>();
        int i = 0;
        for (var entry : new java.util.TreeMap<>(adds).entrySet()) {
            names.put("#c" + i, entry.getKey());
            values.put(":c" + i, AttributeValue.fromN(Long.toString(entry.getValue())));
            parts.add("#c" + i + " :c" + i);
            i++;
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression("ADD " + String.join(", ", parts))
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    /** The customer's week as read: written only if nobody changed it since (its version), or created if still absent. */
    private TransactWriteItem customerWeek(Map<String, AttributeValue> key, Map<String, AttributeValue> read,
                                           CustomerWeek after, String week) {
        var values = new HashMap<String, AttributeValue>();
        values.put(":channels", AttributeValue.fromSs(List.copyOf(after.channels())));
        values.put(":purchases", AttributeValue.fromN(Long.toString(after.purchases())));
        values.put(":expires", AttributeValue.fromN(Long.toString(weekEnd(week).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .plus(CUSTOMER_WEEK_RETENTION).toEpochSecond())));
        String condition;
        if (read == null || read.isEmpty()) {
            condition = "attribute_not_exists(pk)";
            values.put(":version", AttributeValue.fromN("1"));
        } else {
            long version = Long.parseLong(read.get("version").n());
            condition = "version = :seen";
            values.put(":seen", AttributeValue.fromN(Long.toString(version)));
            values.put(":version", AttributeValue.fromN(Long.toString(version + 1)));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression("SET channels = :channels, purchases = :purchases, version = :version, #ttl = :expires")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#ttl", TableDefinitions.TTL_ATTRIBUTE))
                .expressionAttributeValues(values).build()).build();
    }

    private static CustomerWeek customerWeek(Map<String, AttributeValue> item) {
        return new CustomerWeek(new TreeSet<>(item.get("channels").ss()), Long.parseLong(item.get("purchases").n()));
    }

    /** Keyed by a digest of the customer's id: the table names nobody. */
    private static Map<String, AttributeValue> customerKey(Tally.CustomerActivity activity) {
        return Map.of("pk", s("CUSTOMER#" + digest(activity.customerId())), "sk", s("WEEK#" + activity.week()));
    }

    private static Map<String, AttributeValue> storeKey(Tally.Row row) {
        var sk = row instanceof Tally.Month month
                ? monthPrefix(month.month()) + month.line().kind() + "#" + month.line().name()
                : "DAY#" + ((Tally.Day) row).day() + "#" + ((Tally.Day) row).channel().label();
        return Map.of("pk", s("STORE#" + row.storeId()), "sk", s(sk));
    }

    private static String monthPrefix(YearMonth month) {
        return "MONTH#" + month + "#";
    }

    private static LocalDate weekEnd(String week) {
        var parts = week.split("-W");
        return LocalDate.of(Integer.parseInt(parts[0]), 6, 1)
                .with(IsoFields.WEEK_BASED_YEAR, Integer.parseInt(parts[0]))
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(parts[1]))
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    }

    private static Map<String, Long> numbers(Map<String, AttributeValue> item) {
        var numbers = new HashMap<String, Long>();
        item.forEach((name, value) -> {
            if (!KEYS.contains(name) && value.n() != null) numbers.put(name, Long.parseLong(value.n()));
        });
        return numbers;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }
}
