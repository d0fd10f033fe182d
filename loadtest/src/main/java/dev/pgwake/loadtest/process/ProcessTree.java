package dev.pgwake.loadtest.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process and all its descendants, and the memory they hold together: the sum of their PSS (proportional
 * set size, {@code /proc/<pid>/smaps_rollup}), which counts memory shared between them (PostgreSQL's shared
 * buffers, shared libraries) once in total instead of once per process as RSS does. For a PostgreSQL
 * postmaster that is the server with its backends; for a single-process proxy it is close to its RSS.
 */
public final class ProcessTree {
    private final long root;
    private final Path procRoot;

    public ProcessTree(long root) {
        this(root, Path.of("/proc"));
    }

    ProcessTree(long root, Path procRoot) {
        this.root = root;
        this.procRoot = procRoot;
    }

    /** Processes of the tree now, and their PSS added up (bytes). Processes that end while being read are left out. */
    public record Memory(int processes, long pssBytes) {
    }

    public Memory memory() {
        List<Long> pids = members();
        long pss = 0;
        int counted = 0;
        for (long pid : pids) {
            try {
                pss += ProcText.pssBytes(Files.readString(procRoot.resolve(pid + "/smaps_rollup")));
                counted++;
            } catch (IOException | IllegalArgumentException e) {
                // gone, a kernel thread, or not ours to read: not counted
            }
        }
        return new Memory(counted, pss);
    }

    /** The root and its descendants, from the parent pid in every {@code /proc/<pid>/stat}. */
    List<Long> members() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> dirs = Files.list(procRoot)) {
            dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    long pid = Long.parseLong(p.getFileName().toString());
                    children.computeIfAbsent(ProcText.parentPid(Files.readString(p.resolve("stat"))),
                            k -> new ArrayList<>()).add(pid);
                } catch (IOException | IllegalArgumentException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return List.of(root);
        }
        List<Long> members = new ArrayList<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            members.add(pid);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return members;
    }
}
