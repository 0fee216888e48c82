package com.omnicanal.appointment;

import com.omnicanal.appointment.dynamo.DynamoAppointments;
import com.omnicanal.appointment.dynamo.DynamoBookingSetup;
import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.testing.TestBackend;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class BookingInvariantsOnDynamoDbLocalProperties extends BookingInvariantProperties {
    private static DynamoDbLocal dynamo;

    @BeforeContainer
    static void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterContainer
    static void stop() {
        dynamo.close();
    }

    @Override
    protected Booking booking() {
        var backend = new TestBackend(dynamo.client());
        backend.reset();
        return booking(backend, new DynamoBookingSetup(dynamo.client(), backend.tables),
                new DynamoAppointments(dynamo.client(), backend.tables));
    }
}
