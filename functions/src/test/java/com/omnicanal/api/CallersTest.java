package com.omnicanal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.omnicanal.infrastructure.http.ApiRequest;
import com.omnicanal.infrastructure.http.ProblemException;
import com.omnicanal.shared.Actor;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CallersTest {
    private static ApiRequest withClaims(Map<String, String> claims) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build()).build();
        return new ApiRequest(APIGatewayV2HTTPEvent.builder().withRequestContext(context).build());
    }

    @Test
    void readsCustomersStaffAndOpsFromTheClaims() {
        assertThat(Callers.actor(withClaims(Map.of("sub", "c1")))).isEqualTo(Actor.customer("c1"));
        assertThat(Callers.actor(withClaims(Map.of("sub", "s1", "role", "staff", "storeId", "lyon"))))
                .isEqualTo(Actor.staff("s1", "lyon"));
        assertThat(Callers.actor(withClaims(Map.of("sub", "o1", "role", "ops")))).isEqualTo(Actor.ops("o1"));
    }

    @Test
    void refusesRequestsWithoutAUsableIdentity() {
        for (var claims : new Map[] {Map.of(), Map.of("role", "ops"), Map.of("sub", "s1", "role", "staff"),
                Map.of("sub", "x", "role", "admin")}) {
            @SuppressWarnings("unchecked") Map<String, String> typed = claims;
            assertThatThrownBy(() -> Callers.actor(withClaims(typed)))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(401));
        }
        assertThatThrownBy(() -> Callers.actor(new ApiRequest(new APIGatewayV2HTTPEvent())))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void staffActOnlyForTheirStoreAndOpsForAll() {
        var staff = Actor.staff("s1", "lyon");
        assertThat(staff.worksFor("lyon")).isTrue();
        assertThat(staff.worksFor("paris")).isFalse();
        assertThat(Actor.ops("o").worksFor("paris")).isTrue();
        assertThat(Actor.customer("c").worksFor("paris")).isFalse();
    }
}
