package com.omnicanal.testing.memory;

import com.omnicanal.appointment.Advisor;
import com.omnicanal.appointment.AppointmentType;
import com.omnicanal.appointment.BookingSetup;
import com.omnicanal.appointment.Resource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What can be booked per store, in memory (a later save of the same id replaces the earlier one, as a put does). */
public final class InMemoryBookingSetup implements BookingSetup {
    private final Map<String, AppointmentType> types = new ConcurrentHashMap<>();
    private final Map<String, Advisor> advisors = new ConcurrentHashMap<>();
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();

    @Override
    public StoreSetup of(String storeId) {
        return new StoreSetup(storeId, types.values().stream().filter(t -> t.storeId().equals(storeId)).toList(),
                advisors.values().stream().filter(a -> a.storeId().equals(storeId)).toList(),
                resources.values().stream().filter(r -> r.storeId().equals(storeId)).toList());
    }

    @Override
    public void save(AppointmentType type) {
        types.put(type.storeId() + "#" + type.id(), type);
    }

    @Override
    public void save(Advisor advisor) {
        advisors.put(advisor.storeId() + "#" + advisor.id(), advisor);
    }

    @Override
    public void save(Resource resource) {
        resources.put(resource.storeId() + "#" + resource.id(), resource);
    }
}
