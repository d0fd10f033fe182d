package dev.pgwake.proxy.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the API reads it, copied out of Netty's buffers: method, decoded path segments (split before
 * decoding, so an encoded '/' stays inside its segment), query parameters, body and the Authorization header.
 */
record ApiRequest(String method, List<String> path, Map<String, List<String>> query, String body,
                  Optional<String> authorization) {
    ApiRequest {
        path = List.copyOf(path);
        query = Map.copyOf(query);
    }

    /** Throws IllegalArgumentException for a malformed URI (bad percent-encoding). */
    static ApiRequest from(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        List<String> segments = new ArrayList<>();
        for (String raw : uri.rawPath().split("/")) {
            if (!raw.isEmpty()) {
                segments.add(QueryStringDecoder.decodeComponent(raw, StandardCharsets.UTF_8));
            }
        }
        return new ApiRequest(request.method().name(), segments, uri.parameters(),
                request.content().toString(StandardCharsets.UTF_8),
                Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)));
    }

    /** The last value of a query parameter. */
    Optional<String> parameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }
}
