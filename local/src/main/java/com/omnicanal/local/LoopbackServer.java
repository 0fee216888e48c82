package com.omnicanal.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The JDK's HTTP server on 127.0.0.1, as the local stack's gateway and its Twilio stand-in use it. */
final class LoopbackServer {
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private LoopbackServer() {
    }

    static HttpServer create(int port, int backlog) throws IOException {
        // the JDK's server writes a response's headers and body apart: without TCP_NODELAY a client that keeps its
        // connection open (a browser, the Twilio SDK, schemathesis) waits for its own delayed ACK, 40 ms a request
        // (BENCHMARKS.md); the JDK reads the setting once, when its server classes load, so before the first server
        if (System.getProperty(NO_DELAY) == null) System.setProperty(NO_DELAY, "true");
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), backlog);
    }
}
