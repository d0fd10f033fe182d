package dev.pgwake.proxy.http;

import dev.pgwake.proxy.protocol.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP connection: one request at a time. The channel does not read on its own; this handler reads on while a
 * request is incomplete and asks for the next request only once the reply to the last one is written, so pipelined
 * requests are answered in order even when a branch operation takes seconds. The request's buffers are released
 * when {@link #channelRead0} returns (its text is copied out first); the reply's buffer goes to Netty with the
 * write. A connection idle between requests is closed. Event loop only.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final HttpApi api;
    private final JsonReplies json;
    /** A request is being answered: the idle timeout does not apply. */
    private boolean busy;

    HttpRequestHandler(HttpApi api) {
        this.api = api;
        this.json = api.json();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    /** A read ended without a whole request (the aggregator waits for more): read on, unless one is being answered. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!busy) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, json.error(400, SqlState.PROTOCOL_VIOLATION, "malformed HTTP request: "
                    + request.decoderResult().cause()), false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        CompletableFuture<Reply> reply;
        try {
            reply = api.handle(ApiRequest.from(request));
        } catch (IllegalArgumentException e) {
            reply = CompletableFuture.completedFuture(json.error(400, SqlState.INVALID_PARAMETER_VALUE,
                    "bad request URI: " + e.getMessage()));
        }
        String what = request.method() + " " + request.uri();
        reply.whenComplete((answer, error) -> ctx.executor().execute(() -> {
            Reply sent = answer != null ? answer : json.failure(error);
            log.debug("[http {}] {} -> {}", ctx.channel().id().asShortText(), what, sent.status());
            respond(ctx, sent, keepAlive);
        }));
    }

    private void respond(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
        busy = false;
        if (!ctx.channel().isActive()) {
            return;
        }
        ByteBuf body = ctx.alloc().buffer();
        body.writeCharSequence(reply.body(), StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            response.headers().set(header.getKey(), header.getValue());
        }
        HttpUtil.setContentLength(response, body.readableBytes());
        if (keepAlive) {
            ctx.writeAndFlush(response);
            ctx.read();
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (!busy) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[http {}] closing: {}", ctx.channel().id().asShortText(), cause.toString());
        ctx.close();
    }
}
