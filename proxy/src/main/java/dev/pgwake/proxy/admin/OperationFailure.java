package dev.pgwake.proxy.admin;

import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.proxy.config.ConfigException;
import dev.pgwake.proxy.protocol.SqlState;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why an operator's command failed, as the console (an ERROR) and the HTTP API (a JSON error) both report it:
 * the failure's own SQLSTATE and message, or XX000 for anything unexpected.
 */
public record OperationFailure(String sqlState, String message) {

    public static OperationFailure of(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof LifecycleException e) {
            return new OperationFailure(e.sqlState(), e.getMessage());
        }
        if (cause instanceof CommandException e) {
            return new OperationFailure(e.sqlState(), e.getMessage());
        }
        if (cause instanceof ConfigException) {
            return new OperationFailure(SqlState.CONFIG_FILE_ERROR, cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return new OperationFailure(SqlState.INVALID_PARAMETER_VALUE, cause.getMessage());
        }
        return new OperationFailure(SqlState.INTERNAL_ERROR, "pgwake internal error: " + cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
