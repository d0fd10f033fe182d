package dev.pgwake.proxy.config;

import java.time.Duration;

/**
 * {@code lifecycle:} when quiet branches step down to sleep (each delay counted from the end of the last
 * transaction; {@code off} skips a step), how long a wake may take, whether unknown branches are created
 * from the default branch, and how much a client may send while its branch wakes.
 */
public record LifecycleConfig(Duration idleAfter, Duration suspendAfter, Duration stopAfter, Duration archiveAfter,
                              Duration wakeTimeout, Boolean autoCreateBranches, ByteSize clientBuffer) {
    public LifecycleConfig {
        idleAfter = idleAfter == null ? Duration.ofSeconds(30) : idleAfter;
        suspendAfter = suspendAfter == null ? Duration.ofMinutes(5) : suspendAfter;
        stopAfter = stopAfter == null ? Duration.ofHours(1) : stopAfter;
        archiveAfter = archiveAfter == null ? Duration.ZERO : archiveAfter;
        wakeTimeout = wakeTimeout == null ? Duration.ofSeconds(30) : wakeTimeout;
        if (wakeTimeout.isZero()) {
            throw new IllegalArgumentException("lifecycle.wake_timeout cannot be off: waiting clients need a deadline");
        }
        clientBuffer = clientBuffer == null ? new ByteSize(1L << 20) : clientBuffer;
        if (clientBuffer.bytes() < 1024) {
            throw new IllegalArgumentException("lifecycle.client_buffer must be at least 1kB");
        }
    }

    static LifecycleConfig defaults() {
        return new LifecycleConfig(null, null, null, null, null, null, null);
    }
}
