package dev.pgwake.lifecycle.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits a data directory's postgresql.conf and pg_hba.conf in place (same inode, so the files keep
 * the owner initdb gave them).
 */
final class ConfigFiles {

  static final String CALLER_RULES_BEGIN = "# pgwake: caller rules, matched before the defaults below";
  static final String CALLER_RULES_END = "# pgwake: end of caller rules";

  private ConfigFiles() {
  }

  /** Appends {@code lines} to postgresql.conf under a heading; later settings win in PostgreSQL. */
  static void appendSettings(Path dataDir, String heading, List<String> lines) throws IOException {
    List<String> block = new ArrayList<>();
    block.add("");
    block.add("# " + heading);
    block.addAll(lines);
    Files.write(dataDir.resolve("postgresql.conf"), block, StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  /**
   * Adds {@code line} after earlier caller lines but before every rule initdb wrote: pg_hba.conf is
   * matched top-down and the first matching line decides.
   */
  static void addHbaRule(Path dataDir, String line) throws IOException {
    Path file = dataDir.resolve("pg_hba.conf");
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    int end = lines.indexOf(CALLER_RULES_END);
    if (end < 0) {
      lines.addAll(0, List.of(CALLER_RULES_BEGIN, line, CALLER_RULES_END, ""));
    } else {
      lines.add(end, line);
    }
    Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** A postgresql.conf string literal: single quotes, embedded quotes doubled. */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
