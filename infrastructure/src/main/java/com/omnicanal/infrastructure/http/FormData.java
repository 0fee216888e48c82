package com.omnicanal.infrastructure.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** application/x-www-form-urlencoded bodies and query strings, decoded. */
public final class FormData {
    private FormData() {
    }

    /** The first value of each name wins (Twilio sends each parameter once). */
    public static Map<String, String> parse(String encoded) {
        return parse(encoded, false);
    }

    /**
     * @param joinRepeated join repeated names with commas, as API Gateway does for query string parameters
     */
    public static Map<String, String> parse(String encoded, boolean joinRepeated) {
        var values = new LinkedHashMap<String, String>();
        if (encoded == null || encoded.isEmpty()) return values;
        for (var pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            var key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (joinRepeated) values.merge(key, value, (a, b) -> a + "," + b);
            else values.putIfAbsent(key, value);
        }
        return values;
    }
}
