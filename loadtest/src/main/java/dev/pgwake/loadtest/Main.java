package dev.pgwake.loadtest;

import dev.pgwake.loadtest.cli.Commands;
import picocli.CommandLine;

/** {@code java -jar pgwake-loadtest.jar}: the load generator's command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Commands.commandLine().execute(args));
    }
}
