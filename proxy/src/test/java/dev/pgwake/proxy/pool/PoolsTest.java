package dev.pgwake.proxy.pool;

import static dev.pgwake.proxy.pool.EmbeddedServers.ENDPOINT;
import static dev.pgwake.proxy.pool.PoolFixture.assertTerminated;
import static dev.pgwake.proxy.pool.PoolFixture.waitPast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.proxy.config.PoolConfig;
import dev.pgwake.proxy.config.PoolOverride;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Pools}: pools made on first use, {@code max_client_conn}, and {@code max_db_connections} across pools. */
class PoolsTest {
    private static final PoolKey ALICE = new PoolKey("main", "app", "alice");
    private static final PoolKey BOB = new PoolKey("main", "app", "bob");
    private static final PoolKey OTHER_DATABASE = new PoolKey("main", "other", "alice");
    private static final PoolKey OTHER_BRANCH = new PoolKey("dev", "app", "alice");

    private final EmbeddedServers servers = new EmbeddedServers();
    private final EmbeddedChannel client = new EmbeddedChannel();
    private final EventLoop loop = client.eventLoop();

    @AfterEach
    void closeConnections() {
        servers.closeAll();
        client.finishAndReleaseAll();
    }

    private static PoolConfig config(int poolSize, int maxClientConn, int maxDbConnections, List<PoolOverride> overrides) {
        return new PoolConfig(null, poolSize, null, null, null, maxClientConn, maxDbConnections, null, null, null,
                null, null, null, null, overrides);
    }

    private static PoolConfig databaseLimit(int maxDbConnections) {
        return config(5, 100, maxDbConnections, List.of());
    }

    private Future<PooledServer> lease(Pools pools, PoolKey key) {
        return pools.pool(key).lease(loop, ENDPOINT);
    }

    private PooledServer leasedNow(Pools pools, PoolKey key) {
        Future<PooledServer> lease = lease(pools, key);
        assertTrue(lease.isSuccess(), "leased at once");
        return lease.getNow();
    }

    /** What the timer does once a second. */
    private void housekeeping(Pools pools, PoolKey... keys) {
        for (PoolKey key : keys) {
            pools.pool(key).tick(loop);
        }
    }

    @Test
    void maxClientConnClientsAreAdmittedAndTheNextIsNot() {
        Pools pools = new Pools(config(5, 2, 0, List.of()), servers);

        assertTrue(pools.admitClient());
        assertTrue(pools.admitClient());
        assertFalse(pools.admitClient());
        assertEquals(2, pools.clients(), "a client refused is not counted");

        pools.clientLeft();
        assertEquals(1, pools.clients());
        assertTrue(pools.admitClient());
        assertFalse(pools.admitClient());
    }

    @Test
    void aPoolIsMadeOnFirstUseAndKeptForItsKey() {
        Pools pools = new Pools(databaseLimit(0), servers);

        ServerPool pool = pools.pool(ALICE);

        assertSame(pool, pools.pool(new PoolKey("main", "app", "alice")));
        assertNotSame(pool, pools.pool(BOB));
        assertEquals(ALICE, pool.key());
    }

    @Test
    void aPoolTakesItsSettingsWithTheOverridesThatMatchIt() {
        PoolOverride bobsSize = new PoolOverride(null, null, "bob", null, 7, null, null, null, null, null, null, null);
        Pools pools = new Pools(config(3, 100, 0, List.of(bobsSize)), servers);

        assertEquals(3, pools.pool(ALICE).settings().poolSize());
        assertEquals(7, pools.pool(BOB).settings().poolSize());
    }

    @Test
    void reconfigureAppliesToEveryPoolMadeAlready() {
        Pools pools = new Pools(config(1, 100, 0, List.of()), servers);
        leasedNow(pools, ALICE);
        Future<PooledServer> waiting = lease(pools, ALICE);
        assertFalse(waiting.isDone());

        pools.reconfigure(config(2, 100, 0, List.of()));

        assertEquals(2, pools.pool(ALICE).settings().poolSize());
        assertEquals(2, pools.config().poolSize());
        housekeeping(pools, ALICE);
        assertTrue(waiting.isSuccess(), "the larger pool_size lets the waiter open a connection");
    }

    @Test
    void statsListEveryPoolInKeyOrder() {
        Pools pools = new Pools(databaseLimit(0), servers);
        leasedNow(pools, BOB);
        pools.pool(ALICE);
        pools.pool(OTHER_BRANCH);

        List<PoolStats> stats = pools.stats();

        assertEquals(List.of("dev/app/alice", "main/app/alice", "main/app/bob"),
                stats.stream().map(s -> s.key().toString()).toList());
        assertEquals(1, stats.get(2).active());
        assertEquals("transaction", stats.get(2).mode());
        assertEquals(5, stats.get(2).poolSize());
    }

    @Test
    void maxDbConnectionsCountsTheConnectionsOfEveryUserOfADatabase() {
        Pools pools = new Pools(databaseLimit(2), servers);
        leasedNow(pools, ALICE);
        leasedNow(pools, BOB);

        Future<PooledServer> third = lease(pools, ALICE);

        assertFalse(third.isDone());
        assertEquals(2, servers.opened());
        assertEquals(1, pools.pool(ALICE).stats().waiting());
    }

    @Test
    void maxDbConnectionsIsPerDatabaseOfABranch() {
        Pools pools = new Pools(databaseLimit(1), servers);

        leasedNow(pools, ALICE);
        leasedNow(pools, OTHER_DATABASE);
        leasedNow(pools, OTHER_BRANCH);

        assertEquals(3, servers.opened());
    }

    @Test
    void zeroMaxDbConnectionsIsNoLimit() {
        Pools pools = new Pools(databaseLimit(0), servers);

        leasedNow(pools, ALICE);
        leasedNow(pools, BOB);
        leasedNow(pools, BOB);

        assertEquals(3, servers.opened());
    }

    @Test
    void aSiblingsIdleConnectionIsClosedToMakeRoomForAWaiter() {
        Pools pools = new Pools(databaseLimit(1), servers);
        pools.pool(ALICE).release(leasedNow(pools, ALICE));

        Future<PooledServer> bobs = lease(pools, BOB);

        assertTerminated(servers.channel(0));
        assertSame(servers.channel(1), bobs.getNow().channel());
        assertEquals(0, pools.pool(ALICE).stats().idle());
    }

    @Test
    void aConnectionASiblingDiscardsGoesToAWaiter() {
        Pools pools = new Pools(databaseLimit(1), servers);
        PooledServer alices = leasedNow(pools, ALICE);
        Future<PooledServer> bobs = lease(pools, BOB);
        assertFalse(bobs.isDone());

        pools.pool(ALICE).discard(alices);

        assertTerminated(servers.channel(0));
        assertSame(servers.channel(1), bobs.getNow().channel());
    }

    /**
     * Bob waits while the database is at max_db_connections with Alice's one connection leased; Alice's transaction
     * ends and her connection goes idle in her pool. PgBouncer closes an idle connection of another pool of the
     * database for a client waiting at the limit; here nothing tells Alice's pool that Bob waits (wanted() runs only
     * when Bob starts waiting, and housekeeping never calls it), so Bob waits until query_wait_timeout (120 s)
     * although the database has an idle connection to spare.
     */
    @Test
    void aConnectionASiblingReleasesToIdleMakesRoomForAWaiter() {
        Pools pools = new Pools(databaseLimit(1), servers);
        PooledServer alices = leasedNow(pools, ALICE);
        Future<PooledServer> bobs = lease(pools, BOB);

        pools.pool(ALICE).release(alices);
        housekeeping(pools, ALICE, BOB);

        assertTrue(bobs.isSuccess(), "Bob still waits while Alice's pool holds the database's one connection idle");
        assertTerminated(servers.channel(0));
    }

    @Test
    void beforeSleepClosesTheIdleConnectionsOfThatBranchOnly() {
        Pools pools = new Pools(databaseLimit(0), servers);
        pools.pool(ALICE).release(leasedNow(pools, ALICE));
        pools.pool(OTHER_BRANCH).release(leasedNow(pools, OTHER_BRANCH));

        assertTrue(pools.beforeSleep("main", BranchState.SUSPENDED).toCompletableFuture().isDone());

        assertTerminated(servers.channel(0));
        assertTrue(servers.channel(1).isActive());
        assertEquals(1, pools.pool(OTHER_BRANCH).stats().idle());
    }

    @Test
    void aDroppedBranchsPoolsCloseAndAreForgotten() {
        Pools pools = new Pools(databaseLimit(0), servers);
        ServerPool pool = pools.pool(ALICE);
        pool.release(leasedNow(pools, ALICE));
        ServerPool otherBranch = pools.pool(OTHER_BRANCH);

        pools.dropped("main");

        assertTerminated(servers.channel(0));
        assertNotSame(pool, pools.pool(ALICE));
        assertSame(otherBranch, pools.pool(OTHER_BRANCH));
    }

    @Test
    void closeClosesEveryIdleConnection() {
        Pools pools = new Pools(databaseLimit(0), servers);
        pools.pool(ALICE).release(leasedNow(pools, ALICE));
        pools.pool(OTHER_BRANCH).release(leasedNow(pools, OTHER_BRANCH));

        pools.close();

        assertTerminated(servers.channel(0));
        assertTerminated(servers.channel(1));
    }

    @Test
    void housekeepingRunsWithTheConfiguredTimeouts() throws InterruptedException {
        PoolConfig config = new PoolConfig(null, 1, null, null, null, null, null, Duration.ofMillis(1), null, null,
                null, null, null, null, null);
        Pools pools = new Pools(config, servers);
        leasedNow(pools, ALICE);
        Future<PooledServer> waiting = lease(pools, ALICE);
        waitPast(Duration.ofMillis(1));

        housekeeping(pools, ALICE);

        assertTrue(waiting.cause() instanceof PoolWaitTimeoutException, String.valueOf(waiting.cause()));
    }
}
