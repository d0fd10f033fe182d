package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

  @Test
  void handsOutDistinctPortsBelowTheEphemeralRange() {
    PortAllocator ports = new PortAllocator();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int port = ports.allocate();
      assertTrue(port >= PortAllocator.DEFAULT_FIRST_PORT && port <= PortAllocator.DEFAULT_LAST_PORT);
      assertTrue(seen.add(port), "port handed out twice: " + port);
    }
  }

  @Test
  void skipsPortsSomebodyListensOn() throws Exception {
    int taken = new PortAllocator().allocate();
    int next = taken == 31_999 ? 31_998 : taken + 1;
    try (ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), taken));
      PortAllocator onlyTaken = new PortAllocator(taken, taken);
      assertThrows(IllegalStateException.class, onlyTaken::allocate);
      PortAllocator two = new PortAllocator(Math.min(taken, next), Math.max(taken, next));
      assertEquals(next, two.allocate());
    }
  }

  @Test
  void refusesRangesReachingIntoTheEphemeralPorts() {
    assertThrows(IllegalArgumentException.class, () -> new PortAllocator(30_000, 40_000));
    assertThrows(IllegalArgumentException.class, () -> new PortAllocator(80, 2_000));
    assertThrows(IllegalArgumentException.class, () -> new PortAllocator(3_000, 2_000));
  }
}
