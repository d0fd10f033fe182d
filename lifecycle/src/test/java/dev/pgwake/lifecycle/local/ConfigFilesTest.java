package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

  @TempDir
  Path dataDir;

  @Test
  void callerHbaRulesGoFirstInTheOrderGiven() throws Exception {
    Files.write(dataDir.resolve("pg_hba.conf"), List.of("# comment", "local all all trust"));

    ConfigFiles.addHbaRule(dataDir, "host all a 127.0.0.1/32 scram-sha-256");
    ConfigFiles.addHbaRule(dataDir, "host all b 127.0.0.1/32 md5");

    assertEquals(List.of(
        ConfigFiles.CALLER_RULES_BEGIN,
        "host all a 127.0.0.1/32 scram-sha-256",
        "host all b 127.0.0.1/32 md5",
        ConfigFiles.CALLER_RULES_END,
        "",
        "# comment",
        "local all all trust"), Files.readAllLines(dataDir.resolve("pg_hba.conf")));
  }

  @Test
  void settingsAreAppendedUnderAHeading() throws Exception {
    Files.write(dataDir.resolve("postgresql.conf"), List.of("port = 5432"));

    ConfigFiles.appendSettings(dataDir, "pgwake", List.of("port = 20001", "fsync = off"));

    assertEquals(List.of("port = 5432", "", "# pgwake", "port = 20001", "fsync = off"),
        Files.readAllLines(dataDir.resolve("postgresql.conf")));
  }

  @Test
  void quotesConfigStrings() {
    assertEquals("'/tmp/it''s'", ConfigFiles.quote("/tmp/it's"));
  }

  @Test
  void initOptionsRejectMultiLineInjection() {
    assertThrows(IllegalArgumentException.class,
        () -> InitOptions.defaults().withHba("host all all 0.0.0.0/0 trust\nlocal all all trust"));
    assertThrows(IllegalArgumentException.class, () -> InitOptions.defaults().withSuperuser(" "));
    assertEquals(List.of("a = 1", "b = 2"),
        InitOptions.defaults().withConfig("a = 1").withConfig("b = 2").configLines());
  }

  @Test
  void longDataDirectoriesGetAShortSocketDirectory() {
    Path shortDir = Path.of("/tmp/pgwake/data");
    Path longDir = Path.of("/tmp/" + "x".repeat(100) + "/data");

    assertEquals(shortDir, ClusterLayout.socketDirectoryFor(shortDir, 25_000));
    Path socketDir = ClusterLayout.socketDirectoryFor(longDir, 25_000);
    assertEquals(Path.of("/tmp"), socketDir.getParent());
    assertEquals(true, (socketDir + "/.s.PGSQL.25000").length() <= ClusterLayout.MAX_SOCKET_PATH);
  }
}
