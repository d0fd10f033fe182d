package dev.pgwake.proxy.pool;

import static dev.pgwake.proxy.pool.PoolFixture.ONE_MILLI;
import static dev.pgwake.proxy.pool.PoolFixture.assertTerminated;
import static dev.pgwake.proxy.pool.PoolFixture.waitPast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.proxy.testing.BackendMessage;
import dev.pgwake.proxy.testing.Hex;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerPool}'s checks and timeouts: {@code server_check_delay}, {@code query_wait_timeout}, the reserve,
 * {@code server_lifetime}, {@code server_idle_timeout}, {@code min_pool_size}, dead idle connections and sleep.
 * Housekeeping runs when a test calls {@code tick}; the pool's clock is System.nanoTime, so timeouts are one
 * millisecond, waited for with a short sleep.
 */
class ServerPoolHousekeepingTest {
    /** ErrorResponse: S FATAL, C 57P01, M x. */
    private static final String FATAL = "45 00000016 5346415441 4c00 433537503031 00 4d7800 00";

    private final PoolFixture fixture = new PoolFixture();
    private final EmbeddedServers servers = fixture.servers;

    @AfterEach
    void closeConnections() {
        fixture.close();
    }

    private ServerPool pool() {
        return fixture.pool();
    }

    private Future<PooledServer> lease() {
        return fixture.lease();
    }

    private PooledServer leased() {
        return fixture.leased();
    }

    private void assertCounts(int active, int idle, int opening, int waiting) {
        fixture.assertCounts(active, idle, opening, waiting);
    }

    @Test
    void aConnectionIdlePastServerCheckDelayAnswersAnEmptyQueryBeforeItIsHandedOut() {
        fixture.serverCheckDelay = Duration.ZERO;
        PooledServer server = leased();
        pool().release(server);
        EmbeddedChannel channel = servers.channel(0);

        Future<PooledServer> lease = lease();
        channel.runPendingTasks();

        assertEquals(Hex.normalize("51 00000005 00"), Hex.of(BackendMessage.drainOutbound(channel)), "Query \"\"");
        assertFalse(lease.isDone());
        channel.writeInbound(Unpooled.wrappedBuffer(Hex.bytes("4900000004 5a0000000549"))); // EmptyQueryResponse, Z 'I'
        assertSame(server, lease.getNow());
        assertEquals(1, servers.opened());
        assertCounts(1, 0, 0, 0);
    }

    @Test
    void aConnectionThatFailsItsCheckIsClosedAndAnotherOpened() {
        fixture.serverCheckDelay = Duration.ZERO;
        PooledServer server = leased();
        pool().release(server);
        EmbeddedChannel channel = servers.channel(0);

        Future<PooledServer> lease = lease();
        channel.runPendingTasks();
        BackendMessage.drainOutbound(channel);
        channel.writeInbound(Unpooled.wrappedBuffer(Hex.bytes(FATAL + "5a 00000005 49"))); // then ReadyForQuery 'I'

        assertEquals(2, servers.opened());
        assertSame(servers.channel(1), lease.getNow().channel());
        assertTerminated(channel);
        assertCounts(1, 0, 0, 0);
    }

    @Test
    void aClientWaitingPastQueryWaitTimeoutFailsNamingThePool() throws InterruptedException {
        fixture.queryWaitTimeout = ONE_MILLI;
        PooledServer held = leased();
        Future<PooledServer> waiting = lease();
        waitPast(ONE_MILLI);

        fixture.tick();

        PoolWaitTimeoutException timeout = assertInstanceOf(PoolWaitTimeoutException.class, waiting.cause());
        assertEquals("no server connection of pool main/app/alice became free within query_wait_timeout (1 ms); "
                + "all 1 are in use: raise pool_size or shorten transactions", timeout.getMessage());
        assertEquals(SqlState.TOO_MANY_CONNECTIONS, timeout.sqlState());
        assertEquals("53300", timeout.sqlState());
        assertCounts(1, 0, 0, 0);
        pool().release(held);
        assertCounts(0, 1, 0, 0);
    }

    @Test
    void aClientWaitingLessThanQueryWaitTimeoutKeepsWaiting() {
        leased();
        Future<PooledServer> waiting = lease();

        fixture.tick();

        assertFalse(waiting.isDone());
        assertCounts(1, 0, 0, 1);
    }

    @Test
    void aZeroQueryWaitTimeoutWaitsForever() throws InterruptedException {
        fixture.queryWaitTimeout = Duration.ZERO;
        leased();
        Future<PooledServer> waiting = lease();
        waitPast(ONE_MILLI);

        fixture.tick();

        assertFalse(waiting.isDone());
    }

    @Test
    void aClientWaitingPastReservePoolTimeoutGetsAReserveConnection() throws InterruptedException {
        fixture.reservePoolSize = 1;
        fixture.reservePoolTimeout = ONE_MILLI;
        leased();
        Future<PooledServer> waiting = lease();
        assertFalse(waiting.isDone(), "the reserve waits for reserve_pool_timeout");
        waitPast(ONE_MILLI);

        fixture.tick();

        assertSame(servers.channel(1), waiting.getNow().channel());
        assertCounts(2, 0, 0, 0);
        Future<PooledServer> third = lease();
        waitPast(ONE_MILLI);
        fixture.tick();
        assertFalse(third.isDone(), "pool_size plus reserve_pool_size at most");
    }

    @Test
    void aConnectionPastServerLifetimeIsClosedWhenReleased() throws InterruptedException {
        fixture.serverLifetime = ONE_MILLI;
        PooledServer server = leased();
        waitPast(ONE_MILLI);

        pool().release(server);

        assertTerminated(servers.channel(0));
        assertCounts(0, 0, 0, 0);
        assertNotSame(server, leased());
    }

    @Test
    void aConnectionPastServerLifetimeReleasedWhileAClientWaitsIsReplacedForIt() throws InterruptedException {
        fixture.serverLifetime = ONE_MILLI;
        PooledServer server = leased();
        Future<PooledServer> waiting = lease();
        waitPast(ONE_MILLI);

        pool().release(server);

        assertTerminated(servers.channel(0));
        assertSame(servers.channel(1), waiting.getNow().channel());
    }

    @Test
    void anIdleConnectionPastServerLifetimeIsClosedByHousekeeping() throws InterruptedException {
        pool().release(leased());
        fixture.serverLifetime = ONE_MILLI;
        fixture.reconfigure();
        waitPast(ONE_MILLI);

        fixture.tick();

        assertTerminated(servers.channel(0));
        assertCounts(0, 0, 0, 0);
    }

    @Test
    void anIdleConnectionPastServerIdleTimeoutIsClosedByHousekeeping() throws InterruptedException {
        fixture.serverIdleTimeout = ONE_MILLI;
        pool().release(leased());
        waitPast(ONE_MILLI);

        fixture.tick();

        assertTerminated(servers.channel(0));
        assertCounts(0, 0, 0, 0);
    }

    @Test
    void serverIdleTimeoutKeepsMinPoolSizeConnectionsTheMostRecentlyUsed() throws InterruptedException {
        fixture.poolSize = 2;
        fixture.minPoolSize = 1;
        fixture.serverIdleTimeout = ONE_MILLI;
        PooledServer older = leased();
        PooledServer newer = leased();
        pool().release(older);
        pool().release(newer);
        waitPast(ONE_MILLI);

        fixture.tick();

        assertTerminated(servers.channel(0));
        assertTrue(servers.channel(1).isActive());
        assertCounts(0, 1, 0, 0);
        assertSame(newer, leased());
    }

    @Test
    void noHousekeepingClosesAConnectionBeforeItsTime() {
        fixture.serverIdleTimeout = Duration.ofSeconds(600);
        pool().release(leased());

        fixture.tick();

        assertCounts(0, 1, 0, 0);
        assertTrue(servers.channel(0).isActive());
    }

    @Test
    void housekeepingOpensConnectionsUpToMinPoolSizeOnceTheEndpointIsKnown() {
        fixture.poolSize = 3;
        fixture.minPoolSize = 2;
        fixture.tick();
        assertEquals(0, servers.opened(), "no endpoint yet: the branch may be asleep");

        pool().release(leased());
        fixture.tick();

        assertEquals(2, servers.opened());
        assertCounts(0, 2, 0, 0);
        fixture.tick();
        assertEquals(2, servers.opened());
    }

    @Test
    void anIdleConnectionWhoseServerClosedIsForgotten() {
        PooledServer server = leased();
        pool().release(server);

        servers.channel(0).close();

        assertCounts(0, 0, 0, 0);
        assertNotSame(server, leased());
        assertEquals(2, servers.opened());
    }

    @Test
    void anIdleConnectionWhoseServerSaidFatalIsSkippedAtLeaseAndClosed() {
        PooledServer server = leased();
        pool().release(server);
        servers.channel(0).writeInbound(Unpooled.wrappedBuffer(Hex.bytes(FATAL))); // an idle server's goodbye

        PooledServer next = leased();

        assertNotSame(server, next);
        assertTerminated(servers.channel(0));
        assertCounts(1, 0, 0, 0);
    }

    @Test
    void sleepClosesIdleConnectionsAndOpensNoneUntilAClientAsks() {
        fixture.poolSize = 2;
        fixture.minPoolSize = 1;
        PooledServer active = leased();
        pool().release(leased());

        pool().sleep();
        assertTerminated(servers.channel(1));
        fixture.tick();
        assertEquals(2, servers.opened(), "min_pool_size waits for the branch to wake");
        pool().release(active);

        assertTerminated(servers.channel(0));
        assertCounts(0, 0, 0, 0);
        leased();
        assertEquals(3, servers.opened());
    }
}
