package dev.pgwake.loadtest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops every PostgreSQL server still running under a directory, found by its {@code postmaster.pid}: continues
 * it and its children (a suspended branch is SIGSTOPped and cannot shut down frozen), asks for a fast shutdown
 * (SIGINT) and waits for the pid file to go (PID 1 reaps late here, so the process may linger as a zombie).
 */
final class PostmasterSweep {
    private PostmasterSweep() {
    }

    static void stopAll(Path root, Duration timeout) throws IOException, InterruptedException {
        List<Path> pidFiles = pidFiles(root);
        for (Path pidFile : pidFiles) {
            String pid;
            try {
                pid = Files.readAllLines(pidFile).get(0).strip();
            } catch (IOException | IndexOutOfBoundsException e) {
                continue;
            }
            if (pid.matches("\\d+")) {
                List<String> tree = new ArrayList<>(List.of(pid));
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> h.children().forEach(c -> tree.add(Long.toString(c.pid()))));
                signal("CONT", tree);
                signal("INT", List.of(pid));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pidFiles(root).isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
        }
    }

    private static List<Path> pidFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("postmaster.pid")).toList();
        }
    }

    private static void signal(String signal, List<String> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        command.addAll(pids);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
