package dev.pgwake.proxy.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Expected wire bytes written as hex, the way the PostgreSQL protocol documentation describes them:
 * {@code hex("52 00000008 00000000")} is AuthenticationOk. Spaces and line breaks are ignored.
 */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    /** The bytes a hex string spells (whitespace ignored). */
    public static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replaceAll("\\s+", ""));
    }

    /** A new leak-tracked buffer holding the bytes a hex string spells; the caller owns it. */
    public static ByteBuf buf(String hex) {
        byte[] bytes = bytes(hex);
        return ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
    }

    /** Lower-case hex of the readable bytes, no separators; does not release. */
    public static String of(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    public static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Lower-case hex of the readable bytes, then releases the buffer. */
    public static String consume(ByteBuf buf) {
        try {
            return of(buf);
        } finally {
            buf.release();
        }
    }

    /** The protocol's String: UTF-8 bytes and a terminating zero byte, in hex. */
    public static String cstring(String value) {
        return HEX.formatHex(value.getBytes(StandardCharsets.UTF_8)) + "00";
    }

    /** Expected-value hex normalised like {@link #of}: lower case, no whitespace. */
    public static String normalize(String hex) {
        return hex.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
    }
}
