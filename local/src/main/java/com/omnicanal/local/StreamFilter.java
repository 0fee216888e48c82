package com.omnicanal.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnicanal.infrastructure.http.Json;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The FilterCriteria of a stream event source in template.yaml, as Lambda applies them: a record reaches the function
 * when it matches any of the patterns (none: every record). Only the equality form is understood (a field's allowed
 * values as a list, nested objects), which is what template.yaml uses; anything else fails at start rather than
 * letting every record through.
 */
public final class StreamFilter {
    private final List<JsonNode> patterns;

    public StreamFilter(List<String> patterns) {
        this.patterns = patterns.stream().map(StreamFilter::parse).toList();
    }

    public boolean matches(Record record) {
        if (patterns.isEmpty()) return true;
        var json = json(record);
        return patterns.stream().anyMatch(p -> matches(p, json));
    }

    private static JsonNode parse(String pattern) {
        try {
            var node = Json.MAPPER.readTree(pattern);
            check(node);
            return node;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("filter pattern " + pattern + " is not JSON", e);
        }
    }

    private static void check(JsonNode pattern) {
        pattern.fields().forEachRemaining(field -> {
            var value = field.getValue();
            if (value.isObject()) {
                check(value);
            } else if (!value.isArray() || !java.util.stream.StreamSupport.stream(value.spliterator(), false)
                    .allMatch(JsonNode::isValueNode)) {
                throw new IllegalArgumentException("the local stack matches values only, not " + field);
            }
        });
    }

    private static boolean matches(JsonNode pattern, JsonNode record) {
        var fields = pattern.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            var actual = record.get(field.getKey());
            if (actual == null) return false;
            if (field.getValue().isObject()) {
                if (!matches(field.getValue(), actual)) return false;
            } else {
                boolean any = false;
                for (var allowed : field.getValue()) any |= actual.isValueNode() && allowed.asText().equals(actual.asText());
                if (!any) return false;
            }
        }
        return true;
    }

    /** The record as Lambda's filter sees it: its event name and its images in DynamoDB JSON. */
    private static JsonNode json(Record record) {
        var root = JsonNodeFactory.instance.objectNode();
        root.put("eventName", record.eventNameAsString());
        var dynamodb = root.putObject("dynamodb");
        if (record.dynamodb().hasKeys()) image(dynamodb.putObject("Keys"), record.dynamodb().keys());
        if (record.dynamodb().hasNewImage()) image(dynamodb.putObject("NewImage"), record.dynamodb().newImage());
        if (record.dynamodb().hasOldImage()) image(dynamodb.putObject("OldImage"), record.dynamodb().oldImage());
        return root;
    }

    private static void image(ObjectNode into, Map<String, AttributeValue> item) {
        item.forEach((name, v) -> {
            var typed = into.putObject(name);
            if (v.s() != null) typed.put("S", v.s());
            else if (v.n() != null) typed.put("N", v.n());
            else if (v.bool() != null) typed.put("BOOL", v.bool());
            else if (v.hasM()) image(typed.putObject("M"), v.m());
        });
    }
}
