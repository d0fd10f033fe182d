/**
 * The PostgreSQL frontend/backend protocol, as pgwake needs it.
 *
 * <p>Two tiers: {@link dev.pgwake.proxy.protocol.Frame} carries a message pgwake only relays as a type
 * byte plus a retained slice of the read buffer; the few messages pgwake interprets are records named as
 * in the PostgreSQL documentation, each with {@code decode(body)} and/or {@code encode(alloc)}.
 *
 * <p>ByteBuf ownership: a decoder's output ({@code Frame}) owns one reference, passed to the next handler,
 * which must write it on (the write releases it) or release it. {@code encode} returns a new buffer that the
 * caller writes (and so hands over) or releases. {@code decode(body)} never retains or releases the body.
 */
package dev.pgwake.proxy.protocol;
