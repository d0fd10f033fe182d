package dev.pgwake.proxy.pool;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One server connection as SHOW SERVERS shows it: its pool, whether a client holds it ({@code active}) or it sits
 * in the pool ({@code idle}), the server's process id, where it is, since when, and how many prepared statements
 * pgwake keeps on it.
 */
public record ServerInfo(PoolKey key, String state, int pid, String host, int port, Instant connectedSince,
                         int preparedStatements) {
    public static final String ACTIVE = "active";
    public static final String IDLE = "idle";

    /** A connection a client holds; call on the holder's event loop (the statements are its to read). */
    public static ServerInfo active(PooledServer server) {
        return of(server, ACTIVE);
    }

    /** A connection in the idle list; call under the pool's lock. */
    static ServerInfo idle(PooledServer server) {
        return of(server, IDLE);
    }

    private static ServerInfo of(PooledServer server, String state) {
        long ageNanos = System.nanoTime() - server.openedNanos();
        Instant since = Instant.now().minusNanos(ageNanos).truncatedTo(ChronoUnit.MILLIS);
        return new ServerInfo(server.key(), state, server.connection().key().processId(), server.endpoint().host(),
                server.endpoint().port(), since, server.statements().size());
    }

    /** {@code host:port}. */
    public String endpoint() {
        return host + ":" + port;
    }
}
