package dev.pgwake.lifecycle.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds free TCP ports on 127.0.0.1 for local servers, below the Linux ephemeral range (32768-60999)
 * so that a server's port never collides with an outgoing connection's. Starts at a random offset so
 * concurrent JVMs rarely try the same ports, and never hands out a port twice. Thread-safe. A port is
 * only known to be free at the moment it was checked: bind it soon.
 */
public final class PortAllocator {

  public static final int DEFAULT_FIRST_PORT = 20_000;
  public static final int DEFAULT_LAST_PORT = 32_000;
  private static final int FIRST_EPHEMERAL_PORT = 32_768;

  private final int first;
  private final int last;
  private final Set<Integer> handedOut = new HashSet<>();
  private int next;

  /** Ports {@value #DEFAULT_FIRST_PORT} to {@value #DEFAULT_LAST_PORT}. */
  public PortAllocator() {
    this(DEFAULT_FIRST_PORT, DEFAULT_LAST_PORT);
  }

  /** Ports {@code first} to {@code last}, inclusive; both must lie in 1024..32767. */
  public PortAllocator(int first, int last) {
    if (first < 1024 || last >= FIRST_EPHEMERAL_PORT || first > last) {
      throw new IllegalArgumentException("port range must lie in 1024.." + (FIRST_EPHEMERAL_PORT - 1)
          + " (below the ephemeral range), got " + first + ".." + last);
    }
    this.first = first;
    this.last = last;
    this.next = first + ThreadLocalRandom.current().nextInt(last - first + 1);
  }

  /**
   * A port nobody listens on now and that this allocator has not handed out before.
   *
   * @throws IllegalStateException if every port in the range is taken
   */
  public synchronized int allocate() {
    int size = last - first + 1;
    for (int attempt = 0; attempt < size; attempt++) {
      int port = next;
      next = port == last ? first : port + 1;
      if (!handedOut.contains(port) && canBind(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free TCP port on 127.0.0.1 in " + first + ".." + last);
  }

  /** Marks {@code port} as handed out (a branch recorded it) so that it is never allocated again. */
  public synchronized void reserve(int port) {
    handedOut.add(port);
  }

  /** True if nothing listens on 127.0.0.1:{@code port} right now. */
  static boolean isFree(int port) {
    return canBind(port);
  }

  private static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as PostgreSQL does: leftover TIME_WAIT connections do not block it
      socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
