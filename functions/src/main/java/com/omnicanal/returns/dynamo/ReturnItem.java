package com.omnicanal.returns.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.returns.ReturnAuthorization;
import com.omnicanal.returns.ReturnStatus;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A return authorization in the Orders table: the index attributes and its status, and the authorization whole as a
 * JSON document in {@code body}.
 */
final class ReturnItem {
    static final String TYPE = "RETURN";
    /** The expiry index holds an authorization only while it waits to be brought back. */
    static final String OPEN = "RETURN_REQUESTED";

    private ReturnItem() {
    }

    static Map<String, AttributeValue> of(ReturnAuthorization r) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", AttributeValue.fromS(r.id()));
        item.put("type", AttributeValue.fromS(TYPE));
        item.put("customerId", AttributeValue.fromS(r.customerId()));
        item.put("createdAt", AttributeValue.fromS(Instants.format(r.createdAt())));
        item.put("status", AttributeValue.fromS(r.status().name()));
        if (r.status() == ReturnStatus.REQUESTED && r.expiresAt() != null) {
            item.put("openStatus", AttributeValue.fromS(OPEN));
            item.put("expiresAt", AttributeValue.fromS(Instants.format(r.expiresAt())));
        }
        item.put("body", JsonDocuments.write(r));
        return item;
    }

    static boolean isReturn(Map<String, AttributeValue> item) {
        return item != null && item.containsKey("type") && TYPE.equals(item.get("type").s());
    }

    static ReturnAuthorization read(Map<String, AttributeValue> item) {
        return JsonDocuments.read(item.get("body"), ReturnAuthorization.class);
    }
}
