package dev.pgwake.proxy.admin;

import dev.pgwake.proxy.Main;
import dev.pgwake.proxy.auth.AuthenticationException;
import dev.pgwake.proxy.frontend.ClientLogin;
import dev.pgwake.proxy.frontend.ClientFailures;
import dev.pgwake.proxy.frontend.Farewell;
import dev.pgwake.proxy.frontend.FrontendContext;
import dev.pgwake.proxy.protocol.Authentication;
import dev.pgwake.proxy.protocol.BackendKeyData;
import dev.pgwake.proxy.protocol.EmptyQueryResponse;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.ParameterStatus;
import dev.pgwake.proxy.protocol.ProtocolException;
import dev.pgwake.proxy.protocol.Query;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.proxy.protocol.Terminate;
import dev.pgwake.routing.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One admin's console connection: authentication as for every client, then the simple query protocol.
 * Each statement runs on the branch coordinator's futures; its answer is written back on this event loop
 * when the future completes, and frames that arrive meanwhile wait in order (reading pauses until they are
 * handled). Extended-protocol messages get 0A000 and everything up to Sync is skipped, as the server skips
 * after an error. Event loop only.
 */
final class AdminSession extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AdminSession.class);

    /** What the console reports at login; server_version tells psql and pgjdbc which protocol features to use. */
    static final List<ParameterStatus> PARAMETERS = List.of(new ParameterStatus("server_version", "15.0 (pgwake console)"),
            new ParameterStatus("server_encoding", "UTF8"), new ParameterStatus("client_encoding", "UTF8"),
            new ParameterStatus("DateStyle", "ISO, MDY"), new ParameterStatus("integer_datetimes", "on"),
            new ParameterStatus("standard_conforming_strings", "on"));
    private static final String VERSION = "pgwake " + Main.VERSION;

    private static final byte PARSE = 'P';
    private static final byte BIND = 'B';
    private static final byte DESCRIBE = 'D';
    private static final byte EXECUTE = 'E';
    private static final byte CLOSE = 'C';
    private static final byte SYNC = 'S';
    private static final byte FLUSH = 'H';
    private static final byte FUNCTION_CALL = 'F';
    private static final byte COPY_DATA = 'd';
    private static final byte COPY_DONE = 'c';
    private static final byte COPY_FAIL = 'f';

    /**
     * AUTHENTICATING -> IDLE <-> RUNNING (a query's statements in progress), IDLE <-> SKIPPING_TO_SYNC (after an
     * extended-protocol message); any -> CLOSED.
     */
    enum State { AUTHENTICATING, IDLE, RUNNING, SKIPPING_TO_SYNC, CLOSED }

    private final FrontendContext services;
    private final Route route;
    private final ScheduledFuture<?> loginDeadline;
    private final CommandParser parser = new CommandParser(VERSION);
    private final Operations operations;
    /** Frames read while a query runs, handled in order once it is done. */
    private final ArrayDeque<Frame> pending = new ArrayDeque<>();
    /** The statements of the running query not started yet. */
    private final ArrayDeque<AdminCommand> statements = new ArrayDeque<>();
    private final long startedNanos = System.nanoTime();
    private State state = State.AUTHENTICATING;
    private ChannelHandlerContext ctx;
    private ClientLogin login;
    private BackendKeyData key;

    AdminSession(FrontendContext services, Route route, ScheduledFuture<?> loginDeadline) {
        this.services = services;
        this.route = route;
        this.loginDeadline = loginDeadline;
        this.operations = new Operations(new BranchOperations(services.branches(), services.sessions(),
                services.pools()::serverConnections),
                new PoolOperations(services.pools(), services.sessions(), () -> services.config().shutdownTimeout()),
                services.control());
    }

    private String id() {
        return "[" + ctx.channel().id().asShortText() + " " + route.user() + "@" + AdminConsole.DATABASE + " console]";
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
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
            case CLOSED -> frame.release();
            default -> {
                pending.add(frame);
                handlePending();
            }
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

    /** Admins get the console; anyone else, authenticated or not, learns no more than that they are not one. */
    private void authenticated() {
        if (!services.config().admin().isAdmin(route.user())) {
            log.info("{} refused: not in admin.users", id());
            fatal(ErrorResponse.fatal(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for the pgwake console: user \""
                    + route.user() + "\" is not in admin.users").withHint("list the user under admin.users in the configuration"));
            return;
        }
        key = services.cancels().register(() -> log.debug("{} cancel request ignored: console statements run to the end", id()));
        ctx.write(Authentication.ok(ctx.alloc()));
        PARAMETERS.forEach(parameter -> ctx.write(parameter.encode(ctx.alloc())));
        ctx.write(key.encode(ctx.alloc()));
        ctx.writeAndFlush(new ReadyForQuery(ReadyForQuery.IDLE).encode(ctx.alloc()));
        transitionTo(State.IDLE);
    }

    /** Handles waiting frames until a query starts running; reading pauses while one runs. */
    private void handlePending() {
        while ((state == State.IDLE || state == State.SKIPPING_TO_SYNC) && !pending.isEmpty()) {
            Frame frame = pending.poll();
            try {
                handle(frame);
            } catch (RuntimeException e) {
                failed(e);
            } finally {
                frame.release();
            }
        }
        if (state != State.CLOSED) {
            ctx.flush();
            ctx.channel().config().setAutoRead(state != State.RUNNING);
        }
    }

    private void handle(Frame frame) {
        byte type = frame.type();
        if (type == Terminate.TYPE) {
            ctx.close();
            transitionTo(State.CLOSED);
        } else if (state == State.SKIPPING_TO_SYNC) {
            if (type == SYNC) {
                readyForQuery();
            }
        } else if (type == Query.TYPE) {
            query(Query.decode(frame.body()).sql());
        } else if (type == SYNC) {
            readyForQuery();
        } else if (type == PARSE || type == BIND || type == DESCRIBE || type == EXECUTE || type == CLOSE) {
            ctx.write(ConsoleErrors.extendedProtocol().encode(ctx.alloc()));
            transitionTo(State.SKIPPING_TO_SYNC);
        } else if (type == FUNCTION_CALL) {
            ctx.write(ConsoleErrors.extendedProtocol().encode(ctx.alloc()));
            readyForQuery();
        } else if (type != FLUSH && type != COPY_DATA && type != COPY_DONE && type != COPY_FAIL) {
            // Flush has nothing to flush; copy messages outside a COPY are ignored, as PostgreSQL ignores them.
            throw ProtocolException.violation("invalid frontend message type '" + (char) type + "' for the pgwake console");
        }
    }

    private void query(String sql) {
        try {
            statements.addAll(parser.parseAll(sql));
        } catch (CommandException e) {
            log.info("{} refused \"{}\": {}", id(), sql, e.getMessage());
            ctx.write(ConsoleErrors.of(e).encode(ctx.alloc()));
            readyForQuery();
            return;
        }
        if (statements.isEmpty()) {
            ctx.write(EmptyQueryResponse.encode(ctx.alloc()));
            readyForQuery();
            return;
        }
        transitionTo(State.RUNNING);
        runNext();
    }

    private void runNext() {
        AdminCommand command = statements.poll();
        if (command instanceof AdminCommand.Set) {
            log.debug("{} {}", id(), command); // drivers send these on every connection
        } else {
            log.info("{} {}", id(), command);
        }
        CompletableFuture<ResultSet> result;
        try {
            result = command.run(operations);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((rows, error) -> ctx.executor().execute(() -> {
            try {
                finished(command, rows, error);
            } catch (RuntimeException e) {
                failed(e);
            }
        }));
    }

    /** A statement's future completed; back on the event loop. */
    private void finished(AdminCommand command, ResultSet rows, Throwable error) {
        if (state != State.RUNNING) {
            return; // the admin left meanwhile
        }
        if (error != null) {
            ErrorResponse response = ConsoleErrors.of(error);
            log.info("{} {} failed: {} {}", id(), command, response.sqlState(), response.message());
            statements.clear();
            ctx.write(response.encode(ctx.alloc()));
        } else {
            ctx.writeAndFlush(ResultSetWriter.encode(rows, ctx.alloc()));
            command.answered(operations);
        }
        if (statements.isEmpty()) {
            readyForQuery();
            handlePending();
        } else {
            ctx.flush();
            runNext();
        }
    }

    private void readyForQuery() {
        ctx.write(new ReadyForQuery(ReadyForQuery.IDLE).encode(ctx.alloc()));
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
        failed(cause);
    }

    private void failed(Throwable cause) {
        ClientFailures.describe(cause, id(), log).ifPresentOrElse(this::fatal, () -> {
            ctx.close();
            transitionTo(State.CLOSED);
        });
    }

    /** Sends a FATAL error and closes. */
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
            throw new IllegalStateException("console session already closed, cannot become " + next);
        }
        log.debug("{} {} -> {}", id(), state, next);
        State previous = state;
        state = next;
        if (previous == State.AUTHENTICATING) {
            loginDeadline.cancel(false);
        }
        if (next == State.CLOSED) {
            loginDeadline.cancel(false);
            pending.forEach(Frame::release);
            pending.clear();
            statements.clear();
            if (key != null) {
                services.cancels().unregister(key);
            }
        }
    }
}
