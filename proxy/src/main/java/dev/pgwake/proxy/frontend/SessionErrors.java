package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.proxy.backend.ServerLoginException;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.routing.Route;

import java.util.concurrent.CompletionException;

/** What a client is told when its branch cannot be woken or its server connection cannot be made. */
final class SessionErrors {
    private SessionErrors() {
    }

    static ErrorResponse wakeFailed(Route route, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof LifecycleException e) {
            return ErrorResponse.fatal(e.sqlState(), e.getMessage());
        }
        return ErrorResponse.fatal(SqlState.CANNOT_CONNECT_NOW,
                "branch \"" + route.branch() + "\" cannot be woken: " + cause.getMessage());
    }

    /**
     * The server's own error passes through (unknown database, too many connections ...), except a failed
     * login of pgwake's configured server user, which must not look like the client's wrong password.
     */
    static ErrorResponse serverLoginFailed(Route route, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ServerLoginException e && e.serverError() != null) {
            ErrorResponse server = e.serverError();
            if (server.sqlState().startsWith("28")) {
                return ErrorResponse.fatal(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "pgwake could not log in to branch \""
                        + route.branch() + "\" as its configured server user: " + server.message());
            }
            return new ErrorResponse("FATAL", server.sqlState(), server.message(), server.detail(), server.hint());
        }
        String sqlState = cause instanceof ServerLoginException e ? e.sqlState() : SqlState.CONNECTION_FAILURE;
        return ErrorResponse.fatal(sqlState, "branch \"" + route.branch() + "\": " + cause.getMessage());
    }

    static ErrorResponse serverLost(Route route) {
        return ErrorResponse.fatal(SqlState.CONNECTION_FAILURE, "server connection for branch \"" + route.branch()
                + "\" closed unexpectedly: the server process ended or the connection was cut");
    }

    static ErrorResponse pinnedAtSleep(Route route, java.util.Set<dev.pgwake.proxy.relay.PinReason> pins) {
        return ErrorResponse.fatal(SqlState.ADMIN_SHUTDOWN, "branch \"" + route.branch() + "\" is going to sleep and this "
                + "session holds state that cannot move to another server connection (" + pins + "); reconnect to go on");
    }

    static ErrorResponse canceledWhileWaking(Route route) {
        return ErrorResponse.error(SqlState.QUERY_CANCELED, "canceling statement due to user request (branch \""
                + route.branch() + "\" was still waking; the wake goes on)");
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
