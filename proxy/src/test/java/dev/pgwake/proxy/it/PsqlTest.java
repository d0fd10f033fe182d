package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql (libpq) runs one script straight against PostgreSQL and once through pgwake: what it prints on stdout
 * and stderr, its exit code and the file its {@code \copy ... to} writes must be the same, byte for byte.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PsqlTest {
    private static final Path PSQL = Path.of("/usr/lib/postgresql/15/bin/psql");

    /** Written as TABLE_NAME, replaced per run; the name never appears in the output. */
    private static final String SCRIPT = String.join("\n",
            "\\pset null '(null)'",
            "create table TABLE_NAME (id int primary key, name text, amount numeric(10,2), at timestamptz,",
            "  flag boolean, doc jsonb, bin bytea, tags text[], span interval, uid uuid);",
            "insert into TABLE_NAME values",
            "  (1, 'alpha', 12.50, '2024-01-02 03:04:05+00', true, '{\"a\": 1, \"b\": [1, 2]}', '\\x0102ff', '{x,y}',",
            "   '1 day 02:03:04', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),",
            "  (2, 'beta \"quoted\", with comma', -3.25, '2023-12-31 23:59:59.123456+00', false, '[1, 2, 3]', '',",
            "   '{}', '-5 minutes', null),",
            "  (3, null, null, null, null, null, null, null, null, null);",
            "\\copy TABLE_NAME (id, name, amount, flag) from 'in.csv' with (format csv)",
            "select * from TABLE_NAME order by id;",
            "select 1/0;",
            "select count(*) as rows, sum(amount) as total, string_agg(name, '|' order by id) as names from TABLE_NAME;",
            "do $$ begin raise notice 'table has % rows', (select count(*) from TABLE_NAME); end $$;",
            "\\copy (select id, name, amount, flag from TABLE_NAME order by id) to stdout with (format csv, header)",
            "\\copy TABLE_NAME to 'out.csv' with (format csv)",
            "select 'caf\u00e9 \u00df \u4e2d' as unicode, E'tab\\there' as escaped, repeat('long', 40) as wide;",
            "\\x on",
            "select * from TABLE_NAME where id = 1;",
            "\\x off",
            "drop table TABLE_NAME;",
            "");
    private static final String CSV = "4,\"delta, from csv\",100.01,true\n5,\u00e9psilon,,false\n";

    /** What one psql run left behind. */
    private record Run(int exitCode, String stdout, String stderr, String copiedOut) {
    }

    @Test
    void aScriptPrintsTheSameDirectlyAndThroughPgwake(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PSQL), PSQL + " is not installed");
        PostgresFixture postgres = PostgresFixture.shared();
        Run direct = psql(Files.createDirectory(dir.resolve("direct")), postgres.port());
        Run proxied;
        try (Pgwake pgwake = Pgwake.start("")) {
            proxied = psql(Files.createDirectory(dir.resolve("through-pgwake")), pgwake.port());
        }

        assertTrue(direct.stdout().contains("beta \"quoted\", with comma"), direct.stdout());
        assertTrue(direct.stdout().contains("4,\"delta, from csv\",100.01,t"), direct.stdout());
        assertTrue(direct.stderr().contains("psql:script.sql:12: ERROR:  division by zero"), direct.stderr());
        assertTrue(direct.stderr().contains("NOTICE:  table has 5 rows"), direct.stderr());
        assertEquals(5, direct.copiedOut().lines().count(), direct.copiedOut());

        assertEquals(direct.stdout(), proxied.stdout(), "stdout");
        assertEquals(direct.stderr(), proxied.stderr(), "stderr");
        assertEquals(direct.copiedOut(), proxied.copiedOut(), "out.csv");
        assertEquals(direct.exitCode(), proxied.exitCode(), "exit code");
    }

    /** Runs the script in {@code dir} (script.sql and in.csv relative to it) against 127.0.0.1:{@code port}. */
    private static Run psql(Path dir, int port) throws IOException, InterruptedException {
        String table = "psql_it_" + UUID.randomUUID().toString().replace("-", "");
        Files.writeString(dir.resolve("script.sql"), SCRIPT.replace("TABLE_NAME", table), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("in.csv"), CSV, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(List.of(PSQL.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=0",
                "-f", "script.sql")).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("LC_"));
        env.putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(port), "PGUSER", PostgresFixture.SUPERUSER,
                "PGDATABASE", "postgres", "PGSSLMODE", "disable", "PGGSSENCMODE", "disable", "PGCONNECT_TIMEOUT", "10",
                "PGTZ", "UTC", "LC_ALL", "C.UTF-8", "HOME", dir.toString()));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("psql against port " + port + " did not finish within 60 s");
        }
        Path out = dir.resolve("out.csv");
        return new Run(process.exitValue(), read(dir.resolve("stdout")), read(dir.resolve("stderr")),
                Files.exists(out) ? read(out) : "(no out.csv)");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
