package com.omnicanal.infrastructure.dynamo;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item image in a DynamoDB stream record, between the Lambda event's attribute values (what a stream function
 * receives) and the SDK's (what the item mappers read and the streams client returns).
 */
public final class StreamImages {
    private StreamImages() {
    }

    public static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        var item = new HashMap<String, AttributeValue>();
        image.forEach((name, value) -> item.put(name, toSdk(value)));
        return item;
    }

    public static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toLambda(
            Map<String, AttributeValue> item) {
        var image = new HashMap<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>();
        item.forEach((name, value) -> image.put(name, toLambda(value)));
        return image;
    }

    private static AttributeValue toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) return AttributeValue.fromS(v.getS());
        if (v.getN() != null) return AttributeValue.fromN(v.getN());
        if (v.getBOOL() != null) return AttributeValue.fromBool(v.getBOOL());
        if (v.getM() != null) return AttributeValue.fromM(toSdk(v.getM()));
        if (v.getL() != null) return AttributeValue.fromL(v.getL().stream().map(StreamImages::toSdk).toList());
        if (v.getSS() != null) return AttributeValue.fromSs(v.getSS());
        if (v.getNS() != null) return AttributeValue.fromNs(v.getNS());
        return AttributeValue.fromNul(true);
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toLambda(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) out.setS(v.s());
        else if (v.n() != null) out.setN(v.n());
        else if (v.bool() != null) out.setBOOL(v.bool());
        else if (Boolean.TRUE.equals(v.nul())) out.setNULL(true);
        else if (v.hasM()) out.setM(toLambda(v.m()));
        else if (v.hasL()) out.setL(v.l().stream().map(StreamImages::toLambda).toList());
        else if (v.hasSs()) out.setSS(v.ss());
        else if (v.hasNs()) out.setNS(v.ns());
        return out;
    }
}
