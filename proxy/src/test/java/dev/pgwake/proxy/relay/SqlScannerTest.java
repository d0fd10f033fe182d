package dev.pgwake.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pgwake.proxy.relay.SessionCommand.Discard.Kind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlScannerTest {
    private static SessionCommand assign(String name, String value) {
        return new SessionCommand.Assign(name, value);
    }

    private static SessionCommand reset(String name) {
        return new SessionCommand.Reset(name);
    }

    private static SessionCommand pin(PinReason reason) {
        return new SessionCommand.Pin(reason);
    }

    private static SessionCommand unpin(PinReason reason) {
        return new SessionCommand.Unpin(reason);
    }

    private static SessionCommand discard(Kind kind) {
        return new SessionCommand.Discard(kind);
    }

    private static Arguments of(String sql, SessionCommand... expected) {
        return Arguments.of(sql, List.of(expected));
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                of("SET search_path = a, \"B\", public", assign("search_path", "a, \"B\", public")),
                of("SET search_path TO a, \"B\", public;", assign("search_path", "a, \"B\", public")),
                of("set TimeZone = 'UTC'", assign("timezone", "'UTC'")),
                of("SET TIME ZONE 'UTC'", assign("timezone", "'UTC'")),
                of("set time  zone\n'Europe/Berlin'", assign("timezone", "'Europe/Berlin'")),
                of("SET TIME ZONE -7", assign("timezone", "-7")),
                of("SET TIME ZONE LOCAL", reset("timezone")),
                of("SET TIME ZONE DEFAULT", reset("timezone")),
                of("SET SCHEMA 'app'", assign("search_path", "'app'")),
                of("SET NAMES 'UTF8'", assign("client_encoding", "'UTF8'")),
                of("SET NAMES", reset("client_encoding")),
                of("SET NAMES DEFAULT", reset("client_encoding")),
                of("SET statement_timeout = 5000", assign("statement_timeout", "5000")),
                of("SET statement_timeout TO '5s'", assign("statement_timeout", "'5s'")),
                of("SET enable_seqscan TO on", assign("enable_seqscan", "on")),
                of("SET extra_float_digits = -1", assign("extra_float_digits", "-1")),
                of("SET \"myapp.x\" = 1", assign("myapp.x", "1")),
                of("SET myapp.\"UserId\" = 42", assign("myapp.UserId", "42")),
                of("SET MyApp.Tenant = 'acme'", assign("myapp.tenant", "'acme'")),
                of("SET SESSION work_mem = '64MB'", assign("work_mem", "'64MB'")),
                of("SET SESSION TIME ZONE 'UTC'", assign("timezone", "'UTC'")),
                of("SET work_mem TO DEFAULT", reset("work_mem")),
                of("SET work_mem = default", reset("work_mem")),
                of("SET application_name = \"default\"", assign("application_name", "\"default\"")),
                of("SET extra_float_digits = 3 -- for pgjdbc", assign("extra_float_digits", "3")),
                of("SET search_path = a, /* b, */ c", assign("search_path", "a, /* b, */ c")),
                of("SET myapp.quote = E'it\\'s'", assign("myapp.quote", "E'it\\'s'")),
                of("SET myapp.quote = 'it''s'", assign("myapp.quote", "'it''s'")),
                of("SET myapp.quote = $$it's$$", assign("myapp.quote", "$$it's$$")),
                of("SET XML OPTION DOCUMENT", assign("xmloption", "DOCUMENT")),
                of("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
                        assign("default_transaction_isolation", "'repeatable read'"),
                        assign("default_transaction_read_only", "on")),
                of("set session characteristics as transaction not deferrable read write "
                        + "isolation level serializable",
                        assign("default_transaction_deferrable", "off"),
                        assign("default_transaction_read_only", "off"),
                        assign("default_transaction_isolation", "'serializable'")),
                of("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED DEFERRABLE",
                        assign("default_transaction_isolation", "'read committed'"),
                        assign("default_transaction_deferrable", "on")),
                of("RESET search_path", reset("search_path")),
                of("RESET TimeZone", reset("timezone")),
                of("RESET TIME ZONE", reset("timezone")),
                of("reset all", new SessionCommand.ResetAll()),
                of("RESET \"myapp.X\"", reset("myapp.X")),
                of("RESET myapp.x;", reset("myapp.x")));
    }

    static Stream<Arguments> pins() {
        return Stream.of(
                of("LISTEN jobs", pin(PinReason.LISTEN)),
                of("listen \"Jobs\";", pin(PinReason.LISTEN)),
                of("UNLISTEN *", unpin(PinReason.LISTEN)),
                of("CREATE TEMP TABLE t (a int)", pin(PinReason.TEMP_OBJECT)),
                of("CREATE TEMPORARY TABLE IF NOT EXISTS t (a int)", pin(PinReason.TEMP_OBJECT)),
                of("CREATE GLOBAL TEMPORARY TABLE t (a int)", pin(PinReason.TEMP_OBJECT)),
                of("create local temp table t (a int) on commit delete rows", pin(PinReason.TEMP_OBJECT)),
                of("CREATE TEMP UNLOGGED TABLE t (a int)", pin(PinReason.TEMP_OBJECT)),
                of("CREATE TEMP VIEW v AS SELECT 1", pin(PinReason.TEMP_OBJECT)),
                of("CREATE OR REPLACE TEMP VIEW v AS SELECT 1", pin(PinReason.TEMP_OBJECT)),
                of("CREATE TEMP RECURSIVE VIEW v (n) AS VALUES (1)", pin(PinReason.TEMP_OBJECT)),
                of("CREATE TEMPORARY SEQUENCE s", pin(PinReason.TEMP_OBJECT)),
                of("CREATE TEMP TABLE t AS SELECT * FROM accounts", pin(PinReason.TEMP_OBJECT)),
                of("CREATE TABLE pg_temp.t (a int)", pin(PinReason.TEMP_OBJECT)),
                of("CREATE FUNCTION pg_temp.f() RETURNS int AS 'SELECT 1' LANGUAGE sql",
                        pin(PinReason.TEMP_OBJECT)),
                of("SELECT * INTO TEMP t FROM accounts", pin(PinReason.TEMP_OBJECT)),
                of("SELECT a INTO TEMPORARY TABLE t FROM accounts", pin(PinReason.TEMP_OBJECT)),
                of("select 1 into local temp t", pin(PinReason.TEMP_OBJECT)),
                of("WITH c AS (SELECT 1 AS a) SELECT a INTO TEMP t FROM c", pin(PinReason.TEMP_OBJECT)),
                of("((SELECT 1 INTO TEMP t))", pin(PinReason.TEMP_OBJECT)),
                of("DISCARD TEMP", discard(Kind.TEMP), unpin(PinReason.TEMP_OBJECT)),
                of("discard temporary", discard(Kind.TEMP), unpin(PinReason.TEMP_OBJECT)),
                of("DECLARE c CURSOR WITH HOLD FOR SELECT 1", pin(PinReason.HOLD_CURSOR)),
                of("DECLARE c BINARY INSENSITIVE NO SCROLL CURSOR WITH HOLD FOR SELECT 1",
                        pin(PinReason.HOLD_CURSOR)),
                of("declare \"C\" scroll cursor with hold for select 1", pin(PinReason.HOLD_CURSOR)),
                of("CLOSE ALL", unpin(PinReason.HOLD_CURSOR)),
                of("PREPARE q AS SELECT 1", pin(PinReason.SQL_PREPARE)),
                of("PREPARE q (int, text) AS SELECT $1, $2", pin(PinReason.SQL_PREPARE)),
                of("PREPARE transaction AS SELECT 1", pin(PinReason.SQL_PREPARE)),
                of("DEALLOCATE ALL", new SessionCommand.DeallocateAll(), unpin(PinReason.SQL_PREPARE)),
                of("deallocate prepare all", new SessionCommand.DeallocateAll(), unpin(PinReason.SQL_PREPARE)),
                of("SET ROLE admin", pin(PinReason.ROLE)),
                of("SET SESSION ROLE admin", pin(PinReason.ROLE)),
                of("SET role TO 'admin'", pin(PinReason.ROLE)),
                of("SET ROLE 'NONE'", pin(PinReason.ROLE)),
                of("SET SESSION AUTHORIZATION bob", pin(PinReason.ROLE)),
                of("SET SESSION SESSION AUTHORIZATION 'bob'", pin(PinReason.ROLE)),
                of("SET session_authorization = 'bob'", pin(PinReason.ROLE)),
                of("SET ROLE NONE", unpin(PinReason.ROLE)),
                of("set role = none", unpin(PinReason.ROLE)),
                of("SET ROLE 'none'", unpin(PinReason.ROLE)),
                of("SET role TO DEFAULT", unpin(PinReason.ROLE)),
                of("RESET ROLE", unpin(PinReason.ROLE)),
                of("RESET SESSION AUTHORIZATION", unpin(PinReason.ROLE)),
                of("RESET session_authorization", unpin(PinReason.ROLE)),
                of("SET SESSION AUTHORIZATION DEFAULT", unpin(PinReason.ROLE)),
                of("DISCARD ALL", discard(Kind.ALL)),
                of("DISCARD PLANS", discard(Kind.PLANS)),
                of("DISCARD SEQUENCES", discard(Kind.SEQUENCES)));
    }

    static Stream<Arguments> advisoryLocks() {
        return Stream.of(
                of("SELECT pg_advisory_lock(1)", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT pg_advisory_lock_shared(1)", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT pg_try_advisory_lock(1, 2)", pin(PinReason.ADVISORY_LOCK)),
                of("select PG_TRY_ADVISORY_LOCK_SHARED(42)", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT pg_catalog.pg_advisory_lock(1)", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT \"pg_advisory_lock\"(1)", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT pg_advisory_lock ($1)", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT pg_advisory_lock/* key */(hashtext('job'))", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT id FROM jobs WHERE pg_try_advisory_lock(id) LIMIT 1", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT * FROM (SELECT pg_advisory_lock(1)) s", pin(PinReason.ADVISORY_LOCK)),
                of("WITH l AS (SELECT pg_advisory_lock(7)) SELECT * FROM l", pin(PinReason.ADVISORY_LOCK)),
                of("(SELECT pg_advisory_lock(7))", pin(PinReason.ADVISORY_LOCK)),
                of("UPDATE t SET locked = pg_try_advisory_lock(id)", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT pg_advisory_unlock_all()", unpin(PinReason.ADVISORY_LOCK)),
                of("SELECT pg_advisory_lock(1), pg_advisory_unlock_all(), pg_try_advisory_lock(2)",
                        pin(PinReason.ADVISORY_LOCK), unpin(PinReason.ADVISORY_LOCK), pin(PinReason.ADVISORY_LOCK)),
                of("CREATE TEMP TABLE t AS SELECT pg_advisory_lock(1)",
                        pin(PinReason.TEMP_OBJECT), pin(PinReason.ADVISORY_LOCK)));
    }

    static Stream<Arguments> multipleStatements() {
        return Stream.of(
                of("SET myapp.a = 1; SELECT 1; LISTEN c; SET LOCAL work_mem = '1MB'; RESET ALL",
                        assign("myapp.a", "1"), pin(PinReason.LISTEN), new SessionCommand.ResetAll()),
                of("BEGIN; SET statement_timeout = 0; COMMIT;", assign("statement_timeout", "0"),
                        new SessionCommand.Commit()),
                of("SET statement_timeout = 5; ROLLBACK", assign("statement_timeout", "5"),
                        new SessionCommand.Rollback()),
                of("begin; set a.b = 1; abort work; set c.d = 2; end", assign("a.b", "1"), new SessionCommand.Rollback(),
                        assign("c.d", "2"), new SessionCommand.Commit()),
                of("SET a.b = 1; ROLLBACK TRANSACTION", assign("a.b", "1"), new SessionCommand.Rollback()),
                of("SET a.b = 1; ROLLBACK PREPARED 'x'; COMMIT PREPARED 'y'", assign("a.b", "1")),
                of("ROLLBACK; SET a.b = 1; COMMIT", assign("a.b", "1"), new SessionCommand.Commit()),
                of(";;; SET myapp.b = 2 ;;", assign("myapp.b", "2")),
                of("SELECT pg_advisory_lock(1); DISCARD ALL", pin(PinReason.ADVISORY_LOCK), discard(Kind.ALL)),
                of("SET a.b = 'x;y'; SET c.d = $$;$$", assign("a.b", "'x;y'"), assign("c.d", "$$;$$")),
                of("SELECT 'a\\'; SET x.y = 1", assign("x.y", "1")),
                of("SELECT 1;SET x.y=1;SELECT 2", assign("x.y", "1")),
                of("SET ROLE a; SET TIME ZONE 'UTC'; RESET ROLE",
                        pin(PinReason.ROLE), assign("timezone", "'UTC'"), unpin(PinReason.ROLE)));
    }

    static Stream<Arguments> oddLayout() {
        return Stream.of(
                of("\n\t SET\n\tsearch_path\r\n=\n  public ,app \n;", assign("search_path", "public ,app")),
                of("SET/**/work_mem/**/=/**/'1MB'", assign("work_mem", "'1MB'")),
                of("set\fstatement_timeout\u000B=\t1", assign("statement_timeout", "1")),
                of("-- first\nSET -- name next\nwork_mem -- then\n= -- value\n'2MB' -- done",
                        assign("work_mem", "'2MB'")),
                of("/* a /* nested */ comment */ LISTEN c", pin(PinReason.LISTEN)),
                of("  LiStEn   c  ", pin(PinReason.LISTEN)));
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                of("SET myapp.a = 1; SELECT \"abc", assign("myapp.a", "1")),
                of("SET myapp.a = 1; SELECT 'abc", assign("myapp.a", "1")),
                of("SET myapp.a = 1; SELECT $$abc", assign("myapp.a", "1")),
                of("SET myapp.a = 1; SELECT $t$ abc $t", assign("myapp.a", "1")),
                of("SET myapp.a = 1; SELECT E'abc\\'", assign("myapp.a", "1")),
                of("SET myapp.a = 1 /* SET myapp.b = 2", assign("myapp.a", "1")),
                of("SET myapp.a = 1; -- SET myapp.b = 2", assign("myapp.a", "1")),
                of("SET myapp.a = 'abc"),
                of("LISTEN \"chan"),
                of("SELECT pg_advisory_lock(1); SELECT 'x", pin(PinReason.ADVISORY_LOCK)),
                of("SELECT 1; /* SET x.y = 1 /* */"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"settings", "pins", "advisoryLocks", "multipleStatements", "oddLayout", "unterminated"})
    void scans(String sql, List<SessionCommand> expected) {
        assertEquals(expected, SqlScanner.scan(sql));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "SELECT abalance FROM pgbench_accounts WHERE aid = $1",
        "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
        "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)",
        "BEGIN", "COMMIT", "ROLLBACK", "END", "START TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        "", "   ", ";", ";;", "-- only a comment", "/* only a comment */",
        // inside strings, comments, dollar quotes and identifiers
        "SELECT 'SET x = 1'", "SELECT 'it''s; SET x = 1'", "SELECT E'\\'; SET x = 1'",
        "-- SET x = 1", "/* SET x = 1 */ SELECT 1", "/* /* */ SET x = 1 */ SELECT 1",
        "SELECT $$; SET x = 1; $$", "SELECT $t$ $$; SET x = 1; $$ $t$", "SELECT $a$ $b$; LISTEN c; $b$ $a$",
        "SELECT \"listen\" FROM t", "SELECT listen FROM t", "SELECT \"a\"\";SET x=1\" FROM t",
        "SELECT 'pg_advisory_lock(1)'", "SELECT $$pg_advisory_lock(1)$$", "SELECT 1 -- pg_advisory_lock(1)",
        "DO $$BEGIN PERFORM pg_advisory_lock(1); CREATE TEMP TABLE t (); END$$",
        "CREATE FUNCTION f() RETURNS void AS $$ LISTEN c $$ LANGUAGE sql",
        // not session state, or not the real thing
        "SET LOCAL statement_timeout = 1", "set local role admin", "SET LOCAL TIME ZONE 'UTC'",
        "SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE", "set time zone interval '-08:00'", // the report tells
        "SET LOCAL SESSION AUTHORIZATION bob", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        "SET TRANSACTION SNAPSHOT '00000003-0000001B-1'", "SET transaction_isolation = 'serializable'",
        "SET CONSTRAINTS ALL DEFERRED", "SET work_mem FROM CURRENT", "SET CATALOG 'db'", "SET ROLE",
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL BOGUS", "RESET TRANSACTION ISOLATION LEVEL",
        "PREPARE TRANSACTION 'tx1'", "COMMIT PREPARED 'tx1'", "EXECUTE q(1)",
        "DEALLOCATE q", "DEALLOCATE PREPARE q", "UNLISTEN jobs", "CLOSE c", "NOTIFY jobs",
        "DECLARE c CURSOR FOR SELECT 1", "DECLARE c CURSOR WITHOUT HOLD FOR SELECT 1",
        "DECLARE c NO SCROLL CURSOR FOR SELECT 'WITH HOLD'",
        "SELECT pg_advisory_xact_lock(1)", "SELECT pg_try_advisory_xact_lock(1)",
        "SELECT pg_advisory_xact_lock_shared(1)", "SELECT pg_try_advisory_xact_lock_shared(1)",
        "SELECT pg_advisory_unlock(1)", "SELECT my_pg_advisory_lock_wrapper()", "SELECT pg_advisory_lock_x(1)",
        "SELECT pg_advisory_lock FROM t", "SELECT \"PG_ADVISORY_LOCK\"(1)",
        "CREATE TABLE t (a int)", "CREATE TABLE temp (a int)", "CREATE UNLOGGED TABLE t (a int)",
        "CREATE VIEW v AS SELECT 'TEMP'", "CREATE INDEX ON t (a)",
        "INSERT INTO temp VALUES (1)", "WITH c AS (SELECT 1) INSERT INTO temp SELECT * FROM c",
        "MERGE INTO temp t USING s ON t.id = s.id WHEN MATCHED THEN DO NOTHING",
        "SELECT 1 INTO t", "SELECT 1 INTO TEMPLATE t",
    })
    void ordinary(String sql) {
        assertEquals(List.of(), SqlScanner.scan(sql));
    }

    @Test
    void ordinaryStatementsShareOneImmutableEmptyList() {
        List<SessionCommand> select = SqlScanner.scan("SELECT abalance FROM pgbench_accounts WHERE aid = $1");
        assertSame(select, SqlScanner.scan("COMMIT"));
        assertSame(select, SqlScanner.scan(""));
        assertThrows(UnsupportedOperationException.class, () -> select.add(new SessionCommand.ResetAll()));
    }

    @Test
    void commandsFoundAreImmutable() {
        List<SessionCommand> found = SqlScanner.scan("LISTEN c");
        assertThrows(UnsupportedOperationException.class, () -> found.add(new SessionCommand.ResetAll()));
    }

    /** Every prefix of a text with every construct ends inside it somewhere: none may throw or loop. */
    @Test
    @Timeout(30)
    void everyPrefixScans() {
        String sql = "/* a /* b */ c */ SET \"my.x\" = E'it\\'s', 'it''s', $t$x$t$ -- c\n;"
                + " SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY;"
                + " DECLARE c BINARY SCROLL CURSOR WITH HOLD FOR SELECT pg_catalog.pg_advisory_lock($1);"
                + " SELECT \"a\"\"b\" INTO LOCAL TEMP TABLE t FROM x WHERE y = U&'\\0041' AND z = 1.5e3;"
                + " CREATE OR REPLACE GLOBAL TEMP VIEW v AS SELECT $$ $ $$; PREPARE TRANSACTION 'p';"
                + " RESET TIME ZONE; SET TIME ZONE LOCAL; DEALLOCATE PREPARE ALL; UNLISTEN *; CLOSE ALL;";
        for (int end = 0; end <= sql.length(); end++) {
            String prefix = sql.substring(0, end);
            assertDoesNotThrow(() -> SqlScanner.scan(prefix), prefix);
        }
    }

    @Test
    void pinReasonsHaveTexts() {
        assertEquals("LISTEN", PinReason.LISTEN.text());
        for (PinReason reason : PinReason.values()) {
            assertEquals(false, reason.text().isBlank(), reason.name());
        }
    }
}
