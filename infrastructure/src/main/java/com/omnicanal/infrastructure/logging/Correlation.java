package com.omnicanal.infrastructure.logging;

import java.util.regex.Pattern;

/** The id that ties every log line of one request together: the client's x-correlation-id, else API Gateway's requestId. */
public final class Correlation {
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Correlation() {
    }

    /** Keeps a client's id only when it is short and plain, so it cannot forge log lines. */
    public static String choose(String fromClient, String requestId) {
        if (fromClient != null && SAFE.matcher(fromClient).matches()) return fromClient;
        return requestId == null || requestId.isBlank() ? java.util.UUID.randomUUID().toString() : requestId;
    }

    public static void set(String id) {
        CURRENT.set(id);
    }

    public static String current() {
        return CURRENT.get();
    }

    public static void clear() {
        CURRENT.remove();
    }
}
