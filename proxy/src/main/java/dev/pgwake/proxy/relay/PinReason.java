package dev.pgwake.proxy.relay;

/** TEMPORARY stand-in. */
public enum PinReason { LISTEN, TEMP_OBJECT, HOLD_CURSOR, SQL_PREPARE, ADVISORY_LOCK, ROLE }
