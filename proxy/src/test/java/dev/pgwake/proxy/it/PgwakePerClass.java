package dev.pgwake.proxy.it;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One pgwake for a whole test class (branch {@code main} on the shared cluster, plus the given YAML),
 * started before its first test and closed after its last:
 * {@code @RegisterExtension static final PgwakePerClass pgwake = new PgwakePerClass("");}
 */
final class PgwakePerClass implements BeforeAllCallback, AfterAllCallback {
    private final String yaml;
    private Pgwake pgwake;

    PgwakePerClass(String yaml) {
        this.yaml = yaml;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        pgwake = Pgwake.start(yaml);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pgwake != null) {
            pgwake.close();
            pgwake = null;
        }
    }

    Connection connect() throws SQLException {
        return pgwake.connect();
    }

    Connection connect(java.util.Properties properties) throws SQLException {
        return pgwake.connect(properties);
    }

    int port() {
        return pgwake.port();
    }

    int httpPort() {
        return pgwake.httpPort();
    }
}
