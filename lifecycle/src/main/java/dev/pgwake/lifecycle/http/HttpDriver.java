package dev.pgwake.lifecycle.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgwake.lifecycle.BranchRecord;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ComputeDriver;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.LifecycleException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A control plane reached over HTTP (Neon-style {@code wake}), so any orchestrator can sit behind
 * pgwake:
 * <ul>
 *   <li>{@code POST {base}/branches/{name}/wake}: 200 {@code {"host","port"}} when ready, or 202 when
 *       accepted, then {@code GET {base}/branches/{name}} is polled until {@code {"state":"running",
 *       "host","port"}};
 *   <li>{@code POST {base}/branches/{name}/suspend}: 2xx;
 *   <li>{@code GET {base}/branches/{name}}: 200 {@code {"state": running|suspended|stopped|archived,
 *       "host", "port", "parent", "created"}} or 404 for a branch that does not exist.
 * </ul>
 * Every exchange is bounded and retried ({@link Settings}); 404 becomes 3D000. The control plane
 * decides how deep a suspended branch sleeps, so pgwake only asks it to suspend. Thread-safe.
 */
public final class HttpDriver implements ComputeDriver {

  /**
   * @param connectTimeout per TCP connect
   * @param requestTimeout per request, until the response headers
   * @param attempts tries per exchange (connection failures, timeouts, 5xx), at least 1
   * @param firstBackoff pause after the first failed try, doubled after each, at most {@code maxBackoff}
   * @param pollInterval between GETs after a 202
   * @param wakeDeadline how long a 202 wake may take before it fails with 57P03
   */
  public record Settings(Duration connectTimeout, Duration requestTimeout, int attempts, Duration firstBackoff,
      Duration maxBackoff, Duration pollInterval, Duration wakeDeadline) {

    public Settings {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
      List.of(connectTimeout, requestTimeout, firstBackoff, maxBackoff, pollInterval, wakeDeadline)
          .forEach(d -> Objects.requireNonNull(d, "durations of the http driver"));
    }

    /** 2 s connect, 10 s per request, 4 attempts, 100 ms backoff up to 2 s, polls every 100 ms for 60 s. */
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(2), Duration.ofSeconds(10), 4, Duration.ofMillis(100),
          Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(60));
    }
  }

  private final String base;
  private final Settings settings;
  private final ControlPlane plane;

  public HttpDriver(URI base) {
    this(base, Settings.defaults());
  }

  public HttpDriver(URI base, Settings settings) {
    this.base = base.toString().replaceAll("/+$", "");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.plane = new ControlPlane(settings);
  }

  @Override
  public String kind() {
    return "http";
  }

  /** None up front: branches are looked up ({@link #find}) when a client first asks for them. */
  @Override
  public List<BranchRecord> catalog() {
    return List.of();
  }

  @Override
  public Optional<BranchRecord> find(String branch) {
    ControlPlane.Answer answer = plane.send("GET", uri(branch, ""), "look up branch \"" + branch + "\"");
    if (answer.status() == 404) {
      return Optional.empty();
    }
    expectSuccess(answer, "look up branch \"" + branch + "\"");
    return Optional.of(record(branch, answer.json()));
  }

  @Override
  public Set<BranchState> sleepStates() {
    return Set.of(BranchState.SUSPENDED);
  }

  @Override
  public Endpoint resumeHot(String branch) {
    return wake(branch);
  }

  @Override
  public Endpoint resumeWarm(String branch) {
    return wake(branch);
  }

  @Override
  public Endpoint resumeCold(String branch) {
    return wake(branch);
  }

  @Override
  public void suspend(String branch) {
    String what = "suspend branch \"" + branch + "\"";
    expectSuccess(plane.send("POST", uri(branch, "/suspend"), what), what);
  }

  /** Asks the control plane to wake {@code branch}; returns once it says the branch runs. */
  Endpoint wake(String branch) {
    String what = "wake branch \"" + branch + "\"";
    long deadline = System.nanoTime() + settings.wakeDeadline().toNanos();
    ControlPlane.Answer answer = plane.send("POST", uri(branch, "/wake"), what);
    if (answer.status() == 202) {
      return poll(branch, deadline);
    }
    expectSuccess(answer, what);
    return endpointIn(answer, what);
  }

  private Endpoint poll(String branch, long deadline) {
    String what = "wait for branch \"" + branch + "\" to run";
    String lastState = "accepted";
    while (System.nanoTime() - deadline < 0) {
      ControlPlane.sleep(settings.pollInterval());
      ControlPlane.Answer answer = plane.send("GET", uri(branch, ""), what);
      expectSuccess(answer, what);
      lastState = answer.json().path("state").asText("");
      if (lastState.equalsIgnoreCase("running")) {
        return endpointIn(answer, what);
      }
      if (lastState.equalsIgnoreCase("failed")) {
        throw new LifecycleException(LifecycleException.SYSTEM_ERROR, what + ": the control plane reports it failed: "
            + answer.excerpt());
      }
    }
    throw new LifecycleException(LifecycleException.CANNOT_CONNECT_NOW, what + ": not running after "
        + settings.wakeDeadline().toMillis() + " ms (last state \"" + lastState + "\")");
  }

  private void expectSuccess(ControlPlane.Answer answer, String what) {
    if (answer.status() == 404) {
      throw new LifecycleException(LifecycleException.UNKNOWN_BRANCH, what + ": the control plane at " + base
          + " does not know this branch (404)");
    }
    if (answer.status() < 200 || answer.status() > 299) {
      throw new LifecycleException(LifecycleException.SYSTEM_ERROR, what + ": the control plane answered "
          + answer.status() + ": " + answer.excerpt());
    }
  }

  private static Endpoint endpointIn(ControlPlane.Answer answer, String what) {
    JsonNode host = answer.json().path("host");
    JsonNode port = answer.json().path("port");
    if (!host.isTextual() || !port.canConvertToInt()) {
      throw new LifecycleException(LifecycleException.SYSTEM_ERROR, what + ": the control plane's answer has no "
          + "\"host\" and \"port\": " + answer.excerpt());
    }
    try {
      return new Endpoint(host.asText(), port.asInt());
    } catch (IllegalArgumentException e) {
      throw new LifecycleException(LifecycleException.SYSTEM_ERROR, what + ": " + e.getMessage(), e);
    }
  }

  private static BranchRecord record(String branch, JsonNode json) {
    BranchState state;
    switch (json.path("state").asText("").toLowerCase(Locale.ROOT)) {
      case "running":
        state = BranchState.RUNNING;
        break;
      case "suspended":
        state = BranchState.SUSPENDED;
        break;
      case "archived":
        state = BranchState.ARCHIVED;
        break;
      default:
        state = BranchState.STOPPED;
    }
    Optional<Endpoint> endpoint = Optional.empty();
    if (json.path("host").isTextual() && json.path("port").canConvertToInt()) {
      endpoint = Optional.of(new Endpoint(json.path("host").asText(), json.path("port").asInt()));
    }
    if (state == BranchState.RUNNING && endpoint.isEmpty()) {
      state = BranchState.STOPPED; // running without an address: wake it to learn where
    }
    String parent = json.path("parent").asText("");
    return new BranchRecord(branch, parent.isEmpty() ? Optional.empty() : Optional.of(parent), created(json), state,
        endpoint, Map.of());
  }

  private static Instant created(JsonNode json) {
    try {
      return json.path("created").isTextual() ? Instant.parse(json.path("created").asText()) : Instant.now();
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }

  private URI uri(String branch, String suffix) {
    return URI.create(base + "/branches/" + URLEncoder.encode(branch, StandardCharsets.UTF_8).replace("+", "%20")
        + suffix);
  }
}
