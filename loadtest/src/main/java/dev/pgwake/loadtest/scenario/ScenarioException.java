package dev.pgwake.loadtest.scenario;

/** A scenario could not run at all; the message says why and what to do. */
public final class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
