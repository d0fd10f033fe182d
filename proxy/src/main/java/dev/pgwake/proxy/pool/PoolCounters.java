package dev.pgwake.proxy.pool;

import dev.pgwake.proxy.protocol.Execute;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.Query;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Totals of one pool since it was created, counted on the hot path of its clients' event loops: Query and Execute
 * messages from its clients, bytes of every message its clients sent and of every server message relayed to them,
 * and pins by reason. Each event is one {@link LongAdder} increment, without allocation (a pin reason's adder is
 * made the first time that reason pins a client of the pool). Waits for a server connection go to an observer the
 * metrics set ({@link #observeWaits}); the pool keeps their total itself. Thread-safe.
 */
public final class PoolCounters {
    private static final LongConsumer IGNORE = nanos -> { };

    private final LongAdder queries = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final Map<String, LongAdder> pins = new ConcurrentHashMap<>();
    private volatile LongConsumer waits = IGNORE;

    /** A message from a client of the pool (any state): its bytes, and one query if it is a Query or an Execute. */
    public void fromClient(Frame frame) {
        received.add(frame.content().readableBytes());
        byte type = frame.type();
        if (type == Query.TYPE || type == Execute.TYPE) {
            queries.increment();
        }
    }

    /** A server message on its way to a client of the pool (call before writing it). */
    public void toClient(Frame frame) {
        sent.add(frame.content().readableBytes());
    }

    /** A client of the pool got pinned to its server connection for {@code reason} (a pin reason's name). */
    public void pinned(String reason) {
        LongAdder count = pins.get(reason);
        if (count == null) {
            count = pins.computeIfAbsent(reason, name -> new LongAdder());
        }
        count.increment();
    }

    /** A client waited this long for a server connection of the pool (called under the pool's lock). */
    void waited(long nanos) {
        waits.accept(nanos);
    }

    /** Every later wait for a server connection goes to {@code observer} (null: to nobody). */
    public void observeWaits(LongConsumer observer) {
        waits = observer == null ? IGNORE : observer;
    }

    public long queries() {
        return queries.sum();
    }

    public long receivedBytes() {
        return received.sum();
    }

    public long sentBytes() {
        return sent.sum();
    }

    /** Pins so far by reason name; reasons that never pinned a client are absent. */
    public Map<String, Long> pins() {
        Map<String, Long> totals = new TreeMap<>();
        pins.forEach((reason, count) -> totals.put(reason, count.sum()));
        return totals;
    }
}
