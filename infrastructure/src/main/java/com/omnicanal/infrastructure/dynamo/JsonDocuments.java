package com.omnicanal.infrastructure.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.omnicanal.infrastructure.http.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A record kept whole as one JSON string attribute of its item (an order, a return: records with nested lines and
 * timelines), written and read with the API's one JSON configuration.
 */
public final class JsonDocuments {
    private JsonDocuments() {
    }

    public static AttributeValue write(Object record) {
        return AttributeValue.fromS(Json.write(record));
    }

    public static <T> T read(AttributeValue document, Class<T> type) {
        try {
            return Json.MAPPER.readValue(document.s(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName(), e);
        }
    }
}
