package dev.pgwake.loadtest.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which process listens on a TCP port of this machine: the socket's inode from {@code /proc/net/tcp} and
 * {@code tcp6} (state {@code 0A}, LISTEN), then the process holding a descriptor {@code socket:[inode]} in
 * {@code /proc/<pid>/fd}. Reading other users' descriptors needs the same user or root; what cannot be read is
 * skipped.
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    private final Path procRoot;

    public ListeningSockets() {
        this(Path.of("/proc"));
    }

    ListeningSockets(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** The process listening on {@code port} (the lowest pid when several share the socket), if one is found. */
    public Optional<Long> pidListeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : new String[] {"net/tcp", "net/tcp6"}) {
            try {
                inodes.addAll(listeningInodes(Files.readString(procRoot.resolve(table)), port));
            } catch (IOException e) {
                // no IPv6 table on this kernel, say: the other one may do
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> pids = Files.list(procRoot)) {
            return pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> holdsAny(p.resolve("fd"), inodes))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .min(Long::compare);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The inodes of sockets listening on {@code port} in one {@code /proc/net/tcp}-style table. */
    static Set<String> listeningInodes(String table, int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String line : table.split("\n")) {
            String[] f = line.strip().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            if (f.length < 10 || !f[0].endsWith(":")) {
                continue;
            }
            String local = f[1];
            if (f[3].equals(LISTEN) && local.substring(local.lastIndexOf(':') + 1).equalsIgnoreCase(hexPort)) {
                inodes.add(f[9]);
            }
        }
        return inodes;
    }

    private static boolean holdsAny(Path fdDir, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(fdDir)) {
            return fds.anyMatch(fd -> {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    return link.startsWith("socket:[") && inodes.contains(link.substring(8, link.length() - 1));
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
