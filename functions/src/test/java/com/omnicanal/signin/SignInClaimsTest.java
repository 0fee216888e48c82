package com.omnicanal.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class SignInClaimsTest {
    private static Map<String, String> attributes(String role, String store) {
        var attributes = new HashMap<String, String>();
        attributes.put("sub", "7d2f-person");
        attributes.put("email", "claire@example.com");
        if (role != null) attributes.put("custom:role", role);
        if (store != null) attributes.put("custom:storeId", store);
        return attributes;
    }

    @Test
    void staffGetTheirRoleAndStore() {
        assertThat(SignInClaims.of(attributes("staff", "paris-rivoli")))
                .isEqualTo(Map.of("role", "staff", "storeId", "paris-rivoli"));
    }

    @Test
    void opsGetTheirRoleAndNoStore() {
        assertThat(SignInClaims.of(attributes("ops", "paris-rivoli"))).isEqualTo(Map.of("role", "ops"));
    }

    @Test
    void withoutAttributesEveryoneIsACustomer() {
        assertThat(SignInClaims.of(attributes(null, null))).isEqualTo(Map.of("role", "customer"));
        assertThat(SignInClaims.of(Map.of())).isEqualTo(Map.of("role", "customer"));
        assertThat(SignInClaims.of(null)).isEqualTo(Map.of("role", "customer"));
    }

    @Test
    void aCustomerWithAStoreStaysACustomerWithoutIt() {
        assertThat(SignInClaims.of(attributes("customer", "paris-rivoli"))).isEqualTo(Map.of("role", "customer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "admin", "OPS", "Staff", "ops ", " staff", "staff,ops", "ops\n", "root"})
    void aRoleNobodyDefinedGivesACustomerToken(String forged) {
        assertThat(SignInClaims.of(attributes(forged, "paris-rivoli"))).isEqualTo(Map.of("role", "customer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "paris rivoli", "../ops", "paris-rivoli\",\"role\":\"ops", "p"})
    void staffWithoutAStoreOrWithAMalformedOneGetACustomerToken(String store) {
        assertThat(SignInClaims.of(attributes("staff", store))).isEqualTo(Map.of("role", "customer"));
        assertThat(SignInClaims.of(attributes("staff", null))).isEqualTo(Map.of("role", "customer"));
    }
}
