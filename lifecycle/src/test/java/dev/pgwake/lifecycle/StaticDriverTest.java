package dev.pgwake.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The static driver, through its deprecated {@code ensureRunning} (which the proxy still calls) and its SPI. */
@SuppressWarnings("deprecation")
class StaticDriverTest {

  private final StaticDriver driver = new StaticDriver(Map.of(
      "b", new Endpoint("10.0.0.2", 5432),
      "a", new Endpoint("10.0.0.1", 5433)));

  @Test
  void knownBranchResolvesAtOnce() throws Exception {
    CompletableFuture<Endpoint> future = driver.ensureRunning("a");

    assertTrue(future.isDone());
    assertEquals(new Endpoint("10.0.0.1", 5433), future.get(1, TimeUnit.SECONDS));
  }

  @Test
  void unknownBranchFailsWith3D000NamingTheServedBranches() {
    CompletableFuture<Endpoint> future = driver.ensureRunning("x");

    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> future.get(1, TimeUnit.SECONDS));
    LifecycleException cause = assertInstanceOf(LifecycleException.class, failure.getCause());
    assertEquals("3D000", cause.sqlState());
    assertEquals("branch \"x\" does not exist: this pgwake serves branches a, b (static driver)",
        cause.getMessage());
  }

  @Test
  void longBranchListsAreShortened() {
    Map<String, Endpoint> branches = new LinkedHashMap<>();
    for (int i = 10; i < 22; i++) {
      branches.put("b" + i, new Endpoint("127.0.0.1", 5000 + i));
    }
    LifecycleException cause = assertInstanceOf(LifecycleException.class,
        new StaticDriver(branches).ensureRunning("nope").handle((e, t) -> t).join());

    assertEquals("branch \"nope\" does not exist: this pgwake serves branches "
        + "b10, b11, b12, b13, b14, b15, b16, b17, b18, b19 and 2 more (static driver)", cause.getMessage());
  }

  @Test
  void catalogListsEveryBranchRunningAndNothingSleeps() {
    assertEquals(java.util.Set.of("a", "b"), driver.catalog().stream().map(BranchRecord::name)
        .collect(java.util.stream.Collectors.toSet()));
    assertTrue(driver.catalog().stream().allMatch(r -> r.state() == BranchState.RUNNING));
    assertEquals(java.util.Optional.of(new Endpoint("10.0.0.2", 5432)), driver.find("b").orElseThrow().endpoint());
    assertTrue(driver.find("x").isEmpty());
    assertTrue(driver.sleepStates().isEmpty());
    assertEquals(false, driver.canCreate());
    assertEquals("0A000", assertThrows(LifecycleException.class, () -> driver.suspend("a")).sqlState());
  }

  @Test
  void kindIsStatic() {
    assertEquals("static", driver.kind());
  }

  @Test
  void needsAtLeastOneBranch() {
    assertThrows(IllegalArgumentException.class, () -> new StaticDriver(Map.of()));
  }

  @Test
  void endpointValidatesHostAndPort() {
    assertThrows(IllegalArgumentException.class, () -> new Endpoint("", 5432));
    assertThrows(IllegalArgumentException.class, () -> new Endpoint(" ", 5432));
    assertThrows(NullPointerException.class, () -> new Endpoint(null, 5432));
    assertThrows(IllegalArgumentException.class, () -> new Endpoint("h", 0));
    assertThrows(IllegalArgumentException.class, () -> new Endpoint("h", 65_536));
    assertEquals(65_535, new Endpoint("h", 65_535).port());
  }

  @Test
  void lifecycleExceptionRequiresAValidSqlState() {
    assertThrows(IllegalArgumentException.class, () -> new LifecycleException("3d000", "m"));
    assertThrows(IllegalArgumentException.class, () -> new LifecycleException("3D00", "m"));
    RuntimeException cause = new RuntimeException("boom");
    LifecycleException e = new LifecycleException("57P03", "waking", cause);
    assertEquals("57P03", e.sqlState());
    assertEquals(cause, e.getCause());
  }
}
