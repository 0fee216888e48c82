package com.omnicanal.appointment;

import com.omnicanal.testing.memory.InMemoryAppointments;
import com.omnicanal.testing.memory.InMemoryBackend;
import com.omnicanal.testing.memory.InMemoryBookingSetup;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class BookingInvariantsInMemoryProperties extends BookingInvariantProperties {
    @Override
    protected Booking booking() {
        var backend = InMemoryBackend.create();
        return booking(backend, new InMemoryBookingSetup(), new InMemoryAppointments(backend.store()));
    }
}
