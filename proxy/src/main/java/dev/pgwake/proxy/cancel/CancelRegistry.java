package dev.pgwake.proxy.cancel;

import dev.pgwake.proxy.protocol.BackendKeyData;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * pgwake's own BackendKeyData for each client, and where a CancelRequest quoting it goes. Process ids are
 * unique among live clients; secrets are random and compared in full. Thread-safe: clients on every event
 * loop register here, and a CancelRequest arrives on any of them.
 */
public final class CancelRegistry {
    private final Map<Integer, Entry> byProcessId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private record Entry(int secretKey, Cancellable target) {
    }

    /** Issues a new key for a client; unregister it when the client goes. */
    public BackendKeyData register(Cancellable target) {
        while (true) {
            int processId = random.nextInt(Integer.MAX_VALUE - 1) + 1;
            int secretKey = random.nextInt();
            if (byProcessId.putIfAbsent(processId, new Entry(secretKey, target)) == null) {
                return new BackendKeyData(processId, secretKey);
            }
        }
    }

    public void unregister(BackendKeyData key) {
        byProcessId.computeIfPresent(key.processId(), (id, entry) -> entry.secretKey() == key.secretKey() ? null : entry);
    }

    /** @return true when the key named a live client, whose cancel was then requested */
    public boolean cancel(int processId, int secretKey) {
        Entry entry = byProcessId.get(processId);
        if (entry == null || entry.secretKey() != secretKey) {
            return false;
        }
        entry.target().requestCancel();
        return true;
    }

    public int size() {
        return byProcessId.size();
    }
}
