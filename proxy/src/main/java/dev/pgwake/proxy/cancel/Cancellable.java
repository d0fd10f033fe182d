package dev.pgwake.proxy.cancel;

/** A client session whose running query can be cancelled; called from any thread. */
@FunctionalInterface
public interface Cancellable {
    void requestCancel();
}
