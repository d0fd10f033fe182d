package dev.pgwake.proxy.relay;

/**
 * Why a client must keep its server connection past the end of a transaction: session state that lives on
 * that connection and cannot be replayed on another. Each reason has a short text for SHOW CLIENTS.
 */
public enum PinReason {
    /** {@code LISTEN channel}; ended by {@code UNLISTEN *}. */
    LISTEN("LISTEN"),
    /** A temporary table, view or sequence, or {@code SELECT ... INTO TEMP}; ended by {@code DISCARD TEMP}. */
    TEMP_OBJECT("temporary object"),
    /** {@code DECLARE ... CURSOR WITH HOLD}; ended by {@code CLOSE ALL}. */
    HOLD_CURSOR("cursor WITH HOLD"),
    /** SQL-level {@code PREPARE name AS ...}; ended by {@code DEALLOCATE ALL}. */
    SQL_PREPARE("PREPARE"),
    /** A session-level advisory lock taken; ended by {@code pg_advisory_unlock_all()}. */
    ADVISORY_LOCK("advisory lock"),
    /** {@code SET ROLE} or {@code SET SESSION AUTHORIZATION}; ended by {@code RESET ROLE} and the like. */
    ROLE("SET ROLE");

    private final String text;

    PinReason(String text) {
        this.text = text;
    }

    /** The reason as SHOW CLIENTS prints it. */
    public String text() {
        return text;
    }
}
