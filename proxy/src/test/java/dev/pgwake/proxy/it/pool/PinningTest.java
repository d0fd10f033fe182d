package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Session state that cannot move between server connections pins its client to the one it was made on: LISTEN,
 * temporary tables, WITH HOLD cursors, SQL PREPARE, session advisory locks. The pinned client keeps its backend
 * (and its state) across transactions while others share the rest of the pool; nobody else runs on the pinned
 * backend; with {@code pool_size: 1} the next client waits until the pinned one leaves or undoes its state, and
 * then finds none of it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PinningTest {
    private static final String DATABASE = "pool_pinning";
    private static final String USER = PostgresFixture.TRUST_USER;
    private static final String CHANNEL = "pinned_channel";
    private static final int LOCK_KEY = 4242;
    private static final int ROUNDS = 8;
    /** How long a client that should be waiting for the pinned server connection is watched before it may go on. */
    private static final long STILL_WAITING_MILLIS = 500;

    private static DirectServer server;
    private static PoolingPgwake pgwake;

    /** One kind of session state: the statement that makes it, one that undoes it, and a count of what is left. */
    enum Pin {
        LISTEN("listen " + CHANNEL, "unlisten *", "select count(*) from pg_listening_channels()"),
        TEMP_TABLE("create temp table pinned_temp (v int)", "discard all",
                "select count(*) from pg_class where relname = 'pinned_temp' and pg_table_is_visible(oid)"),
        HOLD_CURSOR("declare pinned_cursor cursor with hold for select g from generate_series(1, 1000) g",
                "discard all", "select count(*) from pg_cursors where name = 'pinned_cursor'"),
        SQL_PREPARE("prepare pinned_plan(int) as select $1 * 2", "discard all",
                "select count(*) from pg_prepared_statements where name = 'pinned_plan'"),
        ADVISORY_LOCK("select pg_advisory_lock(" + LOCK_KEY + ")", "discard all",
                "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()");

        final String make;
        final String undo;
        final String leftOver;

        Pin(String make, String undo, String leftOver) {
            this.make = make;
            this.undo = undo;
            this.leftOver = leftOver;
        }
    }

    @BeforeAll
    static void start() throws SQLException {
        server = DirectServer.shared();
        server.createDatabase(DATABASE);
        pgwake = PoolingPgwake.start("pool:\n  pool_mode: transaction\n  pool_size: 2\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Pin.class)
    void aPinnedClientKeepsItsBackendAndItsStateWhileOthersShareTheRest(Pin pin) throws Exception {
        try (Connection pinned = pgwake.connect(DATABASE, USER); Connection notifier = pgwake.connect(DATABASE, USER);
             Connection direct = server.connect(DATABASE)) {
            Sql.execute(pinned, pin.make);
            int pinnedPid = Sql.backendPid(pinned);
            Set<Integer> othersPids = new ConcurrentSkipListSet<>();
            CompletableFuture<Void> others = Background.start("others", () -> {
                ConcurrentClients.run(4, Duration.ofSeconds(40), client -> {
                    try (Connection other = pgwake.connect(DATABASE, USER)) {
                        for (int i = 0; i < 40; i++) {
                            othersPids.add(Sql.backendPid(other));
                        }
                    }
                });
                return null;
            });
            for (int round = 0; round < ROUNDS; round++) {
                boolean inTransaction = round % 2 == 1;
                pinned.setAutoCommit(!inTransaction);
                use(pin, pinned, round, round % 2 == 0 ? direct : notifier);
                assertEquals(pinnedPid, Sql.backendPid(pinned), pin + ": round " + round + " ran on another backend");
                if (inTransaction) {
                    pinned.commit();
                }
            }
            pinned.setAutoCommit(true);
            others.get(45, TimeUnit.SECONDS);
            assertFalse(othersPids.contains(pinnedPid), pin + ": other clients ran on the pinned backend "
                    + pinnedPid + " (theirs: " + othersPids + ")");
        }
    }

    /** Uses the state {@code pin} made, as round {@code round} of it; {@code notifier} sends the NOTIFY for LISTEN. */
    private static void use(Pin pin, Connection pinned, int round, Connection notifier) throws SQLException {
        String what = pin + " round " + round;
        switch (pin) {
            case LISTEN -> {
                Sql.execute(notifier, "notify " + CHANNEL + ", 'round " + round + "'");
                PGNotification[] notifications = pinned.unwrap(PGConnection.class).getNotifications(10_000);
                assertNotNull(notifications, what + ": no notification within 10 s");
                assertEquals(1, notifications.length, what);
                assertEquals(CHANNEL, notifications[0].getName(), what);
                assertEquals("round " + round, notifications[0].getParameter(), what);
            }
            case TEMP_TABLE -> {
                Sql.execute(pinned, "insert into pinned_temp values (" + round + ")");
                assertEquals(Integer.toString(round + 1), Sql.one(pinned, "select count(*) from pinned_temp"), what);
            }
            case HOLD_CURSOR -> assertEquals(Integer.toString(round + 1),
                    Sql.one(pinned, "fetch 1 from pinned_cursor"), what);
            case SQL_PREPARE -> assertEquals(Integer.toString(round * 2),
                    Sql.one(pinned, "execute pinned_plan(" + round + ")"), what);
            case ADVISORY_LOCK -> {
                assertEquals("1", Sql.one(pinned, pin.leftOver), what + ": lock not held by this backend");
                assertEquals("1", Sql.one(notifier, "select count(*) from pg_locks where locktype = 'advisory'"
                        + " and objid = " + LOCK_KEY + " and granted"), what);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Pin.class)
    void withPoolSizeOneTheNextClientGetsTheServerOnceThePinnedClientLeaves(Pin pin) throws Exception {
        try (PoolingPgwake single = PoolingPgwake.start("pool:\n  pool_size: 1\n  query_wait_timeout: 30s\n");
             Connection next = single.connect(DATABASE, USER)) {
            CompletableFuture<String> waiting;
            try (Connection pinned = single.connect(DATABASE, USER)) {
                Sql.execute(pinned, pin.make);
                waiting = Background.start("next", () -> Sql.one(next, pin.leftOver));
                assertStillWaiting(waiting, pin + ": the next client ran while the pinned one held the only server");
                assertEquals("1", Sql.one(pinned, pin.leftOver), pin + ": the pinned client's own state");
            }
            assertEquals("0", waiting.get(20, TimeUnit.SECONDS), pin + ": state the pinned client left behind");
            assertEquals("0", Sql.one(next, pin.leftOver), pin + ": state the pinned client left behind");
        }
        if (pin == Pin.ADVISORY_LOCK) {
            try (Connection direct = server.connect(DATABASE)) {
                Await.until(Duration.ofSeconds(10), () -> Sql.one(direct, "select count(*) from pg_locks"
                        + " where locktype = 'advisory' and objid = " + LOCK_KEY), "0"::equals,
                        "advisory locks of a client that left");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Pin.class)
    void withPoolSizeOneUndoingTheStateUnpinsTheClient(Pin pin) throws Exception {
        try (PoolingPgwake single = PoolingPgwake.start("pool:\n  pool_size: 1\n  query_wait_timeout: 30s\n");
             Connection pinned = single.connect(DATABASE, USER);
             Connection next = single.connect(DATABASE, USER)) {
            Sql.execute(pinned, pin.make);
            CompletableFuture<String> waiting = Background.start("next", () -> Sql.one(next, "select 'next ran'"));
            assertStillWaiting(waiting, pin + ": the next client ran while the pinned one held the only server");
            Sql.execute(pinned, pin.undo);
            assertEquals("next ran", waiting.get(20, TimeUnit.SECONDS), pin + ": after " + pin.undo);
            assertEquals("0", Sql.one(pinned, pin.leftOver), pin + ": after " + pin.undo);
            assertEquals("0", Sql.one(next, pin.leftOver), pin + ": seen by the next client");
        }
    }

    /**
     * The client behind {@code waiting} should be queued for the pool's one server connection: watched for a
     * moment, its query must not have completed. (A wrong pass is possible on a slow machine, a wrong failure not.)
     */
    private static void assertStillWaiting(CompletableFuture<String> waiting, String message) throws Exception {
        Thread.sleep(STILL_WAITING_MILLIS);
        assertFalse(waiting.isDone(), message + (waiting.isDone() ? " (it got: " + waiting.getNow(null) + ")" : ""));
    }
}
