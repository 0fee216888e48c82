package com.omnicanal.infrastructure.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/** The one JSON configuration of the API: ISO-8601 instants, no nulls, strict about what clients send. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static {
        // "sku": 15 is a wrong type, not the text "15"
        var textual = MAPPER.coercionConfigFor(LogicalType.Textual);
        textual.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        textual.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        textual.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // "quantity": 1.5 (or 1e-400) is a wrong type, not 1 (or 0)
        MAPPER.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }

    /**
     * Reads request bodies: decimals exactly (a double would make 1e309 infinite and 1e-400 zero) and a key given
     * twice refused (not "last wins").
     */
    private static final ObjectReader REQUESTS = MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String DUPLICATE = "Duplicate field '";

    /** A request body as a tree, strictly; {@link #problem} says what is wrong when it cannot be read. */
    static JsonNode readRequest(String body) throws JsonProcessingException {
        return REQUESTS.readTree(body);
    }

    /** The field a request body that could not be read is refused on: the key given twice, else the body. */
    static FieldError problem(JsonProcessingException e) {
        // STRICT_DUPLICATE_DETECTION has no exception type of its own: its message and the parser's position tell it
        if (e instanceof JsonParseException parse && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith(DUPLICATE) && parse.getProcessor() != null) {
            return new FieldError(path(parse.getProcessor().getParsingContext()), "is given more than once");
        }
        return new FieldError("body", "is not valid JSON");
    }

    /** {@code lines[1].qty}, the way field errors name a place in a body. */
    private static String path(JsonStreamContext context) {
        var path = new StringBuilder();
        for (var at = context; at != null && !at.inRoot(); at = at.getParent()) {
            path.insert(0, at.inObject() ? "." + at.getCurrentName() : "[" + Math.max(0, at.getCurrentIndex()) + "]");
        }
        return path.isEmpty() ? "body" : path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
