package dev.pgwake.proxy.pool;

import static dev.pgwake.proxy.pool.EmbeddedServers.ENDPOINT;
import static dev.pgwake.proxy.pool.PoolFixture.assertTerminated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.Endpoint;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerPool}: leasing, waiting in order, giving back, discarding and failed opens, with connections over
 * {@link EmbeddedChannel}s (see {@link PoolFixture}).
 */
class ServerPoolTest {
    private static final Endpoint ELSEWHERE = new Endpoint("127.0.0.2", 5432);

    private final PoolFixture fixture = new PoolFixture();
    private final EmbeddedServers servers = fixture.servers;
    private final EventLoop loop = fixture.loop;

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
    void aFirstLeaseOpensAConnectionToTheEndpointOnTheClientsLoop() {
        PooledServer server = leased();

        assertEquals(1, servers.opened());
        EmbeddedServers.Request request = servers.requests().get(0);
        assertSame(loop, request.loop());
        assertEquals(ENDPOINT, request.endpoint());
        assertEquals(PoolFixture.KEY, request.key());
        assertSame(servers.channel(0), server.channel());
        assertEquals(PoolFixture.KEY, server.key());
        assertEquals(ENDPOINT, server.endpoint());
        assertCounts(1, 0, 0, 0);
        assertEquals(1, pool().stats().leases());
    }

    @Test
    void aReleasedConnectionIsLeasedAgainWithoutOpeningAnother() {
        PooledServer first = leased();
        pool().release(first);
        assertCounts(0, 1, 0, 0);

        PooledServer second = leased();

        assertSame(first, second);
        assertEquals(1, servers.opened());
        assertCounts(1, 0, 0, 0);
        assertEquals(2, pool().stats().leases());
    }

    @Test
    void whilePoolSizeConnectionsAreLeasedClientsWaitAndAreServedFirstComeFirstServed() {
        fixture.poolSize = 2;
        PooledServer a = leased();
        PooledServer b = leased();
        Future<PooledServer> third = lease();
        Future<PooledServer> fourth = lease();

        assertEquals(2, servers.opened());
        assertFalse(third.isDone());
        assertFalse(fourth.isDone());
        assertCounts(2, 0, 0, 2);

        pool().release(b);
        assertSame(b, third.getNow());
        assertFalse(fourth.isDone());
        assertCounts(2, 0, 0, 1);

        pool().release(a);
        assertSame(a, fourth.getNow());
        assertCounts(2, 0, 0, 0);
        assertEquals(2, servers.opened());
    }

    @Test
    void aWaiterThatGaveUpIsPassedOver() {
        PooledServer held = leased();
        Future<PooledServer> gaveUp = lease();
        Future<PooledServer> waits = lease();

        assertTrue(gaveUp.cancel(false));
        pool().release(held);

        assertSame(held, waits.getNow());
        assertCounts(1, 0, 0, 0);
    }

    @Test
    void aConnectionReleasedWithOnlyWaitersThatGaveUpGoesIdle() {
        PooledServer held = leased();
        Future<PooledServer> gaveUp = lease();
        gaveUp.cancel(false);

        pool().release(held);

        assertCounts(0, 1, 0, 0);
        assertSame(held, leased());
    }

    @Test
    void theMostRecentlyReleasedIdleConnectionIsLeasedFirst() {
        fixture.poolSize = 2;
        PooledServer a = leased();
        PooledServer b = leased();
        pool().release(a);
        pool().release(b);

        assertSame(b, leased());
        assertSame(a, leased());
    }

    @Test
    void anIdleConnectionOnTheClientsOwnLoopIsPreferred() {
        fixture.poolSize = 2;
        PooledServer a = leased();
        PooledServer b = leased();
        pool().release(a);
        pool().release(b);

        Future<PooledServer> onLoopOfA = pool().lease(a.eventLoop(), ENDPOINT);

        assertSame(a, onLoopOfA.getNow());
    }

    @Test
    void leaseNowTakesAnIdleConnectionWithoutAFuture() {
        PooledServer server = leased();
        pool().release(server);

        assertSame(server, pool().leaseNow(loop, ENDPOINT));

        assertCounts(1, 0, 0, 0);
        assertEquals(2, pool().stats().leases());
        assertNull(pool().leaseNow(loop, ENDPOINT), "none idle now");
    }

    @Test
    void leaseNowPrefersAnIdleConnectionOnTheClientsOwnLoop() {
        fixture.poolSize = 2;
        PooledServer a = leased();
        PooledServer b = leased();
        pool().release(a);
        pool().release(b);

        assertSame(a, pool().leaseNow(a.eventLoop(), ENDPOINT));
    }

    @Test
    void leaseNowIsNullBeforeAnyConnectionIsOpen() {
        assertNull(pool().leaseNow(loop, ENDPOINT));
        assertEquals(0, servers.opened());
    }

    @Test
    void leaseNowIsNullForAnotherEndpointAndLeavesTheIdleConnectionAlone() {
        PooledServer server = leased();
        pool().release(server);

        assertNull(pool().leaseNow(loop, ELSEWHERE));

        assertCounts(0, 1, 0, 0);
        assertTrue(server.channel().isActive());
        assertSame(server, pool().leaseNow(loop, ENDPOINT));
    }

    @Test
    void leaseNowIsNullWhileAClientWaits() {
        PooledServer held = leased();
        Future<PooledServer> waiting = lease();

        assertNull(pool().leaseNow(loop, ENDPOINT));

        pool().release(held);
        assertSame(held, waiting.getNow(), "the waiter keeps its turn");
    }

    @Test
    void leaseNowIsNullForAConnectionIdlePastServerCheckDelay() {
        fixture.serverCheckDelay = Duration.ZERO; // always checked
        PooledServer server = leased();
        pool().release(server);

        assertNull(pool().leaseNow(loop, ENDPOINT));

        assertCounts(0, 1, 0, 0);
    }

    @Test
    void leaseNowIsNullForAnIdleConnectionWhoseServerIsGone() {
        PooledServer server = leased();
        pool().release(server);
        server.markBroken();

        assertNull(pool().leaseNow(loop, ENDPOINT));
    }

    @Test
    void aFailedOpenFailsItsClientAndFreesItsPlace() {
        servers.manual();
        Future<PooledServer> first = lease();
        Future<PooledServer> second = lease();
        assertCounts(0, 0, 1, 1);
        IOException refused = new IOException("connection refused");

        servers.failNext(refused);

        assertSame(refused, first.cause());
        assertEquals(1, servers.pendingOpens(), "the waiter's turn: another open");
        assertCounts(0, 0, 1, 0);
        servers.completeNext();
        assertSame(servers.channel(0), second.getNow().channel());
        assertCounts(1, 0, 0, 0);
    }

    @Test
    void aConnectionOpenedForAClientThatGaveUpGoesIdle() {
        servers.manual();
        Future<PooledServer> lease = lease();
        lease.cancel(false);

        servers.completeNext();

        assertCounts(0, 1, 0, 0);
        assertEquals(0, pool().stats().leases());
    }

    @Test
    void aConnectionOpenedForAClientThatGaveUpGoesToTheNextWaiter() {
        servers.manual();
        Future<PooledServer> gaveUp = lease();
        Future<PooledServer> waits = lease();
        gaveUp.cancel(false);

        servers.completeNext();

        assertSame(servers.channel(0), waits.getNow().channel());
        assertCounts(1, 0, 0, 0);
    }

    @Test
    void aDiscardedConnectionIsTerminatedAndAWaiterGetsANewOne() {
        PooledServer held = leased();
        Future<PooledServer> waiting = lease();

        pool().discard(held);

        assertTerminated(servers.channel(0));
        assertEquals(2, servers.opened());
        assertSame(servers.channel(1), waiting.getNow().channel());
        assertCounts(1, 0, 0, 0);
    }

    @Test
    void aDiscardedConnectionWithNobodyWaitingLeavesAnEmptyPool() {
        pool().discard(leased());

        assertTerminated(servers.channel(0));
        assertCounts(0, 0, 0, 0);
        leased();
        assertEquals(2, servers.opened());
    }

    @Test
    void aConnectionWithACancelRequestOnItsWayComesBackOnlyAfterIt() {
        PooledServer server = leased();
        Promise<Void> cancel = loop.newPromise();
        server.cancelling(cancel);

        pool().release(server);
        assertCounts(1, 0, 0, 0);
        cancel.setSuccess(null);

        assertCounts(0, 1, 0, 0);
    }

    @Test
    void aBrokenConnectionIsClosedWhenReleased() {
        PooledServer server = leased();
        server.markBroken();

        pool().release(server);

        assertTerminated(servers.channel(0));
        assertCounts(0, 0, 0, 0);
    }

    @Test
    void aLeaseForANewEndpointClosesConnectionsToTheOldOne() {
        fixture.poolSize = 2;
        PooledServer stillLeased = leased();
        pool().release(leased());

        Future<PooledServer> moved = pool().lease(loop, ELSEWHERE);

        assertTerminated(servers.channel(1));
        assertEquals(ELSEWHERE, servers.requests().get(2).endpoint());
        assertEquals(ELSEWHERE, moved.getNow().endpoint());
        pool().release(stillLeased);
        assertTerminated(servers.channel(0));
        assertCounts(1, 0, 0, 0);
    }

    // --- a connection opened ahead of the end of a wake (hot, warm, cold) ---

    @Test
    void aClientLeasingWhileAPrewarmedConnectionIsOnItsWayWaitsForItInsteadOfOpeningAnother() {
        servers.manual();
        pool().sleep();
        pool().prewarm(loop, ENDPOINT);
        assertCounts(0, 0, 1, 0);
        pool().prewarm(loop, ENDPOINT);
        assertEquals(1, servers.requests().size(), "one at a time");

        Future<PooledServer> lease = lease();
        assertEquals(1, servers.requests().size(), "the client waits for the one on its way");
        assertCounts(0, 0, 1, 1);
        servers.completeNext();

        assertTrue(lease.isSuccess());
        assertSame(servers.channel(0), lease.getNow().channel());
        assertCounts(1, 0, 0, 0);
    }

    @Test
    void aPrewarmedConnectionNobodyClaimedGoesIdleAndServesTheNextLease() {
        servers.manual();
        pool().sleep();
        pool().prewarm(loop, ENDPOINT);
        servers.completeNext();
        assertCounts(0, 1, 0, 0);
        pool().prewarm(loop, ENDPOINT);
        assertEquals(1, servers.requests().size(), "not while one is idle");

        PooledServer server = leased();
        assertSame(servers.channel(0), server.channel());
        assertEquals(1, servers.opened());
    }

    @Test
    void aFailedPrewarmLetsTheClientThatWaitedForItOpenItsOwn() {
        servers.manual();
        pool().sleep();
        pool().prewarm(loop, ENDPOINT);
        Future<PooledServer> lease = lease();
        servers.failNext(new IOException("refused"));
        assertFalse(lease.isDone(), "the client did not ask for that one");
        assertEquals(2, servers.requests().size(), "it opens its own");
        servers.completeNext();
        assertTrue(lease.isSuccess());
        assertCounts(1, 0, 0, 0);
    }

    @Test
    void aPrewarmedConnectionToWhereTheBranchDidNotWakeIsClosed() {
        servers.manual();
        pool().sleep();
        pool().prewarm(loop, ELSEWHERE);
        EmbeddedChannel early = servers.completeNext();
        assertCounts(0, 1, 0, 0);

        Future<PooledServer> lease = lease();
        assertTerminated(early);
        servers.completeNext();
        assertEquals(ENDPOINT, lease.getNow().endpoint());
        assertCounts(1, 0, 0, 0);

        pool().prewarm(loop, ELSEWHERE);
        assertEquals(2, servers.requests().size(), "not into a pool awake elsewhere");
    }
}
