package dev.pgwake.loadtest.wake;

import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.scenario.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The bare operations a wake stands on, without pgwake, on a {@link BareCluster}, each timed to the first
 * row of {@code select 1} (connection attempts every {@value #POLL_MS} ms until one answers):
 * <ul>
 * <li>hot: the running server's processes are frozen (SIGSTOP, not timed); timed: SIGCONT, connect;</li>
 * <li>warm: the server is stopped (fast shutdown, not timed); timed: start {@code postgres}, connect;</li>
 * <li>cold: the server is stopped (not timed); timed: {@code cp -a} of its data directory to a new one,
 * start {@code postgres} on the copy, connect. The copy is stopped and removed afterwards.</li>
 * </ul>
 */
final class BareSide implements WakeSide {
    static final long POLL_MS = 2;
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final BareCluster cluster;
    private final Target target;
    private Process server;
    private int copies;

    BareSide(BareCluster cluster, Target target) {
        this.cluster = cluster;
        this.target = target;
    }

    /** Starts the server (not timed); returns its server_version. */
    String open() throws WakeFailure, InterruptedException {
        ensureRunning();
        try (var c = target.connect(Map.of()); var s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw WakeFailure.of("prepare", e);
        }
    }

    @Override
    public String name() {
        return "bare";
    }

    @Override
    public long wake(ResumeKind kind) throws WakeFailure, InterruptedException {
        return switch (kind) {
            case HOT -> hot();
            case WARM -> warm();
            case COLD -> cold();
        };
    }

    private long hot() throws WakeFailure, InterruptedException {
        ensureRunning();
        try {
            cluster.freeze(server);
        } catch (IOException e) {
            throw WakeFailure.of("freeze", e);
        }
        long start = System.nanoTime();
        try {
            cluster.thaw();
        } catch (IOException e) {
            throw WakeFailure.of("sigcont", e);
        }
        return firstRow(start, server, cluster.data());
    }

    private long warm() throws WakeFailure, InterruptedException {
        ensureStopped();
        long start = System.nanoTime();
        server = startServer(cluster.data());
        return firstRow(start, server, cluster.data());
    }

    private long cold() throws WakeFailure, InterruptedException {
        ensureStopped();
        long start = System.nanoTime();
        Path copy;
        try {
            copy = cluster.copyData("cold-" + ++copies);
        } catch (IOException e) {
            throw WakeFailure.of("copy", e);
        }
        Process copyServer = null;
        try {
            copyServer = startServer(copy);
            return firstRow(start, copyServer, copy);
        } finally {
            try {
                if (copyServer != null) {
                    cluster.stop(copy, copyServer);
                }
                cluster.delete(copy);
            } catch (IOException | RuntimeException e) {
                throw WakeFailure.of("remove copy", e);
            }
        }
    }

    private long firstRow(long start, Process p, Path dataDir) throws WakeFailure, InterruptedException {
        try {
            return FirstRow.poll(start, target, Map.of(), Duration.ofMillis(POLL_MS), START_TIMEOUT, p::isAlive);
        } catch (WakeFailure e) {
            throw new WakeFailure(e.step(), e.code(), e.getMessage() + "; server log: " + cluster.logTail(dataDir), e);
        }
    }

    private Process startServer(Path dataDir) throws WakeFailure {
        try {
            return cluster.start(dataDir);
        } catch (IOException e) {
            throw WakeFailure.of("start", e);
        }
    }

    /** Running and answering (not timed): continued if frozen, started if stopped. */
    private void ensureRunning() throws WakeFailure, InterruptedException {
        try {
            cluster.thaw();
        } catch (IOException e) {
            throw WakeFailure.of("prepare", e);
        }
        if (server == null || !server.isAlive()) {
            long start = System.nanoTime();
            server = startServer(cluster.data());
            firstRow(start, server, cluster.data());
        }
    }

    /** Stopped (not timed). */
    private void ensureStopped() throws WakeFailure, InterruptedException {
        if (server != null) {
            try {
                cluster.stop(cluster.data(), server);
            } catch (IOException e) {
                throw WakeFailure.of("prepare", e);
            } finally {
                server = null;
            }
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
