package dev.pgwake.proxy.http;

import java.util.Map;

/** What one request is answered: status, content type, body text and extra headers (Allow, WWW-Authenticate). */
record Reply(int status, String contentType, String body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    /** The Prometheus text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    Reply {
        headers = Map.copyOf(headers);
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more);
    }
}
