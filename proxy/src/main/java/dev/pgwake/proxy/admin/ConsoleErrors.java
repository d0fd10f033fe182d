package dev.pgwake.proxy.admin;

import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.SqlState;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What an admin is told when a statement fails: an ERROR (not FATAL) with the failure's own SQLSTATE. */
final class ConsoleErrors {
    private ConsoleErrors() {
    }

    static ErrorResponse of(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof LifecycleException e) {
            return ErrorResponse.error(e.sqlState(), e.getMessage());
        }
        if (cause instanceof CommandException e) {
            return ErrorResponse.error(e.sqlState(), e.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return ErrorResponse.error(SqlState.INVALID_PARAMETER_VALUE, cause.getMessage());
        }
        return ErrorResponse.error(SqlState.INTERNAL_ERROR, "pgwake internal error: " + cause);
    }

    static ErrorResponse extendedProtocol() {
        return ErrorResponse.error(SqlState.FEATURE_NOT_SUPPORTED,
                "the pgwake console speaks the simple query protocol only")
                .withHint("send plain Query messages: psql does; with pgjdbc set preferQueryMode=simple");
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
