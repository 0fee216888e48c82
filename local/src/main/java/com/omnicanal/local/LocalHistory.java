package com.omnicanal.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnicanal.infrastructure.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Fills the local stack with weeks of activity through its own gateway, as customers, staff and ops would have made
 * it, each call at its simulated moment on the functions' clock: click-and-collect orders (accepted or rejected, ready
 * at each store's own pace, collected or left to expire), e-reservations (bought in store or expired), returns (in the
 * store that sold or another, refunded later), their messages sent by the real dispatcher (two in five by SMS, a few
 * answered STOP), the points collected orders earn. The KPIs then come from the outbox stream as for any other change:
 * nothing is written to the KPI table by hand. Seeded, so two runs tell the same story.
 */
final class LocalHistory {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int CUSTOMERS = 60;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final ShiftedClock clock;
    private final Random random = new Random(20);
    private final PriorityQueue<Step> steps = new PriorityQueue<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Integer> counts = new java.util.TreeMap<>();
    private long sequence;
    private List<String> stores;
    private List<String> skus;

    /** One call at its moment; {@code order} keeps steps of the same moment in the order they were planned. */
    private record Step(Instant at, long order, Runnable call) implements Comparable<Step> {
        @Override
        public int compareTo(Step other) {
            int c = at.compareTo(other.at);
            return c != 0 ? c : Long.compare(order, other.order);
        }
    }

    LocalHistory(int port, ShiftedClock clock) {
        this.base = "http://127.0.0.1:" + port;
        this.clock = clock;
    }

    /** The last {@code days} days before today, then the clock back to now. What was done, by kind. */
    Map<String, Integer> fill(int days) {
        stores = new ArrayList<>();
        for (var store : get("/stores", null).get("items")) stores.add(store.get("id").asText());
        skus = List.of("TSH-COT-BLU-M", "TSH-COT-BLU-L", "BOU-CIR-FIG");
        var today = LocalDate.now(PARIS);
        // the storefront asks customers who just collected an order how it went (a pop-up on the order's page)
        clock.set(at(today.minusDays(days + 1), 8, 0));
        post("/ops/questionnaires", token("ops-history", "ops", null), QUESTIONNAIRE, Map.of());
        for (int d = days; d >= 1; d--) {
            var day = today.minusDays(d);
            plan(day, d);
            var endOfDay = day.atTime(LocalTime.of(23, 30)).atZone(PARIS).toInstant();
            while (!steps.isEmpty() && steps.peek().at().isBefore(endOfDay)) {
                var step = steps.poll();
                clock.set(step.at());
                step.call().run();
            }
            // the night's sweeps: orders not collected in time expire, holds that ran out are released
            // (in this JVM, as the schedules run them: no need to wait for the stream pollers, which do not feed them)
            clock.set(endOfDay);
            com.omnicanal.Functions.ORDER_SWEEPER.apply(new com.amazonaws.services.lambda.runtime.events.ScheduledEvent());
            com.omnicanal.Functions.RESERVATION_SWEEPER.apply(new com.amazonaws.services.lambda.runtime.events.ScheduledEvent());
            if (d % 10 == 0) System.out.printf("History: %s done, %d days to go%n", day, d - 1);
        }
        // what was planned for today or later stays undone: the clock comes back to now
        steps.clear();
        clock.reset();
        return counts;
    }

    /** A day at every store: restocked in the morning, orders and reservations through the day. */
    private void plan(LocalDate day, int daysAgo) {
        for (int s = 0; s < stores.size(); s++) {
            var store = stores.get(s);
            var opening = at(day, 8, 30);
            long feed = 1_000_000L + (long) (stores.size() * 400) - daysAgo;
            later(opening, () -> restock(store, feed));
            // busier stores first in the list; each store prepares at its own pace (minutes to ready)
            int orders = 1 + random.nextInt(Math.max(2, 6 - s));
            int pace = 25 + 35 * s;
            for (int i = 0; i < orders; i++) {
                var placedAt = at(day, 9 + random.nextInt(10), random.nextInt(60));
                later(placedAt, () -> order(store, pace));
            }
            int reservations = random.nextInt(4);
            for (int i = 0; i < reservations; i++) {
                later(at(day, 9 + random.nextInt(10), random.nextInt(60)), () -> reservation(store));
            }
        }
    }

    private void order(String store, int pace) {
        var customer = customer();
        var sku = skus.get(random.nextInt(skus.size()));
        // two in five give a mobile number: their order's messages go by SMS (the local Twilio calls back delivered)
        var phone = random.nextInt(100) < 40 ? phoneOf(customer) : null;
        var body = "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"pickupStoreId\":\"" + store + "\","
                + "\"contact\":{\"name\":\"Client historique\",\"email\":\"" + customer + "@example.org\""
                + (phone == null ? "" : ",\"phone\":\"" + phone + "\"") + "},"
                + "\"paymentAuthorization\":\"pa_history_" + (++sequence) + "\"}";
        var placed = post("/orders", token(customer, "customer", null), body, Map.of("Idempotency-Key", "history-" + sequence));
        if (placed == null || !"PLACED".equals(placed.get("status").asText())) return;
        count("ordersPlaced");
        var id = placed.get("id").asText();
        var readyBy = placed.hasNonNull("readyBy") ? Instant.parse(placed.get("readyBy").asText()) : null;
        var staff = token("staff-history-" + store, "staff", store);
        var now = clock.instant();
        if (random.nextInt(100) < 6) {
            later(now.plus(minutes(5, 40)), () -> {
                if (post("/stores/" + store + "/orders/" + id + "/reject", staff, "{\"reason\":\"rupture\"}", Map.of()) != null) {
                    count("ordersRejected");
                }
            });
            return;
        }
        var acceptedAt = now.plus(minutes(5, 30));
        later(acceptedAt, () -> post("/stores/" + store + "/orders/" + id + "/accept", staff, null, Map.of()));
        var readyAt = now.plus(Duration.ofMinutes(pace / 2 + random.nextInt(pace + 1)));
        later(readyAt.isAfter(acceptedAt) ? readyAt : acceptedAt.plusSeconds(60), () -> {
            if (post("/stores/" + store + "/orders/" + id + "/ready", staff, null, Map.of()) == null) return;
            count("ordersReady");
            var onTime = readyBy == null || !clock.instant().isAfter(readyBy);
            // most customers come within three days; a few never do and the order expires after its holding period
            if (random.nextInt(100) < 88) later(clock.instant().plus(minutes(60, 3 * 24 * 60)), () -> collect(store, id, customer, onTime));
            // now and then someone who got a text answers STOP (the dispatcher's messages and their status callbacks
            // are counted from the outbox stream as they happen)
            if (phone != null && random.nextInt(100) < 8) later(clock.instant().plus(minutes(5, 120)), () -> stop(phone));
        });
    }

    private void collect(String store, String id, String customer, boolean readyOnTime) {
        var order = get("/orders/" + id, token(customer, "customer", null));
        if (order == null || !order.has("pickupCode")) return;
        var staff = token("staff-history-" + store, "staff", store);
        var done = post("/stores/" + store + "/orders/" + id + "/collect", staff,
                "{\"pickupCode\":\"" + order.get("pickupCode").asText() + "\"}", Map.of());
        if (done == null) return;
        count("ordersCollected");
        if (random.nextInt(100) < 40) later(clock.instant().plus(minutes(10, 180)), () -> answer(store, id, readyOnTime));
        if (random.nextInt(100) < 14) later(clock.instant().plus(minutes(24 * 60, 5 * 24 * 60)), () -> returnOf(store, id, customer));
    }

    /** An answer on the order's page: happier when the order was ready on time. */
    private void answer(String store, String orderId, boolean readyOnTime) {
        var prompt = post("/feedback/prompt", null, "{\"visitorId\":\"history-" + orderId + "\",\"page\":\"/commandes/retiree\","
                + "\"storeId\":\"" + store + "\",\"language\":\"fr\"}", Map.of());
        if (prompt == null || !prompt.get("show").asBoolean()) return;
        int nps = Math.max(0, Math.min(10, (readyOnTime ? 8 : 5) + random.nextInt(5) - 1));
        int csat = Math.max(1, Math.min(5, (readyOnTime ? 4 : 3) + random.nextInt(3) - 1));
        if (post("/feedback/" + prompt.get("token").asText(), null, "{\"answers\":[{\"questionId\":\"nps\",\"score\":" + nps
                + "},{\"questionId\":\"csat\",\"score\":" + csat + "}]}", Map.of()) != null) {
            count("answers");
        }
    }

    private static final String QUESTIONNAIRE = "{\"name\":\"Retrait (historique)\",\"questions\":["
            + "{\"id\":\"nps\",\"kind\":\"NPS\",\"text\":{\"fr\":\"Recommanderiez-vous le retrait en magasin ?\","
            + "\"en\":\"Would you recommend in-store pickup?\"},\"required\":true},"
            + "{\"id\":\"csat\",\"kind\":\"CSAT\",\"text\":{\"fr\":\"Satisfait(e) de l'accueil ?\","
            + "\"en\":\"Happy with the welcome?\"},\"required\":true}],"
            + "\"activeFrom\":\"2020-01-01T00:00:00Z\",\"targeting\":{\"triggers\":[\"PAGE_VIEW\"],"
            + "\"pages\":[\"/commandes/retiree\"],\"samplingRate\":1.0}}";

    /** Returned where it was bought most of the time, else in another store. */
    private void returnOf(String soldAt, String orderId, String customer) {
        var receiver = random.nextInt(100) < 65 ? soldAt : stores.get(random.nextInt(stores.size()));
        var order = get("/orders/" + orderId, token(customer, "customer", null));
        if (order == null) return;
        var sku = order.get("lines").get(0).get("sku").asText();
        var requested = post("/returns", token(customer, "customer", null), "{\"orderId\":\"" + orderId + "\",\"lines\":[{\"sku\":\""
                + sku + "\",\"quantity\":1}],\"reason\":\"taille\",\"method\":\"store\",\"storeId\":\"" + receiver + "\"}",
                Map.of("Idempotency-Key", "history-return-" + orderId));
        if (requested == null) return;
        var id = requested.get("id").asText();
        later(clock.instant().plus(minutes(60, 4 * 24 * 60)), () -> {
            var received = post("/stores/" + receiver + "/returns/" + id + "/receive", token("staff-history-" + receiver, "staff", receiver),
                    "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1,\"condition\":\"resellable\"}]}", Map.of());
            if (received == null) return;
            count("returnsReceived");
            later(clock.instant().plus(minutes(120, 96 * 60)), () -> {
                if (post("/ops/returns/" + id + "/refund", token("ops-history", "ops", null),
                        "{\"refundReference\":\"RF-" + id.substring(Math.max(0, id.length() - 12)) + "\"}", Map.of()) != null) {
                    count("returnsRefunded");
                }
            });
        });
    }

    /** Held online; bought in store within two days most of the time, else it runs out (48 h) and the sweeper ends it. */
    private void reservation(String store) {
        var customer = customer();
        var sku = skus.get(random.nextInt(skus.size()));
        var held = post("/reservations", token(customer, "customer", null), "{\"sku\":\"" + sku + "\",\"storeId\":\"" + store
                + "\",\"quantity\":1}", Map.of("Idempotency-Key", "history-res-" + (++sequence)));
        if (held == null) return;
        count("reservationsHeld");
        var id = held.get("id").asText();
        if (random.nextInt(100) < 62) {
            later(clock.instant().plus(minutes(30, 40 * 60)), () -> {
                if (post("/stores/" + store + "/reservations/" + id + "/complete", token("staff-history-" + store, "staff", store),
                        null, Map.of()) != null) {
                    count("reservationsCompleted");
                }
            });
        }
    }

    private void restock(String store, long feed) {
        var lines = new StringBuilder();
        for (var sku : skus) lines.append(lines.length() == 0 ? "" : ",").append("{\"sku\":\"").append(sku).append("\",\"onHand\":40}");
        post("/stores/" + store + "/stock", token("staff-history-" + store, "staff", store), "{\"feedSequence\":" + feed
                + ",\"lines\":[" + lines + "]}", Map.of("X-Method", "PUT"));
    }

    /** A text STOP from this number, through Twilio's inbound webhook (signed by the local Twilio). */
    private void stop(String phone) {
        if (post("/_local/sms", null, "{\"from\":\"" + phone + "\",\"body\":\"STOP\"}", Map.of()) != null) count("smsStops");
    }

    /** A French mobile number per history customer (06 00 00 00 NN). */
    private static String phoneOf(String customer) {
        return "+336000000" + customer.substring(customer.length() - 2);
    }

    private String customer() {
        return String.format("cust-history-%02d", 1 + random.nextInt(CUSTOMERS));
    }

    private Duration minutes(int from, int to) {
        return Duration.ofMinutes(from + random.nextInt(to - from + 1));
    }

    private Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(PARIS).toInstant();
    }

    private void later(Instant at, Runnable call) {
        steps.add(new Step(at, ++sequence, call));
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private String token(String sub, String role, String storeId) {
        return tokens.computeIfAbsent(sub + "|" + role + "|" + storeId, k -> {
            var body = storeId == null ? Map.of("sub", sub, "role", role) : Map.of("sub", sub, "role", role, "storeId", storeId);
            return call("POST", "/_local/tokens", null, Json.write(body), Map.of()).get("token").asText();
        });
    }

    private JsonNode get(String path, String token) {
        return call("GET", path, token, null, Map.of());
    }

    /** The answer of a 2xx, null otherwise (a refusal is part of the story: an order someone else moved first). */
    private JsonNode post(String path, String token, String body, Map<String, String> headers) {
        var method = headers.getOrDefault("X-Method", "POST");
        var rest = new HashMap<>(headers);
        rest.remove("X-Method");
        return call(method, path, token, body, rest);
    }

    private JsonNode call(String method, String path, String token, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                count("refused " + method + " " + path.replaceAll("/[a-z]*-?[0-9A-Z][0-9A-Za-z-]{8,}", "/{id}") + " " + response.statusCode());
                return null;
            }
            return response.body() == null || response.body().isBlank() ? Json.MAPPER.createObjectNode()
                    : Json.MAPPER.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
