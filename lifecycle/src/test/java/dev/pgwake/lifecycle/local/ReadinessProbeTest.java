package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe against a scripted fake server: exact bytes in, each kind of answer out. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadinessProbeTest {

  private static final Duration IO_TIMEOUT = Duration.ofSeconds(5);
  private static final PortAllocator PORTS = new PortAllocator();

  @Test
  void startupMessageIsProtocol30WithUserAndDatabase() {
    byte[] expected = HexFormat.of().parseHex(
        "00000022" + "00030000"
            + hex("user\0u\0database\0postgres\0") + "00");

    assertArrayEquals(expected, ReadinessProbe.startupMessage("u", "postgres"));
  }

  @Test
  void cannotConnectNowMeansStartingUp() throws Exception {
    byte[] error = errorResponse("FATAL", "57P03", "the database system is starting up");
    assertEquals(ReadinessProbe.Answer.STARTING_UP, askFakeServer(error).answer());
  }

  @Test
  void otherErrorsProveTheServerRuns() throws Exception {
    byte[] error = errorResponse("FATAL", "28000", "no pg_hba.conf entry");
    assertEquals(ReadinessProbe.Answer.ACCEPTING, askFakeServer(error).answer());
  }

  @Test
  void authenticationRequestMeansAcceptingAndProbeHangsUpWithoutTerminate() throws Exception {
    byte[] saslRequest = HexFormat.of().parseHex("52" + "00000017" + "0000000a"
        + hex("SCRAM-SHA-256\0") + "00");

    Exchange exchange = askFakeServer(saslRequest);

    assertEquals(ReadinessProbe.Answer.ACCEPTING, exchange.answer());
    assertEquals("", exchange.afterStartup());
  }

  @Test
  void trustLoginRunsToReadyForQueryThenSendsTerminate() throws Exception {
    byte[] login = HexFormat.of().parseHex("52" + "00000008" + "00000000"      // AuthenticationOk
        + "53" + "00000011" + hex("TimeZone\0UTC\0")                           // ParameterStatus
        + "4b" + "0000000c" + "00000001" + "00000002"                          // BackendKeyData
        + "5a" + "00000005" + "49");                                           // ReadyForQuery 'I'

    Exchange exchange = askFakeServer(login);

    assertEquals(ReadinessProbe.Answer.ACCEPTING, exchange.answer());
    assertEquals("5800000004", exchange.afterStartup());
  }

  @Test
  void closedPortMeansNotListening() {
    int port = PORTS.allocate();
    ReadinessProbe probe = new ReadinessProbe(new InetSocketAddress("127.0.0.1", port), "u", "postgres");
    assertEquals(ReadinessProbe.Answer.NOT_LISTENING, probe.ask(IO_TIMEOUT));
  }

  @Test
  void connectionClosedWithoutAnswerMeansNotListening() throws Exception {
    assertEquals(ReadinessProbe.Answer.NOT_LISTENING, askFakeServer(new byte[0]).answer());
  }

  @Test
  void readsSqlStateAmongOtherFields() {
    byte[] error = errorResponse("FATAL", "57P03", "starting");
    assertEquals("57P03", ReadinessProbe.sqlState(Arrays.copyOfRange(error, 5, error.length)));
    assertEquals("", ReadinessProbe.sqlState(new byte[] {0}));
  }

  /** What the probe answered and the hex of what it sent after its StartupMessage. */
  record Exchange(ReadinessProbe.Answer answer, String afterStartup) {
  }

  private static Exchange askFakeServer(byte[] reply) throws Exception {
    int port = PORTS.allocate();
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      CompletableFuture<String> afterStartup = CompletableFuture.supplyAsync(() -> serveOnce(server, reply));
      ReadinessProbe probe = new ReadinessProbe(new InetSocketAddress("127.0.0.1", port), "u", "postgres");
      ReadinessProbe.Answer answer = probe.ask(IO_TIMEOUT);
      return new Exchange(answer, afterStartup.get(10, TimeUnit.SECONDS));
    }
  }

  private static String serveOnce(ServerSocket server, byte[] reply) {
    try (Socket socket = server.accept()) {
      socket.setSoTimeout(5_000);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int length = in.readInt();
      in.readFully(new byte[length - 4]);
      if (reply.length == 0) {
        return ""; // hang up without a word
      }
      socket.getOutputStream().write(reply);
      socket.getOutputStream().flush();
      return HexFormat.of().formatHex(readUntilClosed(in));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    byte[] buffer = new byte[256];
    for (int n; (n = in.read(buffer)) > 0; ) {
      rest.write(buffer, 0, n);
    }
    return rest.toByteArray();
  }

  private static byte[] errorResponse(String severity, String sqlState, String message) {
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    for (String field : new String[] {"S" + severity, "V" + severity, "C" + sqlState, "M" + message}) {
      fields.writeBytes(field.getBytes(StandardCharsets.UTF_8));
      fields.write(0);
    }
    fields.write(0);
    return ByteBuffer.allocate(1 + 4 + fields.size())
        .put((byte) 'E').putInt(4 + fields.size()).put(fields.toByteArray()).array();
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }
}
