package dev.pgwake.lifecycle.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a server log, for error messages a person can act on. */
final class LogTail {

  private static final int MAX_BYTES = 16 * 1024;

  private LogTail() {
  }

  /** The last {@code maxLines} lines of {@code file}, or a note saying why there are none. */
  static String of(Path file, int maxLines) {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long size = channel.size();
      int length = (int) Math.min(size, MAX_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate(length);
      channel.position(size - length);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // keep reading until the tail is complete
      }
      List<String> lines = Arrays.asList(
          new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n"));
      if (lines.size() > maxLines) {
        lines = lines.subList(lines.size() - maxLines, lines.size());
      }
      String tail = String.join("\n", lines).strip();
      return tail.isEmpty() ? "(" + file + " is empty)" : tail;
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
