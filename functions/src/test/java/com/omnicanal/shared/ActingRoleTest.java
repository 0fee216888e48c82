package com.omnicanal.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActingRoleTest {
    @Test
    void aCustomerSeesARoleForWhoeverActedOnTheirRecordNeverAStaffId() {
        assertThat(ActingRole.of("cust-camille", "cust-camille")).isEqualTo("customer");
        assertThat(ActingRole.of("cust-camille", "routing")).isEqualTo("routing");
        assertThat(ActingRole.of("cust-camille", "system")).isEqualTo("ops");
        assertThat(ActingRole.of("cust-camille", "staff-ines")).isEqualTo("store");
        assertThat(ActingRole.of("cust-camille", "ops-amelie")).as("ops acting for a store on its routes").isEqualTo("store");
        assertThat(ActingRole.of("cust-camille", "cust-hugo")).as("another person's id never shows").isEqualTo("store");
    }
}
