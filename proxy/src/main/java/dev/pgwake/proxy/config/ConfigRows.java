package dev.pgwake.proxy.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration as flat {@code key: value} pairs, keys as the YAML file writes them ({@code pool.pool_size},
 * {@code pool.overrides[0].user}, {@code driver.branches.main}), values as text (durations {@code 30s} or
 * {@code off}, sizes in bytes, null for a key without a value). Passwords and tokens are never shown: their values
 * read {@value #REDACTED}, as does the user information of a URL. SHOW CONFIG prints these pairs and RELOAD
 * compares them.
 */
public final class ConfigRows {
    public static final String REDACTED = "<redacted>";
    private static final Set<String> SECRETS = Set.of("password", "passwords", "token");

    private ConfigRows() {
    }

    /** Every key of {@code config} in the order of the configuration's sections, with its value. */
    public static Map<String, String> of(ProxyConfig config) {
        Map<String, String> rows = new LinkedHashMap<>();
        add(rows, "", config);
        return rows;
    }

    private static void add(Map<String, String> rows, String key, Object value) {
        if (value instanceof Record record && !(value instanceof HostPort) && !(value instanceof ByteSize)) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                String name = snakeCase(component.getName());
                Object child = read(component, record);
                String childKey = key.isEmpty() ? name : key + "." + name;
                if (SECRETS.contains(name)) {
                    addSecret(rows, childKey, child);
                } else {
                    add(rows, childKey, child);
                }
            }
        } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((name, child) -> add(rows, key + "." + name, child));
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Record) {
            for (int i = 0; i < list.size(); i++) {
                add(rows, key + "[" + i + "]", list.get(i));
            }
        } else {
            rows.put(key, text(value));
        }
    }

    private static void addSecret(Map<String, String> rows, String key, Object secret) {
        if (secret instanceof Map<?, ?> map && !map.isEmpty()) {
            map.keySet().forEach(name -> rows.put(key + "." + name, REDACTED));
        } else {
            rows.put(key, secret == null || secret instanceof Map ? null : REDACTED);
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Duration duration) {
            return duration(duration);
        }
        if (value instanceof ByteSize size) {
            return Long.toString(size.bytes());
        }
        if (value instanceof URI uri && uri.getUserInfo() != null) {
            return uri.toString().replace(uri.getRawUserInfo(), REDACTED);
        }
        if (value instanceof Map<?, ?>) {
            return ""; // only an empty map gets here: the others are a key each
        }
        if (value instanceof Collection<?> collection) {
            return String.join(", ", collection.stream().map(ConfigRows::text).toList());
        }
        if (value instanceof Enum<?> constant) {
            return constant.toString().toLowerCase(Locale.ROOT);
        }
        return value.toString();
    }

    /** As the configuration writes durations: the largest unit that states it exactly, or {@code off}. */
    private static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "off";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }

    private static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
