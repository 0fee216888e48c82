package com.omnicanal.signin.api;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent.ClaimsOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent.Response;
import com.omnicanal.signin.SignInClaims;
import java.util.function.Function;

/**
 * Cognito's pre-token-generation trigger (event version 1: its claims go into the ID token, the one the web app sends):
 * adds {@code role} and {@code storeId} from the account's administrator-set attributes, as {@link SignInClaims} reads them.
 */
public final class PreTokenGeneration implements Function<CognitoUserPoolPreTokenGenerationEvent, CognitoUserPoolPreTokenGenerationEvent> {
    @Override
    public CognitoUserPoolPreTokenGenerationEvent apply(CognitoUserPoolPreTokenGenerationEvent event) {
        var attributes = event.getRequest() == null ? null : event.getRequest().getUserAttributes();
        var claims = SignInClaims.of(attributes);
        // Cognito takes the event back with its response filled in
        event.setResponse(Response.builder()
                .withClaimsOverrideDetails(ClaimsOverrideDetails.builder().withClaimsToAddOrOverride(claims).build())
                .build());
        return event;
    }
}
