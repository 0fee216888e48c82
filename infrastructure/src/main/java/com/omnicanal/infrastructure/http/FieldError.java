package com.omnicanal.infrastructure.http;

/** One invalid field of a request, as listed in a 400 problem. */
public record FieldError(String field, String message) {
}
