package com.omnicanal.appointment;

import java.util.List;
import java.util.Optional;

/** Port: what can be booked at each store: appointment types, advisors and shared resources. */
public interface BookingSetup {

    /** Everything a store offers by appointment. */
    record StoreSetup(String storeId, List<AppointmentType> types, List<Advisor> advisors, List<Resource> resources) {
        public StoreSetup {
            types = List.copyOf(types);
            advisors = List.copyOf(advisors);
            resources = List.copyOf(resources);
        }

        public Optional<AppointmentType> type(String id) {
            return types.stream().filter(t -> t.id().equals(id)).findFirst();
        }

        public Optional<Advisor> advisor(String id) {
            return advisors.stream().filter(a -> a.id().equals(id)).findFirst();
        }

        public Optional<Resource> resource(String id) {
            return resources.stream().filter(r -> r.id().equals(id)).findFirst();
        }
    }

    StoreSetup of(String storeId);

    void save(AppointmentType type);

    void save(Advisor advisor);

    void save(Resource resource);
}
