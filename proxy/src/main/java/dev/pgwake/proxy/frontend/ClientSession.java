package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.proxy.auth.AuthenticationException;
import dev.pgwake.proxy.backend.ServerConnection;
import dev.pgwake.proxy.backend.ServerLoginException;
import dev.pgwake.proxy.cancel.Cancellable;
import dev.pgwake.proxy.protocol.Authentication;
import dev.pgwake.proxy.protocol.BackendKeyData;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.ParameterStatus;
import dev.pgwake.proxy.protocol.PasswordMessage;
import dev.pgwake.proxy.protocol.ProtocolException;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.proxy.protocol.Terminate;
import dev.pgwake.routing.Route;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * One client from authentication to disconnect: authenticates it, waits for its branch's endpoint (asked
 * for at startup, in parallel with authentication), logs in to a server, then relays frames both ways
 * (session mode). Event loop only: the server channel runs on this client's event loop.
 */
final class ClientSession extends ChannelInboundHandlerAdapter implements Cancellable {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    /** Bytes a client may send before its server is ready; past this, reading from it stops. */
    static final int HOLD_LIMIT = 1 << 20;

    enum State { AUTHENTICATING, WAITING_FOR_SERVER, RELAYING, CLOSED }

    private final FrontendContext services;
    private final Route route;
    private final io.netty.util.concurrent.ScheduledFuture<?> loginDeadline;
    private final ArrayDeque<Frame> held = new ArrayDeque<>();
    private final long startedNanos = System.nanoTime();
    private State state = State.AUTHENTICATING;
    private ChannelHandlerContext ctx;
    private ClientLogin login;
    private java.util.concurrent.CompletableFuture<Endpoint> endpoint;
    private ServerConnection server;
    private BackendKeyData key;
    private int heldBytes;
    private boolean serverSentFatal;

    ClientSession(FrontendContext services, Route route, io.netty.util.concurrent.ScheduledFuture<?> loginDeadline) {
        this.services = services;
        this.route = route;
        this.loginDeadline = loginDeadline;
    }

    private String id() {
        return "[" + ctx.channel().id().asShortText() + " " + route.user() + "@" + route.database() + " branch "
                + route.branch() + "]";
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        endpoint = services.driver().ensureRunning(route.branch().value());
        login = services.logins().begin(route.user());
        ByteBuf first = login.firstRequest(ctx.alloc());
        if (first == null) {
            authenticated();
        } else {
            ctx.writeAndFlush(first);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        switch (state) {
            case AUTHENTICATING -> authenticate(frame);
            case WAITING_FOR_SERVER -> hold(frame);
            case RELAYING -> relayToServer(frame);
            case CLOSED -> frame.release();
        }
    }

    private void authenticate(Frame frame) {
        try {
            if (frame.type() != PasswordMessage.TYPE) {
                throw ProtocolException.violation("expected a password response, got message type '" + (char) frame.type() + "'");
            }
            ByteBuf next = login.respond(frame.body(), ctx.alloc());
            if (next != null) {
                ctx.writeAndFlush(next);
            }
            if (login.done()) { // SCRAM ends with a message (AuthenticationSASLFinal), md5 without one
                log.info("{} authenticated ({})", id(), login.method());
                authenticated();
            }
        } catch (AuthenticationException e) {
            log.info("{} authentication failed: {}", id(), e.getMessage());
            fatal(ErrorResponse.fatal(e.sqlState(), e.getMessage()));
        } finally {
            frame.release();
        }
    }

    private void authenticated() {
        ctx.writeAndFlush(Authentication.ok(ctx.alloc()));
        transitionTo(State.WAITING_FOR_SERVER);
        endpoint.whenComplete((ep, error) -> ctx.executor().execute(() -> onEndpoint(ep, error)));
    }

    private void onEndpoint(Endpoint ep, Throwable error) {
        if (state != State.WAITING_FOR_SERVER) {
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            String sqlState = cause instanceof LifecycleException le ? le.sqlState() : SqlState.CANNOT_CONNECT_NOW;
            fatal(ErrorResponse.fatal(sqlState, cause instanceof LifecycleException ? cause.getMessage()
                    : "branch \"" + route.branch() + "\" cannot be woken: " + cause.getMessage()));
            return;
        }
        String serverUser = services.config().server().serverUser(route.user());
        Map<String, String> startup = new java.util.LinkedHashMap<>(route.forwardedParameters());
        startup.put("user", serverUser);
        services.connector().connect(ctx.channel().eventLoop(), ep, startup, services.config().server().passwordFor(serverUser))
                .addListener(this::onServer);
    }

    private void onServer(Future<? super ServerConnection> result) {
        if (!result.isSuccess()) {
            serverLoginFailed(result.cause());
            return;
        }
        ServerConnection connection = (ServerConnection) result.getNow();
        if (state != State.WAITING_FOR_SERVER) {
            connection.channel().close();
            return;
        }
        server = connection;
        server.channel().pipeline().addLast("relay", new ServerRelayHandler(this));
        key = services.cancels().register(this);
        connection.parameters().forEach((name, value) -> ctx.write(new ParameterStatus(name, value).encode(ctx.alloc())));
        ctx.write(key.encode(ctx.alloc()));
        ctx.write(new ReadyForQuery(connection.transactionStatus()).encode(ctx.alloc()));
        transitionTo(State.RELAYING);
        log.info("{} connected to {}", id(), connection);
        while (!held.isEmpty()) {
            server.channel().write(held.poll().content());
        }
        heldBytes = 0;
        server.channel().flush();
        ctx.flush();
        ctx.channel().config().setAutoRead(true);
    }

    private void serverLoginFailed(Throwable cause) {
        if (state != State.WAITING_FOR_SERVER) {
            return;
        }
        if (cause instanceof ServerLoginException e && e.serverError() != null) {
            ErrorResponse error = e.serverError();
            if (error.sqlState().startsWith("28")) {
                fatal(ErrorResponse.fatal(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "pgwake could not log in to branch \""
                        + route.branch() + "\" as its configured server user: " + error.message()));
            } else {
                fatal(new ErrorResponse("FATAL", error.sqlState(), error.message(), error.detail(), error.hint()));
            }
            return;
        }
        String sqlState = cause instanceof ServerLoginException e ? e.sqlState() : SqlState.CONNECTION_FAILURE;
        fatal(ErrorResponse.fatal(sqlState, "branch \"" + route.branch() + "\": " + cause.getMessage()));
    }

    private void hold(Frame frame) {
        if (frame.type() == Terminate.TYPE) {
            frame.release();
            ctx.close();
            return;
        }
        held.add(frame);
        heldBytes += frame.content().readableBytes();
        if (heldBytes > HOLD_LIMIT) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void relayToServer(Frame frame) {
        Channel channel = server.channel();
        channel.write(frame.content(), channel.voidPromise());
        if (!channel.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.RELAYING) {
            server.channel().flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (server != null) {
            server.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    void serverFrame(Frame frame) {
        if (state != State.RELAYING) {
            frame.release();
            return;
        }
        if (frame.type() == ErrorResponse.TYPE && isFatal(frame)) {
            serverSentFatal = true;
        }
        ctx.write(frame.content(), ctx.voidPromise());
        if (!ctx.channel().isWritable()) {
            server.channel().config().setAutoRead(false);
        }
    }

    private static boolean isFatal(Frame frame) {
        String severity = ErrorResponse.fields(frame.body()).getOrDefault('V', "");
        return severity.equals("FATAL") || severity.equals("PANIC");
    }

    void serverReadComplete() {
        ctx.flush();
    }

    void serverWritabilityChanged(boolean writable) {
        if (state == State.RELAYING) {
            ctx.channel().config().setAutoRead(writable);
        }
    }

    void serverClosed(Throwable cause) {
        if (state != State.RELAYING) {
            return;
        }
        if (serverSentFatal) {
            ctx.flush();
            ctx.close();
            transitionTo(State.CLOSED);
            return;
        }
        log.warn("{} server connection {} lost{}", id(), server, cause == null ? "" : ": " + cause.getMessage());
        fatal(ErrorResponse.fatal(SqlState.CONNECTION_FAILURE, "server connection for branch \"" + route.branch()
                + "\" closed unexpectedly: the server process ended or the connection was cut"));
    }

    @Override
    public void requestCancel() {
        ctx.executor().execute(() -> {
            if (state == State.RELAYING) {
                services.canceller().cancel(ctx.channel().eventLoop(), server.endpoint(), server.key());
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.CLOSED) {
            log.info("{} disconnected after {} ms", id(), (System.nanoTime() - startedNanos) / 1_000_000);
        }
        transitionTo(State.CLOSED);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolException e) {
            log.info("{} protocol violation: {}", id(), e.getMessage());
            fatal(ErrorResponse.fatal(e.sqlState(), e.getMessage()));
        } else if (root instanceof IOException) {
            log.debug("{} connection error: {}", id(), root.getMessage());
            ctx.close();
        } else {
            log.error("{} internal error", id(), root);
            fatal(ErrorResponse.fatal(SqlState.INTERNAL_ERROR, "pgwake internal error: " + root));
        }
    }

    /** Sends a FATAL error and closes; the one way a session ends on pgwake's initiative. */
    private void fatal(ErrorResponse error) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.RELAYING) {
            ctx.flush();
        }
        ctx.writeAndFlush(error.encode(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
        transitionTo(State.CLOSED);
    }

    /** Every state change goes through here; leaving for CLOSED releases everything the session holds. */
    private void transitionTo(State next) {
        if (state == next) {
            return;
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("session already closed, cannot become " + next);
        }
        log.debug("{} {} -> {}", id(), state, next);
        state = next;
        if (next == State.CLOSED) {
            releaseAll();
        } else if (next != State.AUTHENTICATING) {
            loginDeadline.cancel(false);
        }
    }

    private void releaseAll() {
        loginDeadline.cancel(false);
        Frame frame;
        while ((frame = held.poll()) != null) {
            frame.release();
        }
        heldBytes = 0;
        if (key != null) {
            services.cancels().unregister(key);
        }
        if (server != null && server.channel().isActive()) {
            server.channel().writeAndFlush(Terminate.encode(server.channel().alloc())).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
