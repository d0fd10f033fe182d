package dev.pgwake.loadtest.report;

/**
 * Failures of one kind: {@code code} is the SQLSTATE when the server sent one (e.g. {@code 53300}), else the
 * exception's class name; {@code firstMessage} is the first message seen, as an example.
 */
public record ErrorCount(String code, long count, String firstMessage) {
}
