package dev.pgwake.proxy.backend;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.protocol.SSLRequest;
import dev.pgwake.proxy.protocol.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Asks a server for TLS before the login, as libpq does: an SSLRequest, then one byte. 'S' puts a TLS client
 * handler first in the pipeline, which starts the handshake and tells the login handler when it is done
 * ({@code SslHandshakeCompletionEvent}); 'N' lets the login begin in plaintext ({@link #PLAINTEXT}) where
 * {@code server.tls_mode} is {@code prefer}, and fails the login (08001) where TLS is required. Bytes after the
 * answer, before the handshake, are a protocol violation (08P01): they could only have been injected in plaintext.
 * Removes itself once answered. Event loop only.
 */
final class ServerTlsNegotiator extends ChannelInboundHandlerAdapter {
    /** The user event that lets the login begin in plaintext. */
    static final Object PLAINTEXT = new Object() {
        @Override
        public String toString() {
            return "server TLS refused, plaintext allowed";
        }
    };

    private final ServerTls tls;
    private final Endpoint endpoint;

    ServerTlsNegotiator(ServerTls tls, Endpoint endpoint) {
        this.tls = tls;
        this.endpoint = endpoint;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ByteBuf request = ctx.alloc().buffer(8);
        SSLRequest.INSTANCE.encode(request);
        ctx.writeAndFlush(request);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!in.isReadable()) {
                return;
            }
            byte answer = in.readByte();
            if (in.isReadable()) {
                throw new ServerLoginException(SqlState.PROTOCOL_VIOLATION, "server " + where()
                        + " sent more than one byte in answer to SSLRequest", null, null);
            }
            if (answer == SSLRequest.ACCEPT) {
                ctx.pipeline().addFirst("server-tls", tls.handler(ctx.alloc(), endpoint));
                ctx.pipeline().remove(this);
            } else if (answer == SSLRequest.REFUSE && !tls.mode().required()) {
                ctx.pipeline().remove(this);
                ctx.fireUserEventTriggered(PLAINTEXT);
            } else if (answer == SSLRequest.REFUSE) {
                throw new ServerLoginException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "server " + where()
                        + " does not accept TLS connections (server.tls_mode " + tls.mode() + ")", null, null);
            } else {
                throw new ServerLoginException(SqlState.PROTOCOL_VIOLATION, "server " + where()
                        + " answered SSLRequest with neither 'S' nor 'N' (byte " + (answer & 0xFF) + ")", null, null);
            }
        } finally {
            in.release();
        }
    }

    private String where() {
        return endpoint.host() + ":" + endpoint.port();
    }
}
