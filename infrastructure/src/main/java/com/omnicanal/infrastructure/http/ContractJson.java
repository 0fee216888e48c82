package com.omnicanal.infrastructure.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * openapi.yaml as JSON, written at build time into the Lambda jars: a cold start reads the contract with Jackson (which
 * the function has loaded anyway) in a fraction of what parsing the YAML costs (issue 22). The JSON is written only if
 * it reads back as exactly the document the YAML gives (no YAML-only type such as an unquoted date), so the contract a
 * function checks against is the one openapi.yaml states.
 */
public final class ContractJson {
    private ContractJson() {
    }

    /** Arguments: openapi.yaml, the JSON file to write. */
    public static void main(String[] args) throws IOException {
        Map<String, Object> document;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            document = RequestContract.load(in);
        }
        var json = convert(document);
        var target = Path.of(args[1]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, json);
    }

    /** The document as JSON; refuses one whose JSON would read back differently. */
    static String convert(Map<String, Object> document) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(document);
        if (!RequestContract.loadJson(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .equals(document)) {
            throw new IllegalStateException("openapi.yaml does not read back the same from JSON (a YAML-only value such as an "
                    + "unquoted date?): quote it");
        }
        return json;
    }
}
