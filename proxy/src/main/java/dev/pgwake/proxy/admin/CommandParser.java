package dev.pgwake.proxy.admin;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.routing.BranchName;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a console query string: statements separated by ';', keywords in any case, branch names as SQL
 * identifiers (folded to lower case unless written in double quotes). The whole string is parsed before
 * anything runs, as PostgreSQL does, so a typo in the third statement does not leave the first two done.
 */
final class CommandParser {
    /** Every command, as written, with what it does: SHOW HELP's rows, and the list a syntax error names. */
    static final Map<String, String> COMMANDS = commands();

    private final String version;

    /** @param version what SHOW VERSION answers */
    CommandParser(String version) {
        this.version = version;
    }

    private static Map<String, String> commands() {
        Map<String, String> commands = new LinkedHashMap<>();
        commands.put("SHOW BRANCHES", "every branch: parent, state, last resume, port, clients, compute and wall time");
        commands.put("SHOW POOLS", "every pool (branch/database/user): mode, size, clients active and waiting, server "
                + "connections active, idle and opening, longest wait, paused");
        commands.put("SHOW CLIENTS", "every client: id, user, database, branch, state, pins, server pid, connected "
                + "since, transaction status, remote address");
        commands.put("SHOW SERVERS", "every server connection: pool, active or idle, pid, endpoint, connected since, "
                + "prepared statements");
        commands.put("SHOW STATS", "every pool's totals: transactions, queries, bytes received and sent, wait time");
        commands.put("SHOW CONFIG", "the configuration in effect, key by key (secrets redacted)");
        commands.put("SHOW VERSION", "the version of pgwake");
        commands.put("SHOW HELP", "this list");
        commands.put("SUSPEND BRANCH name", "freeze the branch's compute (the next wake is a hot resume)");
        commands.put("STOP BRANCH name", "stop the branch's compute, keeping its data local (warm resume)");
        commands.put("ARCHIVE BRANCH name", "stop the compute and move the data to storage (cold resume)");
        commands.put("RESUME BRANCH name", "wake the branch now; answers the resume kind and how long it took");
        commands.put("CREATE BRANCH name [FROM parent]", "create a branch from a snapshot of parent (default: the "
                + "default branch) and start it");
        commands.put("DROP BRANCH name [FORCE]", "delete the branch and its data; refused while clients are "
                + "connected to it, unless FORCE");
        commands.put("PAUSE [branch/database/user]", "hand out no more server connections (clients wait) and answer "
                + "once those leased are back; every pool without a name");
        commands.put("RESUME [branch/database/user]", "end a PAUSE; every pool without a name");
        commands.put("KILL_CLIENT id", "disconnect the client with this id (SHOW CLIENTS) with FATAL 57P01");
        commands.put("RELOAD", "read the configuration file again: apply what can change while running, name what "
                + "needs a restart");
        commands.put("SHUTDOWN", "stop gracefully: no new clients, idle ones disconnected, transactions let finish "
                + "within shutdown_timeout");
        commands.put("SET name = value", "accepted so that drivers can set session parameters; changes nothing");
        return Collections.unmodifiableMap(commands);
    }

    /** Every statement of the query string, in order; empty when it holds none (only ';' and blanks). */
    List<AdminCommand> parseAll(String query) {
        List<AdminCommand> commands = new ArrayList<>();
        for (String statement : Statements.split(query)) {
            commands.add(parse(statement));
        }
        return commands;
    }

    /** One statement, without its ';'. */
    AdminCommand parse(String statement) {
        Statements.Words words = Statements.words(statement);
        return switch (words.keyword(0)) {
            case "SHOW" -> show(words);
            case "SUSPEND" -> new AdminCommand.Sleep(BranchState.SUSPENDED, branchCommand(words));
            case "STOP" -> new AdminCommand.Sleep(BranchState.STOPPED, branchCommand(words));
            case "ARCHIVE" -> new AdminCommand.Sleep(BranchState.ARCHIVED, branchCommand(words));
            case "RESUME" -> words.size() > 2 ? new AdminCommand.Resume(branchCommand(words))
                    : new PoolCommand.Resume(pool(words, "RESUME"));
            case "PAUSE" -> new PoolCommand.Pause(pool(words, "PAUSE"));
            case "KILL_CLIENT" -> killClient(words);
            case "RELOAD" -> alone(words, new ServerCommand.Reload());
            case "SHUTDOWN" -> alone(words, new ServerCommand.Shutdown());
            case "CREATE" -> create(words);
            case "DROP" -> drop(words);
            case "SET" -> set(words);
            default -> throw syntaxError(words.size() == 0 ? "empty statement" : "unknown command \"" + words + "\"");
        };
    }

    private AdminCommand show(Statements.Words words) {
        String what = words.size() == 2 ? words.keyword(1) : "";
        return switch (what) {
            case "BRANCHES" -> new AdminCommand.ShowBranches();
            case "VERSION" -> new AdminCommand.ShowVersion(version);
            case "HELP" -> new AdminCommand.ShowHelp(COMMANDS);
            case "POOLS" -> new PoolCommand.ShowPools();
            case "CLIENTS" -> new PoolCommand.ShowClients();
            case "SERVERS" -> new PoolCommand.ShowServers();
            case "STATS" -> new PoolCommand.ShowStats();
            case "CONFIG" -> new ServerCommand.ShowConfig();
            default -> throw syntaxError("unknown command \"" + words + "\"");
        };
    }

    /** PAUSE or RESUME, with a pool's {@code branch/database/user} or without (every pool). */
    private static Optional<PoolKey> pool(Statements.Words words, String verb) {
        expect(words.size() <= 2, words, verb + " [branch/database/user]");
        return words.size() == 2 ? Optional.of(PoolOperations.key(words.identifier(1))) : Optional.empty();
    }

    private static AdminCommand killClient(Statements.Words words) {
        expect(words.size() == 2, words, "KILL_CLIENT id");
        return new PoolCommand.KillClient(words.identifier(1));
    }

    private static AdminCommand alone(Statements.Words words, AdminCommand command) {
        expect(words.size() == 1, words, words.keyword(0));
        return command;
    }

    /** SET name = value, SET name TO value: only the name is kept (for the log). */
    private static AdminCommand set(Statements.Words words) {
        expect(words.size() >= 2, words, "SET name = value");
        return new AdminCommand.Set(words.identifier(1).split("=", 2)[0]);
    }

    /** VERB BRANCH name: the name. */
    private static String branchCommand(Statements.Words words) {
        expect(words.size() == 3 && words.keyword(1).equals("BRANCH"), words, words.keyword(0) + " BRANCH name");
        return branch(words, 2);
    }

    private static AdminCommand create(Statements.Words words) {
        boolean from = words.size() == 5 && words.keyword(3).equals("FROM");
        expect(words.keyword(1).equals("BRANCH") && (words.size() == 3 || from), words, "CREATE BRANCH name [FROM parent]");
        return new AdminCommand.Create(branch(words, 2), from ? Optional.of(branch(words, 4)) : Optional.empty());
    }

    private static AdminCommand drop(Statements.Words words) {
        boolean force = words.size() == 4 && words.keyword(3).equals("FORCE");
        expect(words.keyword(1).equals("BRANCH") && (words.size() == 3 || force), words, "DROP BRANCH name [FORCE]");
        return new AdminCommand.Drop(branch(words, 2), force);
    }

    private static String branch(Statements.Words words, int index) {
        String name = words.identifier(index);
        Optional<String> problem = BranchName.problem(name);
        if (problem.isPresent()) {
            throw new CommandException(SqlState.INVALID_NAME, problem.get());
        }
        return name;
    }

    private static void expect(boolean matches, Statements.Words words, String syntax) {
        if (!matches) {
            throw syntaxError("syntax error in \"" + words + "\": expected " + syntax);
        }
    }

    /** 42601 with the list of commands, so the admin sees at once what is possible. */
    static CommandException syntaxError(String what) {
        return new CommandException(SqlState.SYNTAX_ERROR, what + "; the pgwake console knows "
                + String.join(", ", COMMANDS.keySet()));
    }
}
