package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.admin.AdminConsole;
import dev.pgwake.proxy.config.TlsMode;
import dev.pgwake.proxy.protocol.CancelRequest;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.FrameDecoder;
import dev.pgwake.proxy.protocol.GSSENCRequest;
import dev.pgwake.proxy.protocol.NegotiateProtocolVersion;
import dev.pgwake.proxy.protocol.ProtocolException;
import dev.pgwake.proxy.protocol.SSLRequest;
import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.proxy.protocol.StartupDecoder;
import dev.pgwake.proxy.protocol.StartupMessage;
import dev.pgwake.proxy.protocol.StartupPacket;
import dev.pgwake.proxy.protocol.Wire;
import dev.pgwake.proxy.tls.ClientTls;
import dev.pgwake.routing.Reject;
import dev.pgwake.routing.Route;
import dev.pgwake.routing.RouteRequest;
import dev.pgwake.routing.RoutingDecision;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The client's first packets: answers SSLRequest ('S' and TLS, or 'N') and GSSENCRequest ('N'), passes
 * CancelRequest on, and on StartupMessage routes the client and hands over to a {@link ClientSession} (or,
 * for the database {@code pgwake}, to the admin console), replacing itself and the startup decoder. Bounded
 * by the startup timeout, which keeps running through authentication. Event loop only.
 */
final class StartupHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StartupHandler.class);

    private final FrontendContext services;
    /** The TLS offered to this client: the one in effect when it connected. */
    private final ClientTls offered;
    /** SSLRequest and GSSENCRequest answered so far: as in PostgreSQL, each is answered at most once. */
    private final Set<StartupPacket> negotiated = new HashSet<>(2);
    private ScheduledFuture<?> deadline;
    private SslHandler tls;

    StartupHandler(FrontendContext services, ClientTls offered) {
        this.services = services;
        this.offered = offered;
    }

    /** The client opened with a TLS handshake (PostgreSQL 17 {@code sslnegotiation=direct}). */
    void usingDirectTls(SslHandler handler) {
        tls = handler;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long millis = services.config().startupTimeout().toMillis();
        deadline = ctx.executor().schedule(() -> {
            log.info("[{}] no login within {} ms, closing", ctx.channel().id().asShortText(), millis);
            fatal(ctx, new ProtocolException(SqlState.PROTOCOL_VIOLATION, "startup and authentication not completed within "
                    + millis + " ms (startup_timeout)"));
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if ((msg instanceof SSLRequest || msg instanceof GSSENCRequest) && !negotiated.add((StartupPacket) msg)) {
            // Answering every repeat would let a client that never reads queue one write per 8 bytes it sends.
            throw ProtocolException.violation(msg.getClass().getSimpleName() + " received twice: "
                    + "each encryption request is answered once");
        }
        if (msg instanceof SSLRequest) {
            sslRequest(ctx);
        } else if (msg instanceof GSSENCRequest) {
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(GSSENCRequest.REFUSE));
        } else if (msg instanceof CancelRequest cancel) {
            boolean found = services.cancels().cancel(cancel.processId(), cancel.secretKey());
            log.debug("[{}] cancel request for pid {}: {}", ctx.channel().id().asShortText(), cancel.processId(),
                    found ? "forwarded" : "no such client");
            deadline.cancel(false);
            ctx.close();
        } else if (msg instanceof StartupMessage startup) {
            startup(ctx, startup);
        }
    }

    private void sslRequest(ChannelHandlerContext ctx) {
        if (tls != null) {
            throw ProtocolException.violation("SSLRequest received on a connection that already uses TLS");
        }
        if (offered.context().isEmpty()) {
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(SSLRequest.REFUSE));
            return;
        }
        tls = new SslHandler(offered.context().get().newEngine(ctx.alloc()), true);
        ctx.pipeline().addFirst("tls", tls);
        ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(SSLRequest.ACCEPT));
    }

    private void startup(ChannelHandlerContext ctx, StartupMessage startup) {
        if (tls == null && offered.mode() == TlsMode.REQUIRE) {
            throw new ProtocolException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "pgwake accepts only TLS connections (tls.mode: require): connect with sslmode=require");
        }
        Map<String, String> parameters = negotiate(ctx, startup);
        RoutingDecision decision = services.router().route(new RouteRequest(parameters, serverName()));
        if (decision instanceof Reject reject) {
            log.info("[{}] rejected: {}", ctx.channel().id().asShortText(), reject.message());
            throw new ProtocolException(reject.sqlState(), reject.message());
        }
        Route route = (Route) decision;
        if (log.isInfoEnabled()) { // the channel's short id is made (and kept by the channel) only to be logged
            log.info("[{}] {} connects as {} to {} on branch {} (from {}){}", ctx.channel().id().asShortText(),
                    ctx.channel().remoteAddress(), route.user(), route.database(), route.branch(), route.source(),
                    tls == null ? "" : " over TLS");
        }
        boolean console = AdminConsole.serves(route);
        if (!console && !services.pools().admitClient()) {
            throw new ProtocolException(SqlState.TOO_MANY_CONNECTIONS, "too many clients: pgwake serves at most "
                    + services.pools().config().maxClientConn() + " (pool.max_client_conn)");
        }
        ChannelHandler session = console
                ? AdminConsole.session(services, route, deadline)
                : new ClientSession(services, route, deadline);
        ctx.pipeline().replace(this, "session", session);
        ctx.pipeline().replace(StartupDecoder.class, "frames", new FrameDecoder(services.config().maxFrameSize().asInt()));
    }

    /** Protocol 3.x above 3.0, or {@code _pq_.} options: answer as PostgreSQL does and carry on with 3.0. */
    private static Map<String, String> negotiate(ChannelHandlerContext ctx, StartupMessage startup) {
        List<String> unrecognized = new ArrayList<>();
        for (String name : startup.parameters().keySet()) {
            if (name.startsWith(Wire.PROTOCOL_OPTION_PREFIX)) {
                unrecognized.add(name);
            }
        }
        if (Wire.minor(startup.protocolVersion()) > 0 || !unrecognized.isEmpty()) {
            ctx.write(new NegotiateProtocolVersion(0, unrecognized).encode(ctx.alloc()));
        }
        if (unrecognized.isEmpty()) {
            return startup.parameters(); // unmodifiable, in the client's order: no copy needed
        }
        Map<String, String> parameters = new LinkedHashMap<>(startup.parameters());
        parameters.keySet().removeAll(unrecognized);
        return parameters;
    }

    private Optional<String> serverName() {
        if (tls == null) {
            return Optional.empty();
        }
        SSLSession session = tls.engine().getSession();
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return Optional.of(host.getAsciiName());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ClientFailures.describe(cause, "[" + ctx.channel().id().asShortText() + "] during startup:", log)
                .ifPresentOrElse(error -> fatal(ctx, new ProtocolException(error.sqlState(), error.message())), ctx::close);
    }

    private void fatal(ChannelHandlerContext ctx, ProtocolException e) {
        deadline.cancel(false);
        Farewell.send(ctx.channel(), ErrorResponse.fatal(e.sqlState(), e.getMessage()).encode(ctx.alloc()));
    }
}
