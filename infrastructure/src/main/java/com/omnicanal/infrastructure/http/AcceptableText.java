package com.omnicanal.infrastructure.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The characters any text of a request may hold, whatever its schema says (field names included). */
final class AcceptableText {
    private AcceptableText() {
    }

    /**
     * Why a text cannot be taken in as sent, or null. A lone surrogate cannot be stored (DynamoDB's UTF-8 makes it
     * "?"); control characters (NUL included) are refused everywhere but tab, line feed and carriage return, which
     * free text such as a comment may hold.
     */
    static String unacceptable(String text) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode (a lone surrogate)";
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters";
            }
        }
        return null;
    }

    /** Every text in a body, whatever its schema says, and every field name. */
    static void checkCharacters(JsonNode node, String field, List<FieldError> errors) {
        if (errors.size() > RequestContract.MAX_ERRORS) return;
        var name = field.isEmpty() ? "body" : field;
        if (node.isTextual()) {
            var why = unacceptable(node.textValue());
            if (why != null) errors.add(new FieldError(name, why));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) checkCharacters(node.get(i), name + "[" + i + "]", errors);
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var entry = fields.next();
                if (unacceptable(entry.getKey()) != null) {
                    // the name is not echoed: it is what cannot be shown
                    errors.add(new FieldError(name, "has a field name that contains a control character or a lone surrogate"));
                } else {
                    checkCharacters(entry.getValue(), SchemaCheck.prefix(field) + entry.getKey(), errors);
                }
            }
        }
    }
}
