package dev.pgwake.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed messages of the extended and simple query protocols, both directions, built in tests from the protocol
 * documentation (not with the code under test): Byte1 type, Int32 length counting itself, then the fields.
 */
public final class WireMessages {
    /** The type OID of int4. */
    public static final int INT4 = 23;
    public static final byte[] PARSE_COMPLETE = message('1');
    public static final byte[] BIND_COMPLETE = message('2');
    public static final byte[] CLOSE_COMPLETE = message('3');

    private WireMessages() {
    }

    /**
     * A typed message of these fields in order: a String as a NUL-terminated String, a Short as Int16, an
     * Integer as Int32, a Character as Byte1, a byte[] as it is.
     */
    public static byte[] message(char type, Object... fields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Object field : fields) {
            if (field instanceof String s) {
                body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                body.write(0);
            } else if (field instanceof Short s) {
                body.writeBytes(ByteBuffer.allocate(2).putShort(s).array());
            } else if (field instanceof Integer i) {
                body.writeBytes(ByteBuffer.allocate(4).putInt(i).array());
            } else if (field instanceof Character c) {
                body.write(c);
            } else {
                body.writeBytes((byte[]) field);
            }
        }
        return ClientPackets.typed(type, body.toByteArray());
    }

    /** Lower-case hex of the messages one after the other. */
    public static String hexOf(byte[]... messages) {
        return Hex.of(Feed.concat(messages));
    }

    /** What Parse carries after the statement name: query String, Int16 count, Int32 type OIDs. */
    public static byte[] definition(String sql, int... types) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(text.length + 3 + 4 * types.length);
        out.put(text).put((byte) 0).putShort((short) types.length);
        for (int type : types) {
            out.putInt(type);
        }
        return out.array();
    }

    public static byte[] parse(String name, String sql, int... types) {
        return message('P', name, definition(sql, types));
    }

    /** Bind with text parameters and no format codes. */
    public static byte[] bind(String portal, String statement, String... parameters) {
        List<Object> fields = new ArrayList<>(List.of(portal, statement, (short) 0, (short) parameters.length));
        for (String parameter : parameters) {
            byte[] value = parameter.getBytes(StandardCharsets.UTF_8);
            fields.add(value.length);
            fields.add(value);
        }
        fields.add((short) 0);
        return message('B', fields.toArray());
    }

    public static byte[] describeStatement(String name) {
        return message('D', 'S', name);
    }

    public static byte[] describePortal(String name) {
        return message('D', 'P', name);
    }

    public static byte[] closeStatement(String name) {
        return message('C', 'S', name);
    }

    public static byte[] closePortal(String name) {
        return message('C', 'P', name);
    }

    /** Execute without a row limit. */
    public static byte[] execute(String portal) {
        return message('E', portal, 0);
    }

    public static byte[] sync() {
        return message('S');
    }

    public static byte[] flush() {
        return message('H');
    }

    public static byte[] query(String sql) {
        return message('Q', sql);
    }

    public static byte[] readyForQuery(char status) {
        return message('Z', status);
    }

    public static byte[] parameterDescription(int... types) {
        List<Object> fields = new ArrayList<>(List.of((short) types.length));
        for (int type : types) {
            fields.add(type);
        }
        return message('t', fields.toArray());
    }

    /** One int4 column, text format. */
    public static byte[] rowDescription(String column) {
        return message('T', (short) 1, column, 0, (short) 0, INT4, (short) 4, -1, (short) 0);
    }

    /** One column, text. */
    public static byte[] dataRow(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return message('D', (short) 1, bytes.length, bytes);
    }

    public static byte[] commandComplete(String tag) {
        return message('C', tag);
    }

    public static byte[] parameterStatus(String name, String value) {
        return message('S', name, value);
    }

    /** ErrorResponse with severity ERROR (S and V), the SQLSTATE (C) and the message (M). */
    public static byte[] error(String sqlState, String text) {
        return message('E', 'S', "ERROR", 'V', "ERROR", 'C', sqlState, 'M', text, new byte[] {0});
    }
}
