package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.lifecycle.Wake;
import dev.pgwake.proxy.auth.AuthenticationException;
import dev.pgwake.proxy.cancel.Cancellable;
import dev.pgwake.proxy.config.PoolMode;
import dev.pgwake.proxy.config.PoolSettings;
import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.pool.PoolWaitTimeoutException;
import dev.pgwake.proxy.pool.PooledServer;
import dev.pgwake.proxy.pool.ServerPool;
import dev.pgwake.proxy.protocol.Authentication;
import dev.pgwake.proxy.protocol.BackendKeyData;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.ParameterStatus;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import dev.pgwake.proxy.protocol.Terminate;
import dev.pgwake.proxy.relay.Baselines;
import dev.pgwake.proxy.relay.Relay;
import dev.pgwake.routing.Route;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One client from authentication to disconnect. Its branch is woken as soon as the startup packet names
 * it, in parallel with authentication. With the branch's parameters cached, the client finishes its
 * handshake at once and only its first query waits for the wake (frames held, bounded); without them it
 * waits after authentication. A server connection is leased from the pool (branch, database, user) at the
 * first frame of a transaction and given back at ReadyForQuery('I') once nothing is outstanding
 * (transaction mode), or kept until the client leaves (session mode, or while a statement pins it).
 * When the branch goes to sleep an idle client lets go of its connection and the next query wakes the
 * branch again. Event loop only (the client's).
 */
final class ClientSession extends ChannelInboundHandlerAdapter implements Cancellable, Relay.Listener {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    /** AUTHENTICATING -> WAITING_FOR_BRANCH | IDLE -> CONNECTING -> ACTIVE -> IDLE ...; any -> CLOSED. */
    enum State { AUTHENTICATING, WAITING_FOR_BRANCH, IDLE, CONNECTING, ACTIVE, CLOSED }

    private final FrontendContext services;
    /** Its startup parameters are let go once the handshake is done (see {@link #completeHandshake}). */
    private Route route;
    /** The settings its startup packet asked for, from authentication until the handshake reports them. */
    private Map<String, String> startupSettings;
    private final String branch;
    private ScheduledFuture<?> loginDeadline;
    private final HeldFrames held;
    private final long startedNanos = System.nanoTime();
    private long bytesFromClient;
    private final ServerPool pool;
    private final SessionActivity activity;
    private State state = State.AUTHENTICATING;
    private ChannelHandlerContext ctx;
    private ClientLogin login;
    private CompletableFuture<Wake> firstWake;
    /** The wake this session waits for, until its completion is handled; a completion of another is stale. */
    private CompletableFuture<Wake> pendingWake;
    private Relay relay;
    private BackendKeyData key;
    /** Whether this client already woke its branch again after its server refused a connection (once per lease). */
    private boolean rewoken;

    ClientSession(FrontendContext services, Route route, ScheduledFuture<?> loginDeadline) {
        this.services = services;
        this.route = route;
        this.branch = route.branch().value();
        this.loginDeadline = loginDeadline;
        this.held = new HeldFrames(services.clientBuffer());
        this.pool = services.pools().pool(new PoolKey(branch, route.database(), route.user()));
        this.activity = new SessionActivity(services.branches(), branch);
    }

    private String id() {
        return "[" + ctx.channel().id().asShortText() + " " + route.user() + "@" + route.database() + " branch " + branch + "]";
    }

    private PoolSettings settings() {
        return pool.settings();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        firstWake = services.branches().ensureRunning(branch);
        if (!firstWake.isDone()) {
            CompletionStage<Endpoint> early = services.branches().earlyEndpoint(branch);
            if (early != null) { // the server login overlaps the end of the wake
                EventLoop loop = ctx.channel().eventLoop();
                early.thenAccept(at -> loop.execute(() -> pool.prewarm(loop, at)));
            }
        }
        services.sessions().add(branch, this);
        login = services.logins().begin(route.user());
        if (login.start(ctx)) {
            authenticated();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        pool.counters().fromClient(frame);
        bytesFromClient += frame.content().readableBytes();
        activity.clientFrame();
        switch (state) {
            case AUTHENTICATING -> authenticate(frame);
            case WAITING_FOR_BRANCH, CONNECTING -> hold(frame);
            case IDLE -> idle(frame);
            case ACTIVE -> sendToServer(frame);
            case CLOSED -> frame.release();
        }
    }

    /** The first frame of a request from a client that holds no server connection. */
    private void idle(Frame frame) {
        if (relay.answerWithoutServer(frame, pool::knows)) {
            return;
        }
        if (frame.type() == Terminate.TYPE) { // a goodbye wakes nothing
            hold(frame);
            return;
        }
        Endpoint running = pendingWake == null ? activity.begin() : null;
        PooledServer server = running == null ? null : pool.leaseNow(ctx.channel().eventLoop(), running);
        if (server != null) { // the branch is awake and a connection idle: no wait, no future
            relay.attach(server);
            transitionTo(State.ACTIVE);
            relay.fromClient(frame);
            return;
        }
        hold(frame);
        transitionTo(State.CONNECTING);
        if (running != null) {
            pool.lease(ctx.channel().eventLoop(), running).addListener(this::onLease);
        } else if (pendingWake == null) { // else the wake begun at startup is under way: its end connects
            connect(services.branches().ensureRunning(branch));
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
        Baselines baselines = services.baselines();
        startupSettings = StartupSettings.of(route.forwardedParameters());
        relay = new Relay(ctx, baselines.of(startupSettings), baselines, this);
        ctx.write(Authentication.ok(ctx.alloc()));
        Map<String, String> cached = services.branches().cachedParameters(branch);
        if (cached.isEmpty()) {
            ctx.flush();
            transitionTo(State.WAITING_FOR_BRANCH);
        } else {
            completeHandshake(cached);
            transitionTo(State.IDLE);
        }
        connect(firstWake);
        firstWake = null;
    }

    /**
     * The server's defaults, with what the client's own startup packet set reported with the client's values, as one
     * buffer of ParameterStatus messages; then BackendKeyData and ReadyForQuery.
     */
    private void completeHandshake(Map<String, String> serverParameters) {
        key = services.cancels().register(this);
        ByteBuf statuses = ctx.alloc().buffer();
        serverParameters.forEach((name, value) ->
                new ParameterStatus(name, told(startupSettings, name, value)).encodeTo(statuses));
        ctx.write(statuses);
        ctx.write(key.encode(ctx.alloc()));
        ctx.writeAndFlush(new ReadyForQuery(ReadyForQuery.IDLE).encode(ctx.alloc()));
        activity.quiet(ctx, settings(), this::idleTooLong);
        // memory per idle client: no startup parameters, and the user and database names its pool already keeps
        PoolKey shared = pool.key();
        route = new Route(route.branch(), route.source(), shared.user(), shared.database(), Map.of());
        startupSettings = null;
    }

    /** The value a client is told for a server parameter: its own startup setting of that name (any case), if any. */
    private static String told(Map<String, String> startup, String name, String serverValue) {
        String value = serverValue;
        for (Map.Entry<String, String> setting : startup.entrySet()) {
            if (setting.getKey().equalsIgnoreCase(name)) {
                value = setting.getValue();
            }
        }
        return value;
    }

    /** Waits for the wake, then leases a server connection (in IDLE only the wake: the lease comes with the first query). */
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
        pool.lease(ctx.channel().eventLoop(), wake.endpoint()).addListener(this::onLease);
    }

    private void onLease(Future<? super PooledServer> result) {
        boolean waiting = state == State.WAITING_FOR_BRANCH || state == State.CONNECTING;
        if (!result.isSuccess()) {
            if (waiting && !rewoken && result.cause().getCause() instanceof java.net.ConnectException) {
                // the compute died behind pgwake's back: the pool told its lifecycle, which now recovers it
                rewoken = true;
                log.info("{} branch's server refused a connection; waking it again", id());
                connect(services.branches().ensureRunning(branch));
                return;
            }
            if (waiting) {
                fatal(result.cause() instanceof PoolWaitTimeoutException timeout
                        ? ErrorResponse.fatal(timeout.sqlState(), timeout.getMessage())
                        : SessionErrors.serverLoginFailed(route, result.cause()));
            }
            return;
        }
        PooledServer server = (PooledServer) result.getNow();
        rewoken = false;
        if (!waiting) {
            pool.release(server);
            return;
        }
        if (state == State.WAITING_FOR_BRANCH) {
            services.branches().rememberParameters(branch, server.connection().parameters());
            completeHandshake(server.connection().parameters());
            if (held.isEmpty()) {
                pool.release(server);
                transitionTo(State.IDLE);
                return;
            }
        }
        relay.attach(server);
        transitionTo(State.ACTIVE);
        if (log.isDebugEnabled()) {
            log.debug("{} leased {}", id(), server);
        }
        held.drainTo(relay::fromClient, ctx.channel());
        relay.flush();
    }

    private void hold(Frame frame) {
        if (frame.type() == Terminate.TYPE) {
            frame.release();
            ctx.close();
            return;
        }
        activity.busy();
        held.add(frame, ctx.channel());
    }

    /** A new frame while the client holds its server connection. */
    private void sendToServer(Frame frame) {
        if (frame.type() == Terminate.TYPE) {
            frame.release();
            ctx.close(); // the connection goes back to the pool (or closes) when the session closes
            return;
        }
        boolean starts = relay.quiet();
        if (!activity.busy() && starts) {
            // The branch is on its way to sleep: let this connection go and wake the branch again for this request.
            pool.discard(relay.detach());
            held.add(frame, ctx.channel());
            transitionTo(State.CONNECTING);
            connect(services.branches().ensureRunning(branch));
            return;
        }
        relay.fromClient(frame);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.ACTIVE) {
            relay.flush();
        } else {
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (relay != null) {
            relay.clientWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void readyForQuery(byte status) {
        if (relay.awaiting()) {
            return;
        }
        if (status != ReadyForQuery.IDLE) {
            activity.idleInTransaction(ctx, settings(), this::idleTooLong);
            return;
        }
        activity.quiet(ctx, settings(), this::idleTooLong);
        if (settings().mode() == PoolMode.TRANSACTION && relay.pins().isEmpty()) {
            pool.release(relay.detach()); // detaching flushes what the client is owed
            transitionTo(State.IDLE);
        }
    }

    /** Past idle_transaction_timeout in a transaction, or client_idle_timeout without one. */
    private void idleTooLong(ErrorResponse error) {
        if (state == State.ACTIVE || state == State.IDLE) {
            log.info("{} {}", id(), error.message());
            fatal(error);
        }
    }

    @Override
    public void serverLost(boolean afterFatal, Throwable cause) {
        if (state != State.ACTIVE) {
            return;
        }
        pool.discard(relay.detach());
        if (afterFatal) {
            ctx.flush();
            ctx.close();
            transitionTo(State.CLOSED);
            return;
        }
        log.warn("{} server connection lost{}", id(), cause == null ? "" : ": " + cause.getMessage());
        fatal(SessionErrors.serverLost(route));
    }

    /** The branch is going to sleep: an idle client lets go of its server connection. Any thread. */
    CompletableFuture<Void> releaseServer() {
        CompletableFuture<Void> released = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            if (state == State.ACTIVE && relay.quiet()) {
                if (!relay.pins().isEmpty()) {
                    fatal(SessionErrors.pinnedAtSleep(route, relay.pins()));
                } else {
                    pool.discard(relay.detach());
                    transitionTo(State.IDLE);
                }
            }
            released.complete(null);
        });
        return released;
    }

    @Override
    public void requestCancel() {
        ctx.executor().execute(() -> {
            if (state == State.ACTIVE) {
                PooledServer server = relay.server();
                server.cancelling(services.canceller().cancel(ctx.channel().eventLoop(), server.endpoint(),
                        server.connection().key()));
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
            }
        }, ctx.channel());
        ctx.flush();
        activity.quiet(ctx, settings(), this::idleTooLong);
        transitionTo(State.IDLE);
    }

    // --- the operator's view (SHOW CLIENTS, KILL_CLIENT, graceful shutdown), through BranchSessions ---

    /** The client's channel: its id and event loop (any thread). */
    Channel channel() {
        return ctx.channel();
    }

    /** This session now, as SHOW CLIENTS shows it. Event loop only. */
    ClientSnapshot snapshot() {
        return ClientSnapshot.of(ctx.channel(), route, state, relay, startedNanos);
    }

    /**
     * Ends the session with a FATAL {@code error}; a server connection held mid-transaction is discarded. Event loop
     * only.
     */
    void terminate(ErrorResponse error) {
        fatal(error);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.CLOSED) {
            log.info("{} disconnected after {} ms ({} bytes from the client, {} relayed to it)", id(),
                    (System.nanoTime() - startedNanos) / 1_000_000, bytesFromClient, relay == null ? 0 : relay.relayedToClient());
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
        if (log.isDebugEnabled()) {
            log.debug("{} {} -> {}", id(), state, next);
        }
        State previous = state;
        state = next;
        if (previous == State.AUTHENTICATING) {
            endLogin();
        }
        if (next == State.CLOSED) {
            releaseAll();
        }
    }

    /** The login is over: its deadline and exchange are no longer needed (nor kept, per idle client). */
    private void endLogin() {
        if (loginDeadline != null) {
            loginDeadline.cancel(false);
            loginDeadline = null;
        }
        login = null;
    }

    private void releaseAll() {
        endLogin();
        held.releaseAll();
        services.sessions().remove(branch, this);
        services.pools().clientLeft();
        activity.closed();
        if (key != null) {
            services.cancels().unregister(key);
        }
        if (relay != null && relay.attached()) {
            boolean clean = relay.quiet() && relay.pins().isEmpty();
            PooledServer server = relay.detach();
            if (clean) {
                pool.release(server);
            } else {
                pool.discard(server); // mid-transaction, or holding session state another client must not inherit
            }
        }
    }
}
