package dev.pgwake.proxy.pool;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The session settings applied to one server connection (lower-case name to SQL value; absent: the value
 * it started with), and which client's settings, at which version, it was last found equal to, so a client
 * landing again on a connection it left needs no comparison. Every change forgets that. Used by whichever
 * client holds the connection, one at a time.
 */
public final class ServerSettings {
    private final Map<String, String> values = new HashMap<>();
    private Object alignedWith;
    private long alignedVersion;

    public String get(String name) {
        return values.get(name);
    }

    public Set<String> names() {
        return values.keySet();
    }

    public void put(String name, String value) {
        alignedWith = null;
        values.put(name, value);
    }

    public void remove(String name) {
        alignedWith = null;
        values.remove(name);
    }

    /** Now exactly {@code wanted}, which is {@code owner}'s settings at {@code version}. */
    public void replaceWith(Map<String, String> wanted, Object owner, long version) {
        values.clear();
        values.putAll(wanted);
        markAligned(owner, version);
    }

    public void clear() {
        alignedWith = null;
        values.clear();
    }

    public boolean sameAs(Map<String, String> wanted) {
        return values.equals(wanted);
    }

    public boolean alignedWith(Object owner, long version) {
        return alignedWith == owner && alignedVersion == version;
    }

    public void markAligned(Object owner, long version) {
        alignedWith = owner;
        alignedVersion = version;
    }
}
