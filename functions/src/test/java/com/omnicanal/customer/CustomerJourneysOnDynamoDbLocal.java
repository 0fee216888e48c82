package com.omnicanal.customer;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.shared.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What the customer journey tests share: one DynamoDB Local per test class, a fresh {@link CustomerFixture} (ten
 * T-shirts at Paris Rivoli) per test, and the people they are about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CustomerJourneysOnDynamoDbLocal {
    DynamoDbLocal dynamo;
    CustomerFixture fx;
    final Actor camille = Actor.customer("cust-camille");
    final Actor hugo = Actor.customer("cust-hugo");
    final Actor lea = Actor.staff("staff-lea", "paris-rivoli");

    @BeforeAll
    void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterAll
    void stop() {
        dynamo.close();
    }

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
