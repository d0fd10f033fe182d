package dev.pgwake.proxy.metrics;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.proxy.pool.PoolView;
import dev.pgwake.proxy.pool.Pools;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Every meter pgwake publishes, registered on the registry the composition root passes in: branches ({@code
 * pgwake_branch_*}), wakes ({@code pgwake_wake*}), pools ({@code pgwake_pool_*}), the Netty allocator the channels use ({@code
 * pgwake_netty_allocator_used_bytes}), and Micrometer's JVM and process meters ({@code jvm_*}, {@code process_*},
 * {@code system_*}). Call {@link #refresh} before each scrape; {@link #close} when the server closes.
 */
public final class ProxyMetrics implements AutoCloseable {
    static final String ALLOCATOR_USED = "pgwake.netty.allocator.used";

    private final BranchMeters branchMeters;
    private final PoolMeters poolMeters;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * @param clients connected clients of a branch
     * @param pools the pools, whose series are registered as each is created
     * @param allocator the allocator pgwake's channels use (Netty's default is the adaptive one since 4.2)
     */
    public ProxyMetrics(MeterRegistry registry, Branches branches, ToIntFunction<String> clients, Pools pools,
                        ByteBufAllocator allocator) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
            String type = allocatorType(allocator);
            allocatorGauge(registry, provider.metric(), type, "heap", ByteBufAllocatorMetric::usedHeapMemory);
            allocatorGauge(registry, provider.metric(), type, "direct", ByteBufAllocatorMetric::usedDirectMemory);
        }
        branches.addListener(new WakeMeters(registry));
        branchMeters = new BranchMeters(registry, branches, clients);
        branchMeters.refresh();
        poolMeters = new PoolMeters(registry, pools);
    }

    /** Brings the per-branch and per-pool series in line with what exists now, with fresh values. */
    public void refresh(List<PoolView> pools) {
        branchMeters.refresh();
        poolMeters.refresh(pools);
    }

    @Override
    public void close() {
        gc.close();
    }

    private static void allocatorGauge(MeterRegistry registry, ByteBufAllocatorMetric metric, String type,
                                       String memory, ToDoubleFunction<ByteBufAllocatorMetric> used) {
        Gauge.builder(ALLOCATOR_USED, metric, used)
                .description("memory the Netty allocator of pgwake's channels holds")
                .baseUnit("bytes")
                .tags("allocator", type, "memory", memory)
                .strongReference(true)
                .register(registry);
    }

    /** {@code adaptive}, {@code pooled}, {@code unpooled}: the allocator's class name without ByteBufAllocator. */
    private static String allocatorType(ByteBufAllocator allocator) {
        return allocator.getClass().getSimpleName().replace("ByteBufAllocator", "").toLowerCase(Locale.ROOT);
    }
}
