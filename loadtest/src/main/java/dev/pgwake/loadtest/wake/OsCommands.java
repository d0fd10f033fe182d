package dev.pgwake.loadtest.wake;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs, as {@code user} when loadtest is root: {@code runuser -u USER --} for commands that run to
 * the end, {@code setpriv} for a server started in the background (setpriv execs, so the process Java holds
 * is the server itself). Not root: everything runs as the current user.
 */
final class OsCommands {
    private final String user;
    private final boolean root;

    OsCommands(String user, boolean root) {
        this.user = user;
        this.root = root;
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    boolean switchesUser() {
        return root;
    }

    String user() {
        return root ? user : System.getProperty("user.name");
    }

    /** Runs {@code command} as the user to its end within {@code timeout}; returns its output, throws on failure. */
    String runAsUser(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(root ? prefixed(List.of("runuser", "-u", user, "--"), command) : command, timeout);
    }

    /** Runs {@code command} as the current user to its end within {@code timeout}; returns its output. */
    static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(Redirect.from(new File("/dev/null")))
                .start();
        // the output is small (a few lines): read it on the side, so a full pipe cannot block the program
        byte[][] output = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                output[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = ("(output unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
            }
        }, "output of " + command.get(0));
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toMillis() + " ms");
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        String text = output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit " + p.exitValue()
                    + (text.isEmpty() ? "" : ": " + text));
        }
        return text;
    }

    /**
     * {@code kill -SIGNAL pid...}, the signals sent in the order given. Output is discarded so that nothing
     * but the program itself is added to a timed signal.
     */
    static void signal(String signal, List<Long> pids, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toMillis() + " ms");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit " + p.exitValue()
                    + " (a process gone, or not ours to signal)");
        }
    }

    /** Starts {@code command} in the background as the user, output appended to {@code log}. */
    Process startAsUser(List<String> command, Path log) throws IOException {
        List<String> full = root
                ? prefixed(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups"), command) : command;
        return new ProcessBuilder(full).redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
    }

    private static List<String> prefixed(List<String> prefix, List<String> command) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(command);
        return all;
    }
}
