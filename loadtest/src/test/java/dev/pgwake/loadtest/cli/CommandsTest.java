package dev.pgwake.loadtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {

    private static String[] run(String... args) {
        CommandLine cl = Commands.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void helpListsEveryScenario() {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        for (String name : List.of("oltp", "idle", "wake", "storm", "fleet", "bench-table")) {
            assertTrue(r[1].contains("  " + name + " "), name + " in: " + r[1]);
        }
        assertFalse(r[1].contains("not available"), r[1]);
    }

    @Test
    void fleetHelpShowsThePgwakeSettingsItNeeds() {
        String help = run("fleet", "--help")[1];
        assertTrue(help.contains("suspend_after: 3s"), help);
        assertTrue(help.contains("--silence-mean"), help);
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertEquals("2", run("oltp")[0], "--url is required");
        assertEquals("2", run("oltp", "--url", "jdbc:postgresql://h/db", "--duration", "5x")[0]);
        String[] both = run("oltp", "--url", "jdbc:postgresql://h/db", "--duration", "5s", "--transactions", "10");
        assertEquals("2", both[0]);
        assertTrue(both[2].contains("not both"), both[2]);
        assertEquals("2", run("oltp", "--url", "jdbc:postgresql://h/db", "--mix", "write-only")[0]);
        assertEquals("2", run("oltp", "--url", "jdbc:postgresql://h/db", "--scale", "10")[0], "--scale without --init");
        assertEquals("2", run("oltp", "--url", "postgres://h/db")[0]);
        assertEquals("2", run("idle", "--url", "jdbc:postgresql://h/db", "--transactions", "5")[0]);
        assertEquals("2", run("oltp", "--url", "jdbc:postgresql://h/db", "--pid", "999999999")[0]);
        assertEquals("2", run()[0], "no command");
    }

    @Test
    void badWakeCommandLinesAreUsageErrors() {
        String url = "jdbc:postgresql://127.0.0.1:1/postgres?sslmode=disable";
        assertEquals("2", run("wake")[0], "--url is required");
        assertEquals("2", run("wake", "--url", url, "--kinds", "hot,tepid")[0]);
        assertEquals("2", run("wake", "--url", url, "--repeat", "0")[0]);
        assertEquals("2", run("wake", "--url", url, "--warmup", "-1")[0]);
        assertEquals("2", run("wake", "--url", url, "--branch", "Main")[0], "not a pgwake branch name");
        assertEquals("2", run("wake", "--url", url, "--cold-mode", "fresh")[0]);
        assertEquals("2", run("wake", "--url", url, "--warmup", "5s")[0], "wake's warmup counts repetitions");
    }

    @Test
    void badStormAndFleetCommandLinesAreUsageErrors() {
        String url = "jdbc:postgresql://127.0.0.1:1/postgres?sslmode=disable";
        assertEquals("2", run("storm", "--url", url, "--resume-kind", "tepid")[0]);
        assertEquals("2", run("storm", "--url", url, "--resume-kind", "hot,warm")[0], "one kind");
        assertEquals("2", run("storm", "--url", url, "--clients", "0")[0]);
        assertEquals("2", run("storm", "--url", url, "--threads", "0")[0]);
        assertEquals("2", run("storm", "--url", url, "--branch", "Main")[0]);
        assertEquals("2", run("fleet", "--url", url, "--branches", "0")[0]);
        assertEquals("2", run("fleet", "--url", url, "--prefix", "Fleet")[0]);
        assertEquals("2", run("fleet", "--url", url, "--connection", "pooled")[0]);
        assertEquals("2", run("fleet", "--url", url, "--silence-mean", "0s")[0]);
        assertEquals("2", run("idle", "--url", url, "--connections", "5", "--clients", "6")[0]);
    }

    @Test
    void stormAndFleetWithNoPgwakeBehindTheUrlMeasureNothing() {
        String url = "jdbc:postgresql://127.0.0.1:1/postgres?sslmode=disable";
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals("3", run("storm", "--url", url, "--http-url", "http://127.0.0.1:1", "-q")[0]);
            assertEquals("3", run("fleet", "--url", url, "--http-url", "http://127.0.0.1:1", "-q")[0]);
            assertEquals("3", run("fleet", "--url", url + "&options=--branch%3Dx", "-q")[0], "the URL must not pick a branch");
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("storm: cannot reach branch main"), text);
        assertTrue(text.contains("fleet reads pgwake's wake counters"), text);
        assertTrue(text.contains("fleet: the URL sets options"), text);
    }

    @Test
    void wakeWithNoPgwakeBehindTheUrlMeasuresNothing() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals("3", run("wake", "--url", "jdbc:postgresql://127.0.0.1:1/postgres?sslmode=disable", "-q")[0]);
        } finally {
            System.setErr(saved);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("wake: cannot reach branch main through"), err.toString());
    }

    @Test
    void anUnreachableTargetMeasuresNothing() {
        // port 1 on loopback: connection refused at once
        assertEquals("3", run("oltp", "--url", "jdbc:postgresql://127.0.0.1:1/db?sslmode=disable", "--duration", "1s", "-q")[0]);
    }

    @Test
    void benchTableReadsATsvAndWritesTheTable(@TempDir Path dir) throws Exception {
        Path tsv = dir.resolve("runs.tsv");
        Files.writeString(tsv, "round\tworkload\tclients\ttarget\tstatus\ttps\treason\n"
                + "1\t-S\t1\tdirect\tok\t1000\t\n1\t-S\t1\tpgwake\tok\t900\t\n");
        Path out = dir.resolve("table.txt");
        PrintStream saved = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertEquals("0", run("bench-table", "--input", tsv.toString(), "--ratio", "pgwake/direct", "--describe",
                    "pgwake=pgwake (session mode)", "--output", out.toString())[0]);
        } finally {
            System.setOut(saved);
        }
        String table = Files.readString(out);
        assertTrue(table.contains("0.90x"), table);
        assertTrue(table.contains("pgwake (session mode)"), table);
        assertEquals("2", run("bench-table", "--input", tsv.toString(), "--ratio", "nonsense")[0]);
    }
}
