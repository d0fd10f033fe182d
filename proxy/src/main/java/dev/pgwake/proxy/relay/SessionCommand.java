package dev.pgwake.proxy.relay;

/**
 * One thing a statement does to the state of its session, as {@link SqlScanner} reads it from the SQL text:
 * a setting to replay on the next server connection, a setting or kind of state dropped, or a reason to keep
 * ({@link Pin}) or no longer keep ({@link Unpin}) the client on its server connection. The scanner does not
 * know whether the statement succeeds, nor whether a transaction around it commits; the caller applies the
 * commands once it does.
 */
sealed interface SessionCommand {
    /**
     * A session-level {@code SET}: {@code name} lower case unless it was quoted ({@code SET TIME ZONE} is
     * {@code timezone}, {@code SET SCHEMA} is {@code search_path}, {@code SET NAMES} is
     * {@code client_encoding}), {@code value} the SQL text of the value as written, so that
     * {@code SET "name" TO value} replays it.
     */
    record Assign(String name, String value) implements SessionCommand {
    }

    /** {@code RESET name}, {@code SET name TO DEFAULT}: the setting goes back to its session default. */
    record Reset(String name) implements SessionCommand {
    }

    /**
     * {@code RESET ALL}: every setting goes back to its session default, except the role and the session
     * authorization, which PostgreSQL leaves alone ({@code GUC_NO_RESET_ALL}).
     */
    record ResetAll() implements SessionCommand {
    }

    /**
     * {@code DISCARD ALL | PLANS | SEQUENCES | TEMP}. {@code ALL} also resets every setting, the role and
     * the session authorization, unlistens, closes every cursor, releases every advisory lock, drops
     * temporary objects and deallocates every prepared statement: it ends every pin.
     */
    record Discard(Kind kind) implements SessionCommand {
        /** What is discarded; {@code DISCARD TEMPORARY} is {@code TEMP}. */
        enum Kind {
            ALL, PLANS, SEQUENCES, TEMP
        }
    }

    /** {@code DEALLOCATE [PREPARE] ALL}: every prepared statement of the session is gone, SQL-level or not. */
    record DeallocateAll() implements SessionCommand {
    }

    /** The client must keep its server connection for this reason. */
    record Pin(PinReason reason) implements SessionCommand {
    }

    /** The state behind this reason is gone: the pin for it ends. */
    record Unpin(PinReason reason) implements SessionCommand {
    }

    /** {@code SAVEPOINT name}: what the transaction SETs after it can be rolled back on its own. */
    record Savepoint(String name) implements SessionCommand {
    }

    /** {@code ROLLBACK TO [SAVEPOINT] name}: SETs since the savepoint are undone, the savepoint stays. */
    record RollbackTo(String name) implements SessionCommand {
    }

    /** {@code RELEASE [SAVEPOINT] name}: the savepoint (and later ones) go; their SETs stay with the transaction. */
    record Release(String name) implements SessionCommand {
    }

    /**
     * {@code COMMIT} or {@code END} after session commands of the same request: those commands stay, whatever a
     * ROLLBACK later in the request does.
     */
    record Commit() implements SessionCommand {
    }

    /**
     * A whole {@code ROLLBACK} or {@code ABORT} after session commands of the same request: those commands are
     * undone, explicit transaction block or implicit one ({@code SET ...; ROLLBACK} in one Query).
     */
    record Rollback() implements SessionCommand {
    }
}
