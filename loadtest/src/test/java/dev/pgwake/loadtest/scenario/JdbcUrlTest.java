package dev.pgwake.loadtest.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void takenApartAndPutBackAsWritten() {
        String url = "jdbc:postgresql://h1:1,h2/app@x?sslmode=disable&options=--branch%3Dx";
        JdbcUrl u = JdbcUrl.parse(url, "");
        assertEquals("h1:1,h2", u.hosts());
        assertEquals("app@x", u.database());
        assertEquals(List.of("sslmode=disable", "options=--branch%3Dx"), u.parameters());
        assertEquals(url, u.toString());
        assertEquals("jdbc:postgresql:db", JdbcUrl.parse("jdbc:postgresql:db", "").toString());
    }

    @Test
    void derivedUrls() {
        JdbcUrl u = JdbcUrl.parse("jdbc:postgresql://h:7/app?OPTIONS=x&sslmode=require&user=u", "");
        assertEquals("jdbc:postgresql://127.0.0.1:9/pgwake?sslmode=require",
                u.withHost("127.0.0.1", 9).withDatabase("pgwake").without(Set.of("options", "user")).toString());
    }

    @Test
    void firstHostAndPort() {
        assertEquals("h1", JdbcUrl.parse("jdbc:postgresql://h1:1,h2:2/db", "").firstHost());
        assertEquals(1, JdbcUrl.parse("jdbc:postgresql://h1:1,h2:2/db", "").firstPort());
        assertEquals(5432, JdbcUrl.parse("jdbc:postgresql://h/db", "").firstPort());
        assertEquals("::1", JdbcUrl.parse("jdbc:postgresql://[::1]:6432/db", "").firstHost());
        assertEquals(6432, JdbcUrl.parse("jdbc:postgresql://[::1]:6432/db", "").firstPort());
        assertEquals(5432, JdbcUrl.parse("jdbc:postgresql://[::1]/db", "").firstPort());
        assertEquals("localhost", JdbcUrl.parse("jdbc:postgresql:db", "").firstHost());
    }

    @Test
    void notAPgjdbcUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcUrl.parse("postgres://h/db", "try X"));
        assertEquals("cannot read the JDBC URL postgres://h/db: try X", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JdbcUrl.parse("jdbc:postgresql://h:port/db", "").firstPort());
    }
}
