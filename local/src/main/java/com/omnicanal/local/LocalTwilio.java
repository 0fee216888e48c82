package com.omnicanal.local;

import com.omnicanal.infrastructure.http.FormData;
import com.omnicanal.infrastructure.http.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for Twilio's Messages API on loopback: the real Twilio SDK is pointed at it, it answers like Twilio,
 * files each SMS or WhatsApp message in the local inbox, then calls the status callback (sent, delivered) signed
 * like Twilio does. Numbers ending in 0000 are refused with Twilio's 21211, to show the fallback to email. It also
 * answers the Messages list (GET, filtered by To and From) the dispatcher asks after a send whose answer was lost.
 */
public final class LocalTwilio implements AutoCloseable {
    private final HttpServer server;
    private final LocalInbox inbox;
    private final String authToken;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "local-twilio-callbacks");
        t.setDaemon(true);
        return t;
    });

    public LocalTwilio(LocalInbox inbox, String authToken) throws IOException {
        this.inbox = inbox;
        this.authToken = authToken;
        this.server = LoopbackServer.create(0, 16);
        server.createContext("/2010-04-01/", this::messages);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void messages(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
                list(exchange);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
                reply(exchange, 404, Map.of("code", 20404, "message", "The requested resource was not found", "status", 404));
                return;
            }
            var form = FormData.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            var to = form.getOrDefault("To", "");
            if (to.endsWith("0000")) {
                reply(exchange, 400, Map.of("code", 21211, "message", "The 'To' number " + to + " is not a valid phone number.",
                        "more_info", "https://www.twilio.com/docs/errors/21211", "status", 400));
                return;
            }
            var sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            boolean whatsapp = to.startsWith("whatsapp:");
            inbox.addPhoneMessage(new LocalInbox.Item(whatsapp ? "WHATSAPP" : "SMS", to.replace("whatsapp:", ""),
                    form.getOrDefault("From", "").replace("whatsapp:", ""), null, form.getOrDefault("Body", ""), null, sid,
                    "queued", Instant.now()));
            var body = new LinkedHashMap<String, Object>();
            body.put("sid", sid);
            body.put("status", "queued");
            body.put("to", to);
            body.put("from", form.get("From"));
            body.put("body", form.get("Body"));
            body.put("num_segments", "1");
            body.put("api_version", "2010-04-01");
            reply(exchange, 201, body);
            var callback = form.get("StatusCallback");
            if (callback != null) {
                callbacks.schedule(() -> callback(callback, sid, to, "sent"), 100, TimeUnit.MILLISECONDS);
                callbacks.schedule(() -> callback(callback, sid, to, "delivered"), 400, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The Messages list, newest first, filtered by To and From as Twilio filters it (the dispatcher's look-up). */
    private void list(HttpExchange exchange) throws IOException {
        var query = exchange.getRequestURI().getRawQuery();
        var filter = FormData.parse(query == null ? "" : query);
        var messages = new java.util.ArrayList<Map<String, Object>>();
        for (var item : inbox.items()) {
            if (item.channel().equals("EMAIL")) continue;
            var prefix = item.channel().equals("WHATSAPP") ? "whatsapp:" : "";
            if (filter.containsKey("To") && !filter.get("To").equals(prefix + item.to())) continue;
            if (filter.containsKey("From") && !filter.get("From").equals(prefix + item.from())) continue;
            var message = new LinkedHashMap<String, Object>();
            message.put("sid", item.id());
            message.put("status", item.status());
            message.put("to", prefix + item.to());
            message.put("from", prefix + item.from());
            message.put("body", item.text());
            message.put("direction", "outbound-api");
            message.put("date_created", java.time.format.DateTimeFormatter
                    .ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US).format(item.at().atZone(java.time.ZoneOffset.UTC)));
            message.put("api_version", "2010-04-01");
            messages.add(message);
        }
        var page = new LinkedHashMap<String, Object>();
        var uri = exchange.getRequestURI().toString();
        page.put("messages", messages);
        page.put("uri", uri);
        page.put("first_page_uri", uri);
        page.put("next_page_uri", null);
        page.put("previous_page_uri", null);
        page.put("page", 0);
        page.put("page_size", messages.size());
        page.put("start", 0);
        page.put("end", Math.max(0, messages.size() - 1));
        reply(exchange, 200, page);
    }

    private void callback(String url, String sid, String to, String status) {
        var form = new TreeMap<String, String>();
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("To", to);
        form.put("ApiVersion", "2010-04-01");
        try {
            send(url, form);
            inbox.updateStatus(sid, status);
        } catch (Exception e) {
            System.err.println("local Twilio: status callback to " + url + " failed: " + e.getMessage());
        }
    }

    /** Posts a form the way Twilio does, with X-Twilio-Signature over the URL and the sorted parameters. */
    public HttpResponse<String> send(String url, Map<String, String> form) throws Exception {
        var sorted = new TreeMap<>(form);
        var signed = new StringBuilder(url);
        var body = new StringBuilder();
        sorted.forEach((k, v) -> {
            signed.append(k).append(v);
            if (body.length() > 0) body.append('&');
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        var mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        var signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature).header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        var bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
        server.stop(0);
    }
}
