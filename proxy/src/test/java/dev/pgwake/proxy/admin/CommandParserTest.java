package dev.pgwake.proxy.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.proxy.pool.PoolKey;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CommandParserTest {
    private final CommandParser parser = new CommandParser("pgwake test");

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("SHOW BRANCHES", new AdminCommand.ShowBranches()),
                Arguments.of("show branches", new AdminCommand.ShowBranches()),
                Arguments.of("  Show\tBranches\n", new AdminCommand.ShowBranches()),
                Arguments.of("SHOW VERSION", new AdminCommand.ShowVersion("pgwake test")),
                Arguments.of("SHOW HELP", new AdminCommand.ShowHelp(CommandParser.COMMANDS)),
                Arguments.of("SUSPEND BRANCH main", new AdminCommand.Sleep(BranchState.SUSPENDED, "main")),
                Arguments.of("suspend branch MAIN", new AdminCommand.Sleep(BranchState.SUSPENDED, "main")),
                Arguments.of("STOP BRANCH feat-1", new AdminCommand.Sleep(BranchState.STOPPED, "feat-1")),
                Arguments.of("ARCHIVE BRANCH old_2", new AdminCommand.Sleep(BranchState.ARCHIVED, "old_2")),
                Arguments.of("RESUME BRANCH main", new AdminCommand.Resume("main")),
                Arguments.of("resume branch \"main\"", new AdminCommand.Resume("main")),
                Arguments.of("CREATE BRANCH feat", new AdminCommand.Create("feat", Optional.empty())),
                Arguments.of("CREATE BRANCH feat FROM main", new AdminCommand.Create("feat", Optional.of("main"))),
                Arguments.of("create branch feat from Main", new AdminCommand.Create("feat", Optional.of("main"))),
                Arguments.of("DROP BRANCH feat", new AdminCommand.Drop("feat", false)),
                Arguments.of("DROP BRANCH feat FORCE", new AdminCommand.Drop("feat", true)),
                Arguments.of("drop branch feat force", new AdminCommand.Drop("feat", true)),
                Arguments.of("SET extra_float_digits = 3", new AdminCommand.Set("extra_float_digits")),
                Arguments.of("SET application_name = 'PostgreSQL JDBC Driver'", new AdminCommand.Set("application_name")),
                Arguments.of("set DateStyle='ISO'", new AdminCommand.Set("datestyle")),
                Arguments.of("SHOW POOLS", new PoolCommand.ShowPools()),
                Arguments.of("show clients", new PoolCommand.ShowClients()),
                Arguments.of("SHOW SERVERS", new PoolCommand.ShowServers()),
                Arguments.of("SHOW STATS", new PoolCommand.ShowStats()),
                Arguments.of("SHOW CONFIG", new ServerCommand.ShowConfig()),
                Arguments.of("PAUSE", new PoolCommand.Pause(Optional.empty())),
                Arguments.of("pause main/app/Alice", new PoolCommand.Pause(Optional.of(new PoolKey("main", "app",
                        "alice")))),
                Arguments.of("PAUSE \"main/App/Alice\"", new PoolCommand.Pause(Optional.of(new PoolKey("main", "App",
                        "Alice")))),
                Arguments.of("RESUME", new PoolCommand.Resume(Optional.empty())),
                Arguments.of("RESUME main/app/alice", new PoolCommand.Resume(Optional.of(new PoolKey("main", "app",
                        "alice")))),
                Arguments.of("KILL_CLIENT 5f3e2a1b", new PoolCommand.KillClient("5f3e2a1b")),
                Arguments.of("kill_client 5F3E2A1B", new PoolCommand.KillClient("5f3e2a1b")),
                Arguments.of("RELOAD", new ServerCommand.Reload()),
                Arguments.of("shutdown", new ServerCommand.Shutdown()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void parses(String statement, AdminCommand expected) {
        assertEquals(expected, parser.parse(statement));
        assertEquals(List.of(expected), parser.parseAll(statement + ";"), "with a trailing ';'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT 1                       | 42601 | unknown command \"SELECT 1\"",
            "SHOW                           | 42601 | unknown command \"SHOW\"",
            "SHOW PLANETS                   | 42601 | unknown command \"SHOW PLANETS\"",
            "SHOW POOLS main                | 42601 | unknown command",
            "PAUSE main                     | 42601 | write branch/database/user",
            "PAUSE a/b/c d                  | 42601 | expected PAUSE [branch/database/user]",
            "RESUME a/b                     | 42601 | write branch/database/user",
            "KILL_CLIENT                    | 42601 | expected KILL_CLIENT id",
            "RELOAD now                     | 42601 | expected RELOAD",
            "SHUTDOWN NOW                   | 42601 | expected SHUTDOWN",
            "SHOW BRANCHES main             | 42601 | unknown command",
            "SUSPEND main                   | 42601 | expected SUSPEND BRANCH name",
            "SUSPEND BRANCH                 | 42601 | expected SUSPEND BRANCH name",
            "STOP BRANCH a b                | 42601 | expected STOP BRANCH name",
            "RESUME BRANCHES main           | 42601 | expected RESUME BRANCH name",
            "CREATE BRANCH                  | 42601 | expected CREATE BRANCH name [FROM parent]",
            "CREATE BRANCH feat main        | 42601 | expected CREATE BRANCH name [FROM parent]",
            "CREATE BRANCH feat FROM        | 42601 | expected CREATE BRANCH name [FROM parent]",
            "DROP BRANCH feat NOW           | 42601 | expected DROP BRANCH name [FORCE]",
            "DROP feat                      | 42601 | expected DROP BRANCH name [FORCE]",
            "SET                            | 42601 | expected SET name = value",
            "RESUME BRANCH \"main           | 42601 | unterminated quoted identifier",
            "\"SHOW\" BRANCHES              | 42601 | unknown command",
            "RESUME BRANCH \"Main\"         | 42602 | invalid branch name",
            "SUSPEND BRANCH -x              | 42602 | invalid branch name",
            "CREATE BRANCH feat FROM a/b    | 42602 | invalid branch name"})
    void refuses(String statement, String sqlState, String message) {
        CommandException e = assertThrows(CommandException.class, () -> parser.parse(statement));

        assertEquals(sqlState, e.sqlState(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aSyntaxErrorListsEveryCommand() {
        CommandException e = assertThrows(CommandException.class, () -> parser.parse("HELLO"));

        for (String command : CommandParser.COMMANDS.keySet()) {
            assertTrue(e.getMessage().contains(command), "\"" + command + "\" in: " + e.getMessage());
        }
    }

    @Test
    void severalStatementsRunInOrder() {
        assertEquals(List.of(new AdminCommand.ShowVersion("pgwake test"), new AdminCommand.Resume("main"),
                new AdminCommand.ShowBranches()), parser.parseAll("show version; RESUME BRANCH main;;\n show branches ;"));
    }

    @Test
    void aSemicolonInsideQuotesDoesNotEndTheStatement() {
        CommandException e = assertThrows(CommandException.class, () -> parser.parseAll("RESUME BRANCH \"a;b\""));

        assertEquals("42602", e.sqlState());
        assertTrue(e.getMessage().contains("\"a;b\""), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(value = {"''", "';'", "' ; ;\n'"}, quoteCharacter = '\'')
    void aQueryWithoutStatementsIsEmpty(String query) {
        assertEquals(List.of(), parser.parseAll(query == null ? "" : query));
    }

    @Test
    void aBadStatementAnywhereStopsTheWholeQueryBeforeItRuns() {
        assertThrows(CommandException.class, () -> parser.parseAll("SUSPEND BRANCH main; SUSPEND BRANC main"));
    }
}
