package com.omnicanal.testing;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.omnicanal.infrastructure.http.FormData;
import com.omnicanal.infrastructure.http.Json;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Makes the WireMock Twilio remember what it accepted (a POST to Messages.json answered 201, even when the answer is
 * delayed past the client's timeout) and answer the Messages list (GET, filtered by To and From, newest first) with it,
 * as Twilio does. Register with {@code wireMockConfig().extensions(new TwilioMessagesList())} and stub the GET
 * (any 200): this fills its body in.
 */
public final class TwilioMessagesList implements ResponseDefinitionTransformerV2 {
    private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"([^\"]+)\"");

    private final List<Map<String, Object>> accepted = new CopyOnWriteArrayList<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        var request = event.getRequest();
        var path = request.getUrl().split("\\?")[0];
        var response = event.getResponseDefinition();
        if (!path.endsWith("/Messages.json")) return response;
        if (request.getMethod().equals(RequestMethod.POST) && response.getStatus() == 201 && response.getBody() != null) {
            var sid = SID.matcher(response.getBody());
            if (sid.find()) {
                // taken as the request arrives: the answer may still be lost on its way back
                var form = FormData.parse(request.getBodyAsString());
                var message = new LinkedHashMap<String, Object>();
                message.put("sid", sid.group(1));
                message.put("status", "queued");
                message.put("to", form.get("To"));
                message.put("from", form.get("From"));
                message.put("body", form.get("Body"));
                message.put("date_created", DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US).format(ZonedDateTime.now(ZoneOffset.UTC)));
                accepted.add(0, message);
            }
            return response;
        }
        if (request.getMethod().equals(RequestMethod.GET)) {
            var query = request.getUrl().contains("?") ? request.getUrl().substring(request.getUrl().indexOf('?') + 1) : "";
            lookups.add(query);
            var filter = FormData.parse(query);
            var messages = new ArrayList<Map<String, Object>>();
            for (var m : accepted) {
                if (filter.containsKey("To") && !filter.get("To").equals(m.get("to"))) continue;
                if (filter.containsKey("From") && !filter.get("From").equals(m.get("from"))) continue;
                messages.add(m);
            }
            var page = new LinkedHashMap<String, Object>();
            page.put("messages", messages);
            page.put("uri", request.getUrl());
            page.put("first_page_uri", request.getUrl());
            page.put("page", 0);
            page.put("page_size", 50);
            return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(Json.write(page)).build();
        }
        return response;
    }

    /** The query strings of the list calls received. */
    public List<String> lookups() {
        return List.copyOf(lookups);
    }

    @Override
    public String getName() {
        return "twilio-messages-list";
    }
}
