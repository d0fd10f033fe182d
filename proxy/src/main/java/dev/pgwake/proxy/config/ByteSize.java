package dev.pgwake.proxy.config;

/** A number of bytes, written in the configuration as {@code 8192}, {@code 64kB}, {@code 16MB}. */
public record ByteSize(long bytes) {
    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    public static ByteSize parse(String text) {
        return new ByteSize(SizeValue.parse(text));
    }

    public int asInt() {
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
