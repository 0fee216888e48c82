package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.order.PlacingOrders.PlaceOrder;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an order's command refuses in its constructor: what openapi.yaml cannot state. No DynamoDB needed. */
class PlaceOrderTest {
    private static final Actor CAMILLE = Actor.customer("cust-camille");

    private static OrderRequest order(List<OrderRequest.LineRequest> lines, Order.Contact contact) {
        return new OrderRequest(lines, "paris-rivoli", contact, "pa_3QxZ9b2eZvKYlo2C");
    }

    private static List<String> refused(OrderRequest order) {
        try {
            new PlaceOrder(CAMILLE, order);
        } catch (DomainException.InvalidInput e) {
            return e.violations().stream().map(DomainException.Violation::field).toList();
        }
        return List.of();
    }

    @Test
    void eachSkuOnceAndAContactThatCanBeReached() {
        var twice = order(List.of(new OrderRequest.LineRequest("TSH-COT-BLU-M", 1),
                new OrderRequest.LineRequest("TSH-COT-BLU-L", 1), new OrderRequest.LineRequest("TSH-COT-BLU-M", 2)),
                new Order.Contact("Camille Martin", " ", null));
        assertThat(refused(twice)).containsExactlyInAnyOrder("lines[2].sku", "contact");
    }

    @Test
    void aNameThatSaysSomethingAndAPhoneNumberThatIsOne() {
        var line = List.of(new OrderRequest.LineRequest("TSH-COT-BLU-M", 1));
        assertThat(refused(order(line, new Order.Contact("  ", null, "12")))).containsExactlyInAnyOrder("contact.name", "contact.phone");
        assertThat(refused(order(line, new Order.Contact("Camille Martin", null, "06 12 34 56 78")))).isEmpty();
    }

    @Test
    void theContactKeptIsTrimmedWithItsNumberInE164() {
        var command = new PlaceOrder(CAMILLE, order(List.of(new OrderRequest.LineRequest("TSH-COT-BLU-M", 1)),
                new Order.Contact(" Camille Martin ", "", "06 12 34 56 78")));
        assertThat(command.contact()).isEqualTo(new Order.Contact("Camille Martin", null, "+33612345678"));
    }
}
