package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.Main;
import dev.pgwake.proxy.ProxyServer;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client listener: with epoll one SO_REUSEPORT socket per event loop, so it must still refuse a port that is
 * taken (by another pgwake too) and serve every connection whichever socket the kernel gives it to.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenTest {

    @Test
    void aSecondPgwakeOnTheSamePortFailsToStartAndTheFirstKeepsServing() throws Exception {
        try (Pgwake first = Pgwake.start("")) {
            ProxyConfig config = new ConfigLoader().parse("listen: 127.0.0.1:" + first.port() + "\n"
                    + "http: {enabled: false}\n"
                    + "driver:\n  kind: static\n  branches:\n    main: \"" + PostgresFixture.shared().hostPort() + "\"\n",
                    "test configuration");
            ProxyServer second = new ProxyServer(config, Main.driver(config.driver(), config.routing().defaultBranch()));
            try {
                RuntimeException refused = assertThrows(RuntimeException.class, second::start);
                assertTrue(String.valueOf(refused.getMessage()).contains(String.valueOf(first.port())),
                        "the error names the port: " + refused.getMessage());
            } finally {
                second.close();
            }
            for (int i = 0; i < 20; i++) { // none of them lands on a socket of the pgwake that failed
                try (Connection c = first.connect(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select 1")) {
                    assertTrue(rs.next());
                }
            }
        }
    }

    @Test
    void connectionsSpreadOverTheListeningLoopsAreAllServed() throws Exception {
        try (Pgwake pgwake = Pgwake.start("")) {
            List<Connection> open = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) { // from 40 client ports: the kernel's hash spreads them over the sockets
                    open.add(pgwake.connect());
                }
                for (Connection c : open) {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 41 + 1")) {
                        assertTrue(rs.next());
                        assertEquals(42, rs.getInt(1));
                    }
                }
            } finally {
                for (Connection c : open) {
                    c.close();
                }
            }
        }
    }
}
