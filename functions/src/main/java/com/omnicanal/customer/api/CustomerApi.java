package com.omnicanal.customer.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.customer.Consent;
import com.omnicanal.customer.CustomerJourneys;
import com.omnicanal.customer.CustomerLookup;
import com.omnicanal.customer.Profile;
import com.omnicanal.customer.ProfileMerge;
import com.omnicanal.customer.ProfilePatch;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.ResponseMemory;
import com.omnicanal.infrastructure.http.Router;
import java.util.List;
import java.util.Map;

/** The customers Lambda: the profile, identities, consents, timeline and GDPR for customers; lookup and merge for staff. */
public final class CustomerApi {
    private CustomerApi() {
    }

    /** The PATCH body as openapi.yaml has it; "quietHours": null removes them, "birthDate": null removes it. */
    public record ProfileChanges(String firstName, String lastName, String language, List<String> preferredChannels,
                                 Profile.QuietHours quietHours, String homeStoreId, String birthDate) {
    }

    public record NewIdentity(String kind, String value) {
    }

    public record Verification(String kind, String value, String code) {
    }

    public record Decisions(List<Consent> consents) {
    }

    public record Merge(String survivorId, String mergedId, String reason) {
    }

    public record StoreRegistration(String firstName, String lastName, String language, String phone, String email,
                                    String card) {
    }

    /** {@code answers} keeps the first answer of the routes openapi.yaml declares x-idempotency: response. */
    public static Router router(CustomerJourneys customers, ResponseMemory answers) {
        return Router.builder().remembering(answers)
                .route("GET /customers/me", r -> ApiResponse.ok(customers.signingIn().profile(Callers.actor(r))))
                .route("PATCH /customers/me", r -> {
                    var body = r.body(ProfileChanges.class);
                    return ApiResponse.ok(customers.updatingProfile().update(Callers.actor(r), new ProfilePatch(
                            body.firstName(), body.lastName(), body.language(), body.preferredChannels(),
                            body.quietHours(), body.homeStoreId(), r.nulled("quietHours"), body.birthDate(),
                            r.nulled("birthDate"))));
                })
                .route("DELETE /customers/me", r -> {
                    customers.erasingCustomers().erase(Callers.actor(r));
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
                })
                .route("POST /customers/me/identities", r -> {
                    var body = r.body(NewIdentity.class);
                    return ApiResponse.json(202, customers.verifyingIdentities().add(Callers.actor(r), body.kind(),
                            body.value()), Map.of());
                })
                .route("POST /customers/me/identities/verify", r -> {
                    var body = r.body(Verification.class);
                    return ApiResponse.ok(customers.verifyingIdentities().verify(Callers.actor(r), body.kind(),
                            body.value(), body.code()));
                })
                .route("GET /customers/me/consents", r -> ApiResponse.ok(Map.of("consents",
                        customers.decidingConsents().consents(Callers.actor(r)))))
                .route("PUT /customers/me/consents", r -> ApiResponse.ok(Map.of("consents",
                        customers.decidingConsents().decide(Callers.actor(r), r.body(Decisions.class).consents()))))
                .route("GET /customers/me/timeline", r -> ApiResponse.ok(customers.readingTimeline().page(
                        Callers.actor(r), r.query("cursor").orElse(null))))
                .route("GET /customers/me/export", r -> ApiResponse.json(200,
                        customers.exportingData().export(Callers.actor(r)),
                        Map.of("Content-Disposition", "attachment; filename=omnicanal-export.json")))
                .route("GET /stores/{storeId}/customers", r -> ApiResponse.ok(customers.lookingUpCustomers().lookup(
                        Callers.actor(r), r.path("storeId"), new CustomerLookup(r.query("phone").orElse(null),
                                r.query("email").orElse(null), r.query("card").orElse(null)))))
                .route("POST /stores/{storeId}/customers", r -> {
                    var body = r.body(StoreRegistration.class);
                    return ApiResponse.json(201, customers.registeringWalkIns().register(Callers.actor(r),
                            r.path("storeId"),
                            new ProfilePatch(body.firstName(), body.lastName(), body.language(), null, null, null),
                            body.phone(), body.email(), body.card()), Map.of());
                })
                .route("POST /stores/{storeId}/customers/merge", r -> {
                    var body = r.body(Merge.class);
                    return ApiResponse.ok(customers.mergingProfiles().merge(Callers.actor(r), r.path("storeId"),
                            new ProfileMerge(body.survivorId(), body.mergedId(), body.reason())));
                })
                .errors(DomainProblems::of)
                .build();
    }
}
