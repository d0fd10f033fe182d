package dev.pgwake.lifecycle.local;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks a PostgreSQL server whether it accepts connections, the way a client would: open a TCP
 * connection, send a StartupMessage (protocol 3.0) and read the first answer. Any authentication
 * request, ParameterStatus, BackendKeyData or ReadyForQuery means the server accepts connections; an
 * ErrorResponse with SQLSTATE 57P03 (cannot_connect_now: starting up, shutting down, in recovery)
 * means not yet. Any other ErrorResponse (unknown role, no pg_hba.conf entry, too many connections)
 * still proves the server runs and authenticates, so it counts as accepting. The probe never
 * authenticates; on AuthenticationOk (trust) it answers at once, sending Terminate before it closes,
 * which the new backend reads as soon as it has started and then exits quietly: a warm resume does not
 * wait for the probe's backend to finish starting.
 * Not thread-safe: one probe per waiting thread.
 */
final class ReadinessProbe {

  /** What the server said. */
  enum Answer {
    /** The server runs a backend for new connections. */
    ACCEPTING,
    /** The postmaster answers but refuses connections for now (57P03). */
    STARTING_UP,
    /** Nothing listens, or the connection broke or timed out before an answer. */
    NOT_LISTENING
  }

  static final int PROTOCOL_VERSION_3_0 = (3 << 16) | 0;
  static final String CANNOT_CONNECT_NOW = "57P03";
  private static final int MAX_MESSAGE_LENGTH = 64 * 1024;
  private static final byte[] TERMINATE = {'X', 0, 0, 0, 4};

  private final InetSocketAddress address;
  private final byte[] startupMessage;

  ReadinessProbe(InetSocketAddress address, String user, String database) {
    this.address = address;
    this.startupMessage = startupMessage(user, database);
  }

  /** Attempts one connection; {@code ioTimeout} bounds the connect and every read. */
  Answer ask(Duration ioTimeout) {
    int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ioTimeout.toMillis()));
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(address, timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write(startupMessage);
      out.flush();
      return interpret(new DataInputStream(socket.getInputStream()), out);
    } catch (IOException refusedResetOrTimedOut) {
      return Answer.NOT_LISTENING;
    }
  }

  private static Answer interpret(DataInputStream in, OutputStream out) throws IOException {
    int type = in.read();
    switch (type) {
      case 'E':
        return CANNOT_CONNECT_NOW.equals(sqlState(body(in))) ? Answer.STARTING_UP : Answer.ACCEPTING;
      case 'R':
        if (authenticationCode(body(in)) == 0) {
          out.write(TERMINATE);
          out.flush();
        }
        return Answer.ACCEPTING;
      case 'S':
      case 'K':
      case 'Z':
        return Answer.ACCEPTING;
      default:
        return Answer.NOT_LISTENING; // connection closed, or not PostgreSQL
    }
  }

  /** The body of a typed message whose type byte was already read. */
  private static byte[] body(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 4 || length > MAX_MESSAGE_LENGTH) {
      throw new IOException("implausible message length " + length);
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return body;
  }

  private static int authenticationCode(byte[] body) {
    if (body.length < 4) {
      return -1;
    }
    return ByteBuffer.wrap(body).getInt();
  }

  /** The 'C' field of an ErrorResponse body, or "" if absent. */
  static String sqlState(byte[] body) {
    int i = 0;
    while (i < body.length && body[i] != 0) {
      byte field = body[i++];
      int end = i;
      while (end < body.length && body[end] != 0) {
        end++;
      }
      if (field == 'C') {
        return new String(body, i, end - i, StandardCharsets.UTF_8);
      }
      i = end + 1;
    }
    return "";
  }

  /** Int32 length, Int32 protocol version, then name/value C strings and a final zero byte. */
  static byte[] startupMessage(String user, String database) {
    ByteArrayOutputStream parameters = new ByteArrayOutputStream();
    cstring(parameters, "user");
    cstring(parameters, user);
    cstring(parameters, "database");
    cstring(parameters, database);
    parameters.write(0);
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(message)) {
      data.writeInt(4 + 4 + parameters.size());
      data.writeInt(PROTOCOL_VERSION_3_0);
      parameters.writeTo(data);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return message.toByteArray();
  }

  private static void cstring(ByteArrayOutputStream out, String value) {
    out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }
}
