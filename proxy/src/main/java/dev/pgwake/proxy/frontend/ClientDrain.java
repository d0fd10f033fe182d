package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The clients' part of a graceful shutdown, once pgwake accepts no new clients: every client that is not busy gets
 * FATAL 57P01 "pgwake is shutting down" and is closed at once; a busy one (its server connection mid-request or
 * mid-transaction) is let finish and is closed the same way as soon as it is not busy any more, or at the deadline.
 * Blocks the calling thread, which must not be an event loop.
 */
public final class ClientDrain {
    private static final Logger log = LoggerFactory.getLogger(ClientDrain.class);
    static final ErrorResponse SHUTTING_DOWN = ErrorResponse.fatal(SqlState.ADMIN_SHUTDOWN, "pgwake is shutting down");
    /** How often busy clients are looked at again. */
    private static final long POLL_MILLIS = 10;

    private final BranchSessions sessions;

    public ClientDrain(BranchSessions sessions) {
        this.sessions = sessions;
    }

    /** Returns once every client is told and closed, the last ones at {@code deadlineNanos} (System.nanoTime). */
    public void run(long deadlineNanos) {
        List<ClientSnapshot> busy = round(false);
        if (!busy.isEmpty()) {
            log.info("letting {} busy client(s) finish before closing them", busy.size());
        }
        while (!busy.isEmpty() && System.nanoTime() - deadlineNanos < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            busy = round(false);
        }
        if (!busy.isEmpty()) {
            log.warn("shutdown_timeout: closing {} client(s) still in a transaction", busy.size());
            round(true);
        }
    }

    /** Closes the clients that are not busy (all of them when {@code all}); the busy ones left. */
    private List<ClientSnapshot> round(boolean all) {
        try {
            return sessions.terminateQuiet(SHUTTING_DOWN, all).get(POLL_MILLIS * 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("closing clients at shutdown failed: {}", e.toString());
            return List.of();
        }
    }
}
