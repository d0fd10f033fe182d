package dev.pgwake.proxy.metrics;

import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.pool.PoolView;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.pool.ServerPool;
import dev.pgwake.proxy.relay.PinReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The series of each pool (tags branch, database, user): clients active and waiting, server connections active,
 * idle and opening, pinned clients by reason (gauges); transactions, queries, bytes received and sent, pins by
 * reason (counters); and how long clients waited for a server connection (a timer with a percentile histogram,
 * fed by the pool itself on each lease). A pool's series are registered when the pool is created; {@link #refresh}
 * takes one snapshot of every pool, which the gauges and counters read, and removes the series of pools that are
 * gone. Thread-safe.
 */
final class PoolMeters {
    static final String CLIENTS = "pgwake.pool.clients";
    static final String SERVERS = "pgwake.pool.server.connections";
    static final String PINNED = "pgwake.pool.pinned.clients";
    static final String TRANSACTIONS = "pgwake.pool.transactions";
    static final String QUERIES = "pgwake.pool.queries";
    static final String RECEIVED = "pgwake.pool.received";
    static final String SENT = "pgwake.pool.sent";
    static final String PINS = "pgwake.pool.pins";
    static final String WAIT = "pgwake.pool.wait";

    private final MeterRegistry registry;
    private final Pools pools;
    private volatile Map<PoolKey, PoolView> samples = Map.of();
    /** Every pool's meters, to remove them with the pool. */
    private final Map<PoolKey, List<Meter>> registered = new ConcurrentHashMap<>();

    /** Registers the series of each pool {@code pools} creates from now on. */
    PoolMeters(MeterRegistry registry, Pools pools) {
        this.registry = registry;
        this.pools = pools;
        pools.whenCreated(this::register);
    }

    /** Registers a new pool's series and hooks its waits to the timer (a pool of the same key before it is gone). */
    void register(ServerPool pool) {
        PoolKey key = pool.key();
        forget(key);
        Tags tags = Tags.of("branch", key.branch(), "database", key.database(), "user", key.user());
        List<Meter> meters = new ArrayList<>();
        gauge(meters, CLIENTS, "clients of the pool holding a server connection (active) or waiting for one",
                tags.and("state", "active"), key, view -> view.clients().active());
        gauge(meters, CLIENTS, "clients of the pool holding a server connection (active) or waiting for one",
                tags.and("state", "waiting"), key, view -> view.clients().waiting());
        for (String state : List.of("active", "idle", "opening")) {
            gauge(meters, SERVERS, "server connections of the pool: leased, idle, being opened", tags.and("state", state),
                    key, view -> state.equals("active") ? view.stats().active()
                            : state.equals("idle") ? view.stats().idle() : view.stats().opening());
        }
        counter(meters, TRANSACTIONS, null, "server connections leased to clients", tags, key,
                view -> view.stats().leases());
        counter(meters, QUERIES, null, "Query and Execute messages from clients", tags, key, PoolView::queries);
        counter(meters, RECEIVED, "bytes", "bytes of messages from clients", tags, key, PoolView::receivedBytes);
        counter(meters, SENT, "bytes", "bytes of server messages relayed to clients", tags, key, PoolView::sentBytes);
        for (PinReason reason : PinReason.values()) {
            Tags pin = tags.and("reason", reason.name().toLowerCase(Locale.ROOT));
            gauge(meters, PINNED, "clients pinned to their server connection, by reason", pin, key,
                    view -> view.clients().pinned().getOrDefault(reason.name(), 0));
            counter(meters, PINS, null, "clients pinned to their server connection so far, by reason", pin, key,
                    view -> view.pinsTotal().getOrDefault(reason.name(), 0L));
        }
        Timer wait = Timer.builder(WAIT).description("how long clients waited for a server connection of the pool, for leases that found none idle (queued or opened one); the others are in transactions")
                .tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
        meters.add(wait);
        pool.counters().observeWaits(nanos -> wait.record(nanos, TimeUnit.NANOSECONDS));
        registered.put(key, meters);
    }

    /** Takes the pools as they are now (the series read this); series of pools that are gone go too. */
    void refresh(List<PoolView> views) {
        Map<PoolKey, PoolView> now = new HashMap<>();
        views.forEach(view -> now.put(view.key(), view));
        samples = now;
        Set<PoolKey> live = new HashSet<>();
        pools.all().forEach(pool -> live.add(pool.key()));
        for (PoolKey key : List.copyOf(registered.keySet())) {
            if (!live.contains(key)) {
                forget(key);
            }
        }
    }

    private void forget(PoolKey key) {
        List<Meter> meters = registered.remove(key);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    private void gauge(List<Meter> meters, String name, String description, Tags tags, PoolKey key,
                       ToDoubleFunction<PoolView> value) {
        meters.add(Gauge.builder(name, () -> read(key, value)).description(description).tags(tags)
                .strongReference(true).register(registry));
    }

    private void counter(List<Meter> meters, String name, String unit, String description, Tags tags, PoolKey key,
                         ToDoubleFunction<PoolView> value) {
        meters.add(FunctionCounter.builder(name, this, self -> self.read(key, value)).description(description)
                .baseUnit(unit).tags(tags).register(registry));
    }

    private double read(PoolKey key, ToDoubleFunction<PoolView> value) {
        PoolView view = samples.get(key);
        return view == null ? 0 : value.applyAsDouble(view);
    }
}
