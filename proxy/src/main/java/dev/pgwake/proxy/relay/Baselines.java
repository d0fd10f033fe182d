package dev.pgwake.proxy.relay;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session settings clients start with (their startup parameters as lower-case names to SQL literals), one
 * shared instance per distinct set: thousands of clients of one application send the same few parameters,
 * and each would otherwise keep its own copy. The same goes for the settings clients change to afterwards. Bounded: past {@value #LIMIT} distinct sets it starts afresh.
 * Thread-safe.
 */
public final class Baselines {
    private static final int LIMIT = 1_000;

    private final Map<Map<String, String>, Map<String, String>> shared = new ConcurrentHashMap<>();

    /** @param startup setting names to plain values, as the startup packet gave them */
    public Map<String, String> of(Map<String, String> startup) {
        Map<String, String> literals = new HashMap<>();
        startup.forEach((name, value) -> literals.put(name.toLowerCase(Locale.ROOT), SessionSettings.literal(value)));
        return share(literals);
    }

    /**
     * The shared immutable instance equal to {@code settings} (lower-case names to SQL literals): clients that
     * changed their settings alike (every pgjdbc client sets application_name after connecting) keep one map.
     */
    Map<String, String> share(Map<String, String> settings) {
        Map<String, String> existing = shared.get(settings);
        if (existing != null) {
            return existing;
        }
        Map<String, String> copy = Map.copyOf(settings);
        if (shared.size() >= LIMIT) {
            shared.clear();
        }
        Map<String, String> raced = shared.putIfAbsent(copy, copy);
        return raced == null ? copy : raced;
    }
}
