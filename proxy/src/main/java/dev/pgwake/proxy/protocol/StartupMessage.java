package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** StartupMessage: protocol version and the connection's parameters, in the order the client sent them. */
public record StartupMessage(int protocolVersion, Map<String, String> parameters) implements StartupPacket {
    public StartupMessage {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * The names and values drivers send in nearly every startup packet, each kept once: a client keeps its
     * parameters for its whole life, and thousands of clients would otherwise each hold copies of the same.
     */
    private static final Map<String, String> COMMON = common("user", "database", "options", "application_name",
            "client_encoding", "DateStyle", "TimeZone", "extra_float_digits", "search_path", "replication",
            "IntervalStyle", "postgres", "UTF8", "ISO", "2", "3", "UTC", "Etc/UTC", "PostgreSQL JDBC Driver", "psql",
            "pgbench");

    private static Map<String, String> common(String... texts) {
        Map<String, String> canonical = new java.util.HashMap<>();
        for (String text : texts) {
            canonical.put(text, text);
        }
        return Map.copyOf(canonical);
    }

    private static String canonical(String text) {
        return COMMON.getOrDefault(text, text);
    }

    /** Decodes the body after the length and version words: name/value C strings ended by one NUL. */
    static Map<String, String> decodeParameters(ByteBuf body) {
        if (!body.isReadable() || body.getByte(body.writerIndex() - 1) != 0) {
            throw ProtocolException.violation("invalid startup packet layout: expected terminator as last byte");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            String name = canonical(CString.read(body));
            if (name.isEmpty()) {
                break;
            }
            if (!body.isReadable()) {
                throw ProtocolException.violation("invalid startup packet layout: missing value for \"" + name + "\"");
            }
            String value = canonical(CString.read(body));
            if (parameters.putIfAbsent(name, value) != null) {
                throw ProtocolException.violation("startup packet names parameter \"" + name + "\" twice");
            }
        }
        if (body.isReadable()) {
            throw ProtocolException.violation("invalid startup packet layout: expected terminator as last byte");
        }
        return parameters;
    }

    public void encode(ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(0).writeInt(protocolVersion);
        parameters.forEach((name, value) -> {
            CString.write(out, name);
            CString.write(out, value);
        });
        out.writeByte(0);
        out.setInt(start, out.writerIndex() - start);
    }
}
