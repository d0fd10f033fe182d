package dev.pgwake.proxy.admin;

import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.SqlState;

/** What an admin is told when a statement fails: an ERROR (not FATAL) with the failure's own SQLSTATE. */
final class ConsoleErrors {
    private ConsoleErrors() {
    }

    static ErrorResponse of(Throwable error) {
        OperationFailure failure = OperationFailure.of(error);
        return ErrorResponse.error(failure.sqlState(), failure.message());
    }

    static ErrorResponse extendedProtocol() {
        return ErrorResponse.error(SqlState.FEATURE_NOT_SUPPORTED,
                "the pgwake console speaks the simple query protocol only")
                .withHint("send plain Query messages: psql does; with pgjdbc set preferQueryMode=simple");
    }
}
