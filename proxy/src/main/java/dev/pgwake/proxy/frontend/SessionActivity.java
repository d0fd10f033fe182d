package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.config.PoolSettings;
import dev.pgwake.proxy.protocol.ErrorResponse;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client's requests as activity of its branch (a branch with activity never steps down to sleep), from
 * the first frame of a request to the ReadyForQuery that leaves nothing outstanding, and the timers that
 * end a client idle too long: {@code idle_transaction_timeout} inside a transaction,
 * {@code client_idle_timeout} outside one. Event loop only.
 */
final class SessionActivity {
    private static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";
    private static final String IDLE_SESSION_TIMEOUT = "57P05";

    private final Branches branches;
    private final String branch;
    private boolean counted;
    private ScheduledFuture<?> idleTimer;

    SessionActivity(Branches branches, String branch) {
        this.branches = branches;
        this.branch = branch;
    }

    /** Any frame from the client: it is not idle. */
    void clientFrame() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    /**
     * A request begins (or goes on). False when it begins while the branch sleeps or is on its way to sleep:
     * the caller must wake it before using its compute.
     */
    boolean busy() {
        if (counted) {
            return true;
        }
        counted = true;
        return branches.activityStarted(branch);
    }

    /**
     * A request begins, as {@link #busy}: the endpoint of the branch's running compute, or null when the
     * branch sleeps or is on its way to sleep (the caller wakes it).
     */
    Endpoint begin() {
        if (counted) {
            return branches.runningEndpoint(branch);
        }
        counted = true;
        return branches.activityStartedAt(branch);
    }

    /** Nothing is outstanding and no transaction is open. */
    void quiet(ChannelHandlerContext ctx, PoolSettings settings, Consumer<ErrorResponse> timeout) {
        end();
        Duration after = settings.clientIdleTimeout();
        if (!after.isZero()) {
            arm(ctx, after, timeout, () -> ErrorResponse.fatal(IDLE_SESSION_TIMEOUT,
                    "terminating connection due to client_idle_timeout (" + after.toMillis() + " ms)"));
        }
    }

    /** Every request is answered but a transaction is open: the branch stays busy, the client may idle in it. */
    void idleInTransaction(ChannelHandlerContext ctx, PoolSettings settings, Consumer<ErrorResponse> timeout) {
        Duration after = settings.idleTransactionTimeout();
        if (!after.isZero()) {
            arm(ctx, after, timeout, () -> ErrorResponse.fatal(IDLE_IN_TRANSACTION_TIMEOUT,
                    "terminating connection due to idle_transaction_timeout (" + after.toMillis()
                            + " ms): the transaction is rolled back and its server connection closed"));
        }
    }

    private void arm(ChannelHandlerContext ctx, Duration after, Consumer<ErrorResponse> timeout,
                     Supplier<ErrorResponse> error) {
        clientFrame();
        idleTimer = ctx.executor().schedule(() -> timeout.accept(error.get()), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void end() {
        if (counted) {
            counted = false;
            branches.activityEnded(branch);
        }
    }

    void closed() {
        clientFrame();
        end();
    }
}
