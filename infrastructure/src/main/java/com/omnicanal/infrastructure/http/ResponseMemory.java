package com.omnicanal.infrastructure.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Remembers the first answer to a POST under its Idempotency-Key, for routes openapi.yaml marks
 * {@code x-idempotency: response} (routes whose effect is not one DynamoDB transaction with its claim).
 */
public interface ResponseMemory {
    sealed interface Claim {
        /** First time: run the handler, then complete or release. */
        record Fresh() implements Claim {
        }

        record Replay(APIGatewayV2HTTPResponse response) implements Claim {
        }

        /** The key came with another request. */
        record KeyReused() implements Claim {
        }

        /** The same request is being served right now (a concurrent duplicate). */
        record InProgress() implements Claim {
        }
    }

    Claim claim(String scope, String fingerprint);

    void complete(String scope, String fingerprint, APIGatewayV2HTTPResponse response);

    /** The handler failed or refused: forget the claim so the client may retry with the same key. */
    void release(String scope);
}
