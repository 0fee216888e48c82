package com.omnicanal.customer;

import com.omnicanal.shared.Actor;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the customer journey tests share: one DynamoDB Local per test class, a fresh {@link CustomerFixture} (ten
 * T-shirts at Paris Rivoli) per test, and the people they are about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CustomerJourneysOnDynamoDbLocal {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    CustomerFixture fx;
    final Actor camille = Actor.customer("cust-camille");
    final Actor hugo = Actor.customer("cust-hugo");
    final Actor lea = Actor.staff("staff-lea", "paris-rivoli");

    @BeforeEach
    void fresh() {
        fx = new CustomerFixture(dynamo.client());
        fx.backend.stock("TSH-COT-BLU-M", "paris-rivoli", 10);
    }

    /** The actor adds the address and enters the code it received. */
    void verified(Actor actor, String kind, String value) {
        fx.verified(actor, kind, value);
    }
}
