package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.lifecycle.Wake;
import dev.pgwake.proxy.auth.AuthenticationException;
import dev.pgwake.proxy.backend.ServerConnection;
import dev.pgwake.proxy.cancel.Cancellable;
import dev.pgwake.proxy.protocol.Authentication;
import dev.pgwake.proxy.protocol.BackendKeyData;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.ParameterStatus;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import dev.pgwake.proxy.protocol.Terminate;
import dev.pgwake.routing.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One client from authentication to disconnect. Its branch is woken as soon as the startup packet names
 * it, in parallel with authentication. With the branch's parameters cached, the client finishes its
 * handshake at once and only its first query waits for the wake (frames held, bounded); without them it
 * waits after authentication. The server connection is the client's (session mode) until the branch goes
 * to sleep while the client is not busy: then it is let go and the client's next query wakes the branch
 * and gets a new one. Event loop only: server channels run on this client's event loop.
 */
final class ClientSession extends ChannelInboundHandlerAdapter implements Cancellable, ServerLink.Events {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    /** AUTHENTICATING -> WAITING_FOR_BRANCH | IDLE -> ACTIVE <-> IDLE / CONNECTING; any -> CLOSED. */
    enum State { AUTHENTICATING, WAITING_FOR_BRANCH, IDLE, CONNECTING, ACTIVE, CLOSED }

    private final FrontendContext services;
    private final Route route;
    private final String branch;
    private final ScheduledFuture<?> loginDeadline;
    private final HeldFrames held;
    private final TransactionTracker tracker = new TransactionTracker();
    private final Map<String, String> told = new LinkedHashMap<>();
    private final long startedNanos = System.nanoTime();
    private State state = State.AUTHENTICATING;
    private ChannelHandlerContext ctx;
    private ClientLogin login;
    private CompletableFuture<Wake> firstWake;
    /** The wake this session waits for, until its completion is handled; a completion of another is stale. */
    private CompletableFuture<Wake> pendingWake;
    private ServerLink server;
    private BackendKeyData key;

    ClientSession(FrontendContext services, Route route, ScheduledFuture<?> loginDeadline) {
        this.services = services;
        this.route = route;
        this.branch = route.branch().value();
        this.loginDeadline = loginDeadline;
        this.held = new HeldFrames(services.clientBuffer());
    }

    private String id() {
        return "[" + ctx.channel().id().asShortText() + " " + route.user() + "@" + route.database() + " branch " + branch + "]";
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        firstWake = services.branches().ensureRunning(branch);
        services.sessions().add(branch, this);
        login = services.logins().begin(route.user());
        if (login.start(ctx)) {
            authenticated();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        switch (state) {
            case AUTHENTICATING -> authenticate(frame);
            case WAITING_FOR_BRANCH, CONNECTING -> hold(frame);
            case IDLE -> {
                boolean leaving = frame.type() == Terminate.TYPE; // a goodbye wakes nothing
                hold(frame);
                if (state == State.IDLE && !leaving) {
                    transitionTo(State.CONNECTING);
                    if (pendingWake == null) { // else the wake begun at startup is under way: its end connects
                        connect(services.branches().ensureRunning(branch));
                    }
                }
            }
            case ACTIVE -> sendToServer(frame);
            case CLOSED -> frame.release();
        }
    }

    private void authenticate(Frame frame) {
        try {
            if (login.accept(frame, ctx)) {
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
        ctx.write(Authentication.ok(ctx.alloc()));
        Map<String, String> cached = services.branches().cachedParameters(branch);
        if (cached.isEmpty()) {
            ctx.flush();
            transitionTo(State.WAITING_FOR_BRANCH);
        } else {
            told.putAll(cached);
            route.forwardedParameters().forEach(this::overlayStartupParameter);
            completeHandshake(ReadyForQuery.IDLE);
            transitionTo(State.IDLE);
        }
        connect(firstWake);
        firstWake = null;
    }

    /** A parameter the client set in its startup packet is reported with the client's value, as the server would. */
    private void overlayStartupParameter(String name, String value) {
        told.keySet().stream().filter(known -> known.equalsIgnoreCase(name)).findFirst()
                .ifPresent(known -> told.put(known, value));
    }

    private void completeHandshake(byte transactionStatus) {
        key = services.cancels().register(this);
        told.forEach((name, value) -> ctx.write(new ParameterStatus(name, value).encode(ctx.alloc())));
        ctx.write(key.encode(ctx.alloc()));
        ctx.writeAndFlush(new ReadyForQuery(transactionStatus).encode(ctx.alloc()));
    }

    /** Waits for the wake, then opens a server connection (in IDLE only the wake: the connection comes with the first query). */
    private void connect(CompletableFuture<Wake> wake) {
        pendingWake = wake;
        wake.whenComplete((woke, error) -> ctx.executor().execute(() -> onWake(wake, woke, error)));
    }

    private void onWake(CompletableFuture<Wake> completed, Wake wake, Throwable error) {
        if (completed != pendingWake) {
            return;
        }
        pendingWake = null;
        if (state != State.WAITING_FOR_BRANCH && state != State.CONNECTING) {
            return;
        }
        if (error != null) {
            log.info("{} wake failed: {}", id(), error.getMessage());
            fatal(SessionErrors.wakeFailed(route, error));
            return;
        }
        if (wake.kind() != ResumeKind.NONE) {
            log.info("{} branch woke: {} resume in {} ms", id(), wake.kind(), wake.took().toMillis());
        }
        String serverUser = services.config().server().serverUser(route.user());
        Map<String, String> startup = new LinkedHashMap<>(route.forwardedParameters());
        startup.put("user", serverUser);
        services.connector().connect(ctx.channel().eventLoop(), wake.endpoint(), startup,
                services.config().server().passwordFor(serverUser)).addListener(this::onServer);
    }

    private void onServer(Future<? super ServerConnection> result) {
        boolean waiting = state == State.WAITING_FOR_BRANCH || state == State.CONNECTING;
        if (!result.isSuccess()) {
            if (waiting) {
                fatal(SessionErrors.serverLoginFailed(route, result.cause()));
            }
            return;
        }
        ServerConnection connection = (ServerConnection) result.getNow();
        if (!waiting) {
            connection.channel().close();
            return;
        }
        server = new ServerLink(connection, ctx, this);
        if (state == State.WAITING_FOR_BRANCH) {
            told.putAll(connection.parameters());
            services.branches().rememberParameters(branch, connection.parameters());
            completeHandshake(connection.transactionStatus());
        } else {
            reportChangedParameters(connection.parameters());
        }
        transitionTo(State.ACTIVE);
        log.info("{} connected to {}", id(), connection);
        held.drainTo(server::toServer, ctx.channel());
        server.flushToServer();
        ctx.flush();
    }

    /** The client was told cached values; where the new server's differ, it hears the server's, as after a SET. */
    private void reportChangedParameters(Map<String, String> actual) {
        actual.forEach((name, value) -> {
            if (!value.equals(told.put(name, value))) {
                ctx.write(new ParameterStatus(name, value).encode(ctx.alloc()));
            }
        });
    }

    private void hold(Frame frame) {
        if (frame.type() == Terminate.TYPE) {
            frame.release();
            ctx.close();
            return;
        }
        noteClientFrame(frame.type());
        held.add(frame, ctx.channel());
    }

    /** A new frame while the client has its server connection. */
    private void sendToServer(Frame frame) {
        if (frame.type() == Terminate.TYPE) {
            // The client is leaving: the server connection gets its own Terminate when the session closes.
            frame.release();
            ctx.close();
            return;
        }
        boolean starts = !tracker.busy();
        tracker.clientFrame(frame.type());
        if (starts && !services.branches().activityStarted(branch)) {
            // The branch is on its way to sleep: let this connection go and wake the branch again for this request.
            releaseServerNow();
            held.add(frame, ctx.channel());
            transitionTo(State.CONNECTING);
            connect(services.branches().ensureRunning(branch));
            return;
        }
        server.toServer(frame);
    }

    /** Counts a frame that waits for a server; the first of a request makes the branch busy. */
    private void noteClientFrame(byte type) {
        boolean wasBusy = tracker.busy();
        tracker.clientFrame(type);
        if (!wasBusy && tracker.busy()) {
            services.branches().activityStarted(branch);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.ACTIVE) {
            server.flushToServer();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (server != null) {
            server.clientWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void readyForQuery(byte transactionStatus) {
        boolean wasBusy = tracker.busy();
        tracker.readyForQuery(transactionStatus);
        if (wasBusy && !tracker.busy()) {
            services.branches().activityEnded(branch);
        }
    }

    @Override
    public void lost(boolean afterFatal, Throwable cause) {
        if (state != State.ACTIVE) {
            return;
        }
        if (afterFatal) {
            ctx.flush();
            ctx.close();
            transitionTo(State.CLOSED);
            return;
        }
        log.warn("{} server connection {} lost{}", id(), server, cause == null ? "" : ": " + cause.getMessage());
        fatal(SessionErrors.serverLost(route));
    }

    /** The branch is going to sleep: an idle client lets go of its server connection. Any thread. */
    CompletableFuture<Void> releaseServer() {
        CompletableFuture<Void> released = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            if (state == State.ACTIVE && !tracker.busy()) {
                releaseServerNow();
                transitionTo(State.IDLE);
            }
            released.complete(null);
        });
        return released;
    }

    private void releaseServerNow() {
        server.release();
        server = null;
    }

    @Override
    public void requestCancel() {
        ctx.executor().execute(() -> {
            if (state == State.ACTIVE) {
                services.canceller().cancel(ctx.channel().eventLoop(), server.connection().endpoint(), server.connection().key());
            } else if (state == State.CONNECTING) {
                cancelWhileWaking();
            }
        });
    }

    /** Ends a wait for a waking branch: each held request is answered with 57014; the wake itself goes on. */
    private void cancelWhileWaking() {
        held.drainTo(frame -> {
            byte type = frame.type();
            frame.release();
            if (type == 'Q' || type == 'S' || type == 'F') {
                ctx.write(SessionErrors.canceledWhileWaking(route).encode(ctx.alloc()));
                ctx.write(new ReadyForQuery(ReadyForQuery.IDLE).encode(ctx.alloc()));
                readyForQuery(ReadyForQuery.IDLE);
            }
        }, ctx.channel());
        ctx.flush();
        transitionTo(State.IDLE);
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
        ClientFailures.describe(cause, id(), log).ifPresentOrElse(this::fatal, ctx::close);
    }

    /** Sends a FATAL error and closes; the one way a session ends on pgwake's initiative. */
    private void fatal(ErrorResponse error) {
        if (state == State.CLOSED) {
            return;
        }
        Farewell.send(ctx.channel(), error.encode(ctx.alloc()));
        transitionTo(State.CLOSED);
    }

    /** Every state change goes through here; entering CLOSED releases everything the session holds. */
    private void transitionTo(State next) {
        if (state == next) {
            return;
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("session already closed, cannot become " + next);
        }
        log.debug("{} {} -> {}", id(), state, next);
        State previous = state;
        state = next;
        if (previous == State.AUTHENTICATING) {
            loginDeadline.cancel(false);
        }
        if (next == State.CLOSED) {
            releaseAll();
        }
    }

    private void releaseAll() {
        loginDeadline.cancel(false);
        held.releaseAll();
        services.sessions().remove(branch, this);
        if (tracker.busy()) {
            services.branches().activityEnded(branch);
        }
        if (key != null) {
            services.cancels().unregister(key);
        }
        if (server != null) {
            releaseServerNow();
        }
    }
}
