package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One-shot: looks at the client's first byte. A TLS handshake record means PostgreSQL 17 direct TLS: a TLS
 * handler goes in and the "postgresql" ALPN protocol is required, as PostgreSQL requires it. Either way this
 * handler removes itself and the bytes move on.
 */
final class DirectTlsDetector extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(DirectTlsDetector.class);
    private final SslContext context;

    DirectTlsDetector(SslContext context) {
        this.context = context;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (in.getUnsignedByte(in.readerIndex()) == Wire.TLS_HANDSHAKE_RECORD) {
            SslHandler tls = context.newHandler(ctx.alloc());
            ctx.pipeline().addAfter(ctx.name(), "tls", tls);
            ctx.pipeline().get(StartupHandler.class).usingDirectTls(tls);
            tls.handshakeFuture().addListener(f -> {
                if (f.isSuccess() && !Wire.ALPN_POSTGRESQL.equals(tls.applicationProtocol())) {
                    log.info("[{}] direct TLS without ALPN \"postgresql\", closing", ctx.channel().id().asShortText());
                    ctx.channel().close();
                }
            });
        }
        ctx.pipeline().remove(this);
    }
}
