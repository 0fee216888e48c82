package com.omnicanal.infrastructure.dynamo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.omnicanal.infrastructure.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Opaque page cursors: a query's LastEvaluatedKey (string keys only) as base64url JSON. */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) return null;
        var plain = new LinkedHashMap<String, String>();
        lastEvaluatedKey.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor and checks it continues the same query (its partition attribute has the expected value).
     *
     * @throws IllegalArgumentException when the cursor was not made by {@link #encode} for this query
     */
    public static Map<String, AttributeValue> decode(String cursor, String partitionAttribute, String partitionValue) {
        if (cursor == null || cursor.isBlank()) return null;
        Map<String, String> plain;
        try {
            var json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            plain = Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (Exception e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
        if (plain == null || !partitionValue.equals(plain.get(partitionAttribute))) {
            throw new IllegalArgumentException("cursor belongs to another list");
        }
        var key = new LinkedHashMap<String, AttributeValue>();
        plain.forEach((k, v) -> {
            if (v == null) throw new IllegalArgumentException("not a cursor");
            key.put(k, AttributeValue.fromS(v));
        });
        return key;
    }
}
