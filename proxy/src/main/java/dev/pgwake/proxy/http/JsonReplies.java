package dev.pgwake.proxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.proxy.admin.OperationFailure;
import dev.pgwake.proxy.protocol.SqlState;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * JSON in and out (snake_case keys, unknown keys refused), and errors as {@code {"error": ..., "sqlstate": ...}}
 * with the HTTP status their SQLSTATE implies. Thread-safe.
 */
final class JsonReplies {
    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    Reply ok(int status, Object body) {
        try {
            return new Reply(status, Reply.JSON, mapper.writeValueAsString(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply error(int status, String sqlState, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("sqlstate", sqlState);
        return ok(status, body);
    }

    /** A failed operation: its SQLSTATE and message, with the status they imply. */
    Reply failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RequestException e) {
            return error(statusOf(e.sqlState()), e.sqlState(), e.getMessage());
        }
        OperationFailure failure = OperationFailure.of(cause);
        return error(statusOf(failure.sqlState()), failure.sqlState(), failure.message());
    }

    /** Reads a request body; a body that is not the expected JSON fails with 22P02 (syntax) or 22023 (keys). */
    <T> T read(String body, Class<T> type, String what) {
        if (body.isBlank()) {
            throw new RequestException(SqlState.INVALID_PARAMETER_VALUE, what + " needs a JSON body");
        }
        try {
            return mapper.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new RequestException(SqlState.INVALID_PARAMETER_VALUE, what + ": unknown key \"" + e.getPropertyName()
                    + "\" (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            throw new RequestException(SqlState.INVALID_TEXT_REPRESENTATION, what + ": not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** The HTTP status for a SQLSTATE: missing 404, conflicts 409, unsupported 501, cannot wake now 503. */
    static int statusOf(String sqlState) {
        return switch (sqlState) {
            case LifecycleException.UNKNOWN_BRANCH, SqlState.UNDEFINED_OBJECT -> 404;
            case LifecycleException.DUPLICATE_BRANCH, SqlState.OBJECT_IN_USE -> 409;
            case SqlState.FEATURE_NOT_SUPPORTED -> 501;
            case SqlState.CANNOT_CONNECT_NOW -> 503;
            case SqlState.INVALID_AUTHORIZATION_SPECIFICATION -> 401;
            default -> sqlState.startsWith("22") || sqlState.startsWith("42") ? 400 : 500;
        };
    }
}
