package com.omnicanal.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.returns.RequestingReturns.RequestReturn;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a return's command refuses in its constructor: what openapi.yaml cannot state. No DynamoDB needed. */
class RequestReturnTest {
    private static final Actor CAMILLE = Actor.customer("cust-camille");
    private static final List<ReturnRequest.LineRequest> ONE_LINE = List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1));

    private static List<String> refused(ReturnRequest request) {
        try {
            new RequestReturn(CAMILLE, request);
        } catch (DomainException.InvalidInput e) {
            return e.violations().stream().map(DomainException.Violation::field).toList();
        }
        return List.of();
    }

    @Test
    void exactlyOnePurchaseIsNamed() {
        assertThat(refused(new ReturnRequest("order-1", "receipt-1", ONE_LINE, "trop petit", "store", null, null)))
                .containsExactly("orderId");
        assertThat(refused(new ReturnRequest(null, null, ONE_LINE, "trop petit", "store", null, null)))
                .containsExactly("orderId");
        assertThat(refused(new ReturnRequest(null, "receipt-1", ONE_LINE, "trop petit", "store", null, null))).isEmpty();
    }

    @Test
    void eachSkuOnceAndAReasonThatSaysSomething() {
        var twice = List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1), new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1));
        assertThat(refused(new ReturnRequest("order-1", null, twice, "  ", "post", null, null)))
                .containsExactlyInAnyOrder("lines[1].sku", "reason");
    }
}
