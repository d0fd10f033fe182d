package dev.pgwake.lifecycle;

import java.util.Objects;

/**
 * Where a branch's PostgreSQL accepts TCP connections.
 *
 * @param host host name or IP literal, never blank
 * @param port TCP port, 1 to 65535
 */
public record Endpoint(String host, int port) {

  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("endpoint host must not be empty");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("endpoint port must be 1..65535, got " + port);
    }
  }
}
