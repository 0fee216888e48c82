package com.omnicanal.infrastructure.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem detail; {@code type} is stable so clients can branch on it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {
    public static final String BASE = "https://omnicanal.dev/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, List.of(), Map.of());
    }

    public static Problem validation(List<FieldError> errors) {
        var detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(BASE + "validation", "Invalid request", 400, detail, errors, Map.of());
    }

    /** A body in a media type the route does not take (415), naming Content-Type. */
    public static Problem unsupportedMediaType(FieldError error) {
        return new Problem(BASE + "unsupported-media-type", "Unsupported media type", 415,
                error.field() + ": " + error.message(), List.of(error), Map.of());
    }

    public Problem with(String name, Object value) {
        var more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, errors, more);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }
}
