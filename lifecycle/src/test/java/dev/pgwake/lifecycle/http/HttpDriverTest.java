package dev.pgwake.lifecycle.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.IdlePolicy;
import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.lifecycle.Wake;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The http driver against a real HTTP server playing the control plane. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpDriverTest {

  /** What the fake control plane answers: status and body, per "METHOD path". */
  private interface Route {
    Answer answer(int call) throws Exception;
  }

  private record Answer(int status, String body) {
  }

  private static final HttpDriver.Settings FAST = new HttpDriver.Settings(Duration.ofSeconds(2),
      Duration.ofSeconds(2), 3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(10),
      Duration.ofSeconds(5));

  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();
  private HttpServer server;
  private URI base;

  @BeforeEach
  void startControlPlane() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(serverThreads);
    server.createContext("/", this::handle);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
  }

  @AfterEach
  void stopControlPlane() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    requests.add(key);
    int call = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    Route route = routes.get(key);
    Answer answer;
    try {
      answer = route == null ? new Answer(404, "{\"error\":\"no such branch\"}") : route.answer(call);
    } catch (Exception e) {
      answer = new Answer(500, e.toString());
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private int calls(String key) {
    return calls.getOrDefault(key, new AtomicInteger()).get();
  }

  @Test
  void twoHundredMeansReady() {
    routes.put("POST /v1/branches/main/wake", call -> new Answer(200, "{\"host\":\"10.1.2.3\",\"port\":5432}"));
    assertEquals(new Endpoint("10.1.2.3", 5432), new HttpDriver(base, FAST).resumeHot("main"));
  }

  @Test
  void twoHundredTwoIsPolledUntilRunning() {
    routes.put("POST /v1/branches/main/wake", call -> new Answer(202, "{\"state\":\"starting\"}"));
    routes.put("GET /v1/branches/main", call -> call < 3 ? new Answer(200, "{\"state\":\"starting\"}")
        : new Answer(200, "{\"state\":\"running\",\"host\":\"db.internal\",\"port\":6543}"));
    assertEquals(new Endpoint("db.internal", 6543), new HttpDriver(base, FAST).resumeWarm("main"));
    assertEquals(3, calls("GET /v1/branches/main"));
  }

  @Test
  void notFoundIs3D000() {
    LifecycleException e = assertThrows(LifecycleException.class, () -> new HttpDriver(base, FAST).resumeHot("nope"));
    assertEquals("3D000", e.sqlState());
    assertTrue(e.getMessage().contains("\"nope\"") && e.getMessage().contains("404"), e.getMessage());
    assertEquals(Optional.empty(), new HttpDriver(base, FAST).find("nope"));
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    routes.put("POST /v1/branches/main/wake", call -> call < 3 ? new Answer(503, "busy")
        : new Answer(200, "{\"host\":\"10.0.0.9\",\"port\":5433}"));
    long t0 = System.nanoTime();
    assertEquals(new Endpoint("10.0.0.9", 5433), new HttpDriver(base, FAST).resumeHot("main"));
    assertEquals(3, calls("POST /v1/branches/main/wake"));
    assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(10 + 20), "backed off 10 ms, then 20 ms");
  }

  @Test
  void persistentServerErrorsFailNamingTheStatus() {
    routes.put("POST /v1/branches/main/wake", call -> new Answer(500, "database on fire"));
    LifecycleException e = assertThrows(LifecycleException.class, () -> new HttpDriver(base, FAST).resumeHot("main"));
    assertEquals("58000", e.sqlState());
    assertTrue(e.getMessage().contains("500") && e.getMessage().contains("database on fire"), e.getMessage());
    assertEquals(3, calls("POST /v1/branches/main/wake"));
  }

  @Test
  void aSilentControlPlaneTimesOut() {
    routes.put("POST /v1/branches/main/wake", call -> {
      Thread.sleep(3_000);
      return new Answer(200, "{\"host\":\"h\",\"port\":1}");
    });
    HttpDriver.Settings impatient = new HttpDriver.Settings(Duration.ofSeconds(1), Duration.ofMillis(200), 2,
        Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5));
    long t0 = System.nanoTime();
    LifecycleException e = assertThrows(LifecycleException.class, () -> new HttpDriver(base, impatient).resumeHot("main"));
    long took = System.nanoTime() - t0;
    assertEquals("57P03", e.sqlState());
    assertTrue(e.getMessage().contains("did not answer") && e.getMessage().contains("200 ms"), e.getMessage());
    assertEquals(2, calls("POST /v1/branches/main/wake"));
    assertTrue(took < TimeUnit.SECONDS.toNanos(3), "gave up before the control plane answered");
  }

  @Test
  void aPollThatNeverSeesRunningFailsAtTheWakeDeadline() {
    routes.put("POST /v1/branches/main/wake", call -> new Answer(202, ""));
    routes.put("GET /v1/branches/main", call -> new Answer(200, "{\"state\":\"starting\"}"));
    HttpDriver.Settings shortDeadline = new HttpDriver.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
        Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1));
    LifecycleException e = assertThrows(LifecycleException.class, () -> new HttpDriver(base, shortDeadline).resumeHot("main"));
    assertEquals("57P03", e.sqlState());
    assertTrue(e.getMessage().contains("starting"), e.getMessage());
  }

  @Test
  void anUnreachableControlPlaneFailsAfterItsAttempts() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    HttpDriver driver = new HttpDriver(URI.create("http://127.0.0.1:" + closedPort), FAST);
    LifecycleException e = assertThrows(LifecycleException.class, () -> driver.resumeHot("main"));
    assertEquals("58000", e.sqlState());
    assertTrue(e.getMessage().contains("cannot reach") && e.getMessage().contains("3 attempt"), e.getMessage());
  }

  @Test
  void aMissingAddressInTheAnswerIsAClearError() {
    routes.put("POST /v1/branches/main/wake", call -> new Answer(200, "{\"host\":\"h\"}"));
    LifecycleException e = assertThrows(LifecycleException.class, () -> new HttpDriver(base, FAST).resumeHot("main"));
    assertTrue(e.getMessage().contains("no \"host\" and \"port\""), e.getMessage());
  }

  @Test
  void underTheCoordinatorABranchIsLookedUpWokenAndSuspended() throws Exception {
    routes.put("GET /v1/branches/main", call -> new Answer(200, call == 1 ? "{\"state\":\"suspended\",\"parent\":\"root\"}"
        : "{\"state\":\"running\",\"host\":\"10.0.0.5\",\"port\":5432}"));
    routes.put("POST /v1/branches/main/wake", call -> new Answer(200, "{\"host\":\"10.0.0.5\",\"port\":5432}"));
    routes.put("POST /v1/branches/main/suspend", call -> new Answer(202, ""));
    try (Branches branches = Branches.builder(new HttpDriver(base, FAST)).policy(IdlePolicy.never()).build()) {
      Wake wake = branches.ensureRunning("main").get(10, TimeUnit.SECONDS);
      assertEquals(ResumeKind.HOT, wake.kind());
      assertEquals(new Endpoint("10.0.0.5", 5432), wake.endpoint());
      assertEquals(Optional.of("root"), branches.info("main").orElseThrow().parent());

      branches.suspend("main").get(10, TimeUnit.SECONDS);
      assertEquals(BranchState.SUSPENDED, branches.info("main").orElseThrow().state());
      assertEquals(ResumeKind.HOT, branches.ensureRunning("main").get(10, TimeUnit.SECONDS).kind());
      assertEquals(List.of("GET /v1/branches/main", "POST /v1/branches/main/wake", "POST /v1/branches/main/suspend",
          "POST /v1/branches/main/wake"), List.copyOf(requests));

      ExecutionException e = assertThrows(ExecutionException.class,
          () -> branches.ensureRunning("nope").get(10, TimeUnit.SECONDS));
      LifecycleException cause = (LifecycleException) e.getCause();
      assertEquals("3D000", cause.sqlState());
      assertTrue(cause.getMessage().contains("(http driver)"), cause.getMessage());
      assertEquals("0A000", ((LifecycleException) assertThrows(ExecutionException.class,
          () -> branches.stop("main").get(10, TimeUnit.SECONDS)).getCause()).sqlState());
    }
  }
}
