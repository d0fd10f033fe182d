/**
 * The operator's HTTP listener ({@code http:}): health probes, Prometheus metrics and the admin console's branch
 * commands as JSON. {@link dev.pgwake.proxy.http.HttpApi} answers requests without Netty; {@link
 * dev.pgwake.proxy.http.HttpListener} serves it on the proxy's event loops; {@link dev.pgwake.proxy.http.Readiness}
 * is what {@code /health/ready} reports.
 *
 * <p>ByteBuf ownership: the aggregator hands {@code HttpRequestHandler} one {@code FullHttpRequest} at a time (the
 * flow-control handler holds any others and releases them if the connection closes); the handler copies out its
 * text and the request is released when its read returns. Every reply is one buffer written at once, which hands
 * it to Netty; a reply for a connection that closed meanwhile is never allocated.
 */
package dev.pgwake.proxy.http;
