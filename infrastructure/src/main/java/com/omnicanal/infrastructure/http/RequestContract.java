package com.omnicanal.infrastructure.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks a request against openapi.yaml before any handler runs: path, query and header parameters
 * ({@link RequestParameters}) and the body ({@link RequestBodyCheck}, {@link SchemaCheck}). The contract is the single
 * source of the limits, so the document and the code cannot disagree. It reads the subset of OpenAPI 3.0 schemas this
 * project uses; anything else is ignored.
 */
public final class RequestContract {
    /** At most this many field errors are listed; a fuzzer's garbage should not produce a megabyte of problems. */
    static final int MAX_ERRORS = 20;
    private static volatile RequestContract shared;

    private final OpenApiDocument document;
    private final RequestParameters parameters;
    private final RequestBodyCheck body;

    private RequestContract(Map<String, Object> document) {
        this.document = new OpenApiDocument(document);
        var schemas = new SchemaCheck(this.document);
        this.parameters = new RequestParameters(this.document, schemas);
        this.body = new RequestBodyCheck(this.document, schemas);
    }

    /** openapi.yaml from the classpath (the functions jar carries it), read once per container; empty if absent. */
    public static RequestContract shared() {
        var contract = shared;
        if (contract == null) {
            synchronized (RequestContract.class) {
                if (shared == null) shared = fromClasspath();
                contract = shared;
            }
        }
        return contract;
    }

    /**
     * Checks one empty request per route given, so the classes and patterns their checks use are loaded now: a router
     * warms its own routes when it is built, during init (inside the SnapStart snapshot), not on a customer's first
     * request; a function's cold start does not pay for the other functions' routes.
     */
    RequestContract warm(java.util.Collection<String> routeKeys) {
        for (var routeKey : routeKeys) {
            check(routeKey, Map.of(), Map.of(), Map.of(), "{\"warm\":[1,\"2026-11-23\",true,null]}");
        }
        return this;
    }

    /**
     * The contract the Lambda jars carry: openapi.json (openapi.yaml converted at build time by {@link ContractJson},
     * read with Jackson: a cold start does not pay for the YAML parser), else openapi.yaml.
     */
    static RequestContract fromClasspath() {
        try (InputStream in = RequestContract.class.getClassLoader().getResourceAsStream("openapi.json")) {
            return in == null ? fromClasspath("openapi.yaml") : fromJson(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json", e);
        }
    }

    public static RequestContract fromClasspath(String resource) {
        try (InputStream in = RequestContract.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? new RequestContract(Map.of()) : parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    public static RequestContract parse(InputStream yaml) {
        return new RequestContract(load(yaml));
    }

    static Map<String, Object> load(InputStream yaml) {
        var options = new LoaderOptions();
        options.setCodePointLimit(8 * 1024 * 1024);
        Map<String, Object> document = new Yaml(options).load(yaml);
        return document == null ? Map.of() : document;
    }

    static RequestContract fromJson(InputStream json) throws IOException {
        return new RequestContract(loadJson(json));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> loadJson(InputStream json) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
    }

    /**
     * The roles openapi.yaml's {@code x-roles} lets call the route (role claim; customer when absent); empty when the
     * operation does not say, and then the function's own checks decide alone.
     */
    public java.util.Set<String> roles(String routeKey) {
        var operation = document.operation(routeKey);
        if (operation == null || !(operation.get("x-roles") instanceof List<?> roles)) return java.util.Set.of();
        var set = new java.util.TreeSet<String>();
        roles.forEach(r -> set.add(String.valueOf(r)));
        return set;
    }

    /** openapi.yaml's {@code x-idempotency} for the route: "response", "transactional", or empty. */
    public String idempotency(String routeKey) {
        var operation = document.operation(routeKey);
        return operation == null || operation.get("x-idempotency") == null ? "" : String.valueOf(operation.get("x-idempotency"));
    }

    /**
     * Content-Type, when a body comes in a media type the operation's requestBody does not declare (a 415); empty when
     * there is no body, the operation takes none, or the route is not described. JSON is {@code application/json} or
     * any {@code application/*+json}; a charset, if given, must be UTF-8 (RFC 8259).
     */
    public Optional<FieldError> mediaType(String routeKey, Map<String, String> headers, String body) {
        return this.body.mediaType(document.operation(routeKey), headers, body);
    }

    public boolean describes(String routeKey) {
        return document.operation(routeKey) != null;
    }

    /** Every problem with the request, as field errors; empty when it is valid or the route is not described. */
    public List<FieldError> check(String routeKey, Map<String, String> pathParameters, Map<String, String> query,
                                  Map<String, String> headers, String body) {
        var errors = new ArrayList<FieldError>();
        var operation = document.operation(routeKey);
        if (operation == null) return errors;
        parameters.check(routeKey, operation, pathParameters, query, headers, errors);
        this.body.check(operation, body, errors);
        return errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
    }

    /** Whether the route requires this header (the Router refuses a transactional route that does not). */
    public boolean requiresHeader(String routeKey, String name) {
        var operation = document.operation(routeKey);
        return operation != null && parameters.requiresHeader(routeKey, operation, name);
    }
}
