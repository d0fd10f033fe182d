package dev.pgwake.lifecycle.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One HTTP exchange with the control plane, retried: connection failures, timeouts and 5xx answers are
 * tried again after an exponential backoff (first, doubled, capped), up to {@code attempts} in all;
 * any other answer is returned to the caller. Blocking; thread-safe.
 */
final class ControlPlane {

  /** An answer: its status, its body as JSON (missing if it was not JSON) and as text. */
  record Answer(int status, JsonNode json, String text) {

    /** A short excerpt of the body for messages. */
    String excerpt() {
      String t = text.strip().replaceAll("\\s+", " ");
      return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
  }

  private final HttpClient client;
  private final HttpDriver.Settings settings;
  private final ObjectMapper mapper = new ObjectMapper();

  ControlPlane(HttpDriver.Settings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** Sends {@code method uri} (POST with an empty body); {@code what} names the call in messages. */
  Answer send(String method, URI uri, String what) {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("Accept", "application/json")
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    Duration backoff = settings.firstBackoff();
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= settings.attempts();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        Answer answer = new Answer(response.statusCode(), parse(response.body()), response.body());
        if (answer.status() < 500) {
          return answer;
        }
        if (last) {
          throw new LifecycleException(LifecycleException.SYSTEM_ERROR, what + ": the control plane answered "
              + method + " " + uri + " with " + answer.status() + " " + attempt + " time(s): " + answer.excerpt());
        }
      } catch (HttpTimeoutException e) {
        if (last) {
          throw new LifecycleException(LifecycleException.CANNOT_CONNECT_NOW, what + ": the control plane did not "
              + "answer " + method + " " + uri + " within " + settings.requestTimeout().toMillis() + " ms ("
              + attempt + " attempt(s)): " + e.getMessage(), e);
        }
      } catch (IOException e) {
        if (last) {
          throw new LifecycleException(LifecycleException.SYSTEM_ERROR, what + ": cannot reach the control plane at "
              + uri + " (" + attempt + " attempt(s)): " + e, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LifecycleException(LifecycleException.SYSTEM_ERROR, what + ": interrupted", e);
      }
      sleep(backoff);
      backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
          : backoff.multipliedBy(2);
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException notJson) {
      return MissingNode.getInstance();
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleException(LifecycleException.SYSTEM_ERROR, "interrupted while waiting for the control plane", e);
    }
  }
}
