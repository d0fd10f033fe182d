package dev.pgwake.proxy.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.local.InitOptions;
import dev.pgwake.lifecycle.local.OsUser;
import dev.pgwake.lifecycle.local.PortAllocator;
import dev.pgwake.lifecycle.local.PostgresBinaries;
import dev.pgwake.lifecycle.local.PostgresCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The one way tests start a real PostgreSQL server: clusters shared by every test class in the JVM, each
 * started once on first use and stopped (its directory deleted) by a JVM shutdown hook.
 *
 * <p>{@link #shared()} is the main cluster. Its roles, with pg_hba.conf rules on 127.0.0.1 placed before
 * initdb's trust rules: {@value #SCRAM_USER} (scram-sha-256), {@value #MD5_USER} (md5, secret stored as md5),
 * {@value #CLEAR_USER} (password, i.e. cleartext), {@value #TRUST_USER} (trust), and members of the group
 * {@value #SCRAM_GROUP} (scram-sha-256; see {@link #createScramRole}). The superuser {@code postgres} and
 * every other role are trusted, over TCP and over the Unix socket. {@link #second()} is a plain cluster
 * (superuser only, all trusted) for tests that need a second, distinguishable server.
 *
 * <p>Tests must not change what others rely on: create their own tables and roles, with unique names.
 * Skips the calling test (an assumption failure) where PostgreSQL is not installed.
 */
public final class PostgresFixture {
    public static final String SUPERUSER = "postgres";
    public static final String SCRAM_USER = "scram_user";
    public static final String SCRAM_PASSWORD = "scram secret";
    public static final String MD5_USER = "md5_user";
    public static final String MD5_PASSWORD = "md5 secret";
    public static final String CLEAR_USER = "clear_user";
    public static final String CLEAR_PASSWORD = "clear secret";
    public static final String TRUST_USER = "trust_user";
    /** The role that logs in to the {@link #tls()} cluster with a client certificate (cert authentication). */
    public static final String CERT_USER = "cert_user";
    public static final String SCRAM_GROUP = "scram_users";

    private static final PortAllocator PORTS = new PortAllocator();
    private static Started shared;
    private static Started second;
    private static Started tls;
    /** The certificate (PEM) of the {@link #tls()} cluster, which also serves as its own CA. */
    private static String tlsCertificate;
    /** The client certificate and key the {@link #tls()} cluster takes for {@value #CERT_USER}. */
    private static TestCertificates.Issued tlsClient;

    private final PostgresCluster cluster;

    private PostgresFixture(PostgresCluster cluster) {
        this.cluster = cluster;
    }

    /** The main cluster, with the roles described above. */
    public static synchronized PostgresFixture shared() {
        if (shared == null) {
            shared = Started.attempt("pgwake-pg-main-", PostgresFixture::initMain);
        }
        return shared.get();
    }

    /** A second, plain cluster: superuser only, every connection trusted. */
    public static synchronized PostgresFixture second() {
        if (second == null) {
            second = Started.attempt("pgwake-pg-second-", cluster -> cluster.init(InitOptions.defaults()));
        }
        return second.get();
    }

    /**
     * A third cluster that accepts TCP connections over TLS only ({@code hostnossl ... reject}), every user trusted
     * but {@value #CERT_USER}, who must show the client certificate {@link #tlsClientCertificate()}; its own
     * self-signed certificate names localhost and 127.0.0.1 ({@link #tlsCertificatePem()}).
     */
    public static synchronized PostgresFixture tls() {
        if (tls == null) {
            tls = Started.attempt("pgwake-pg-tls-", PostgresFixture::initTls);
        }
        return tls.get();
    }

    /** The client certificate (CN {@value #CERT_USER}) and key the {@link #tls()} cluster accepts, PEM. */
    public static synchronized TestCertificates.Issued tlsClientCertificate() {
        tls();
        return tlsClient;
    }

    /** The {@link #tls()} cluster's certificate, PEM: a CA file that trusts it. */
    public static synchronized String tlsCertificatePem() {
        tls();
        return tlsCertificate;
    }

    private static void initTls(PostgresCluster cluster) {
        cluster.init(InitOptions.defaults().withConfig("ssl = on").withConfig("ssl_ca_file = 'client-ca.crt'")
                .withHba("hostnossl all all 127.0.0.1/32 reject")
                .withHba("hostssl all " + CERT_USER + " 127.0.0.1/32 cert")
                .withHba("hostssl all all 127.0.0.1/32 trust"));
        TestCertificates.Issued issued = TestCertificates.selfSigned("pgwake test server", "localhost", "127.0.0.1");
        TestCertificates.Issued client = TestCertificates.selfSigned(CERT_USER, "localhost", "127.0.0.1");
        try {
            Path certificate = Files.writeString(cluster.dataDir().resolve("server.crt"), issued.certificatePem());
            Path key = Files.writeString(cluster.dataDir().resolve("server.key"), issued.privateKeyPem());
            Path clientCa = Files.writeString(cluster.dataDir().resolve("client-ca.crt"), client.certificatePem());
            for (Path file : List.of(certificate, key, clientCa)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                cluster.runAs().own(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test server's certificate: " + e.getMessage(), e);
        }
        tlsCertificate = issued.certificatePem();
        tlsClient = client;
        cluster.start();
        cluster.runSql("CREATE ROLE " + CERT_USER + " LOGIN");
    }

    private static void initMain(PostgresCluster cluster) {
        cluster.init(InitOptions.defaults()
                .withHba("host all " + SCRAM_USER + " 127.0.0.1/32 scram-sha-256")
                .withHba("host all " + MD5_USER + " 127.0.0.1/32 md5")
                .withHba("host all " + CLEAR_USER + " 127.0.0.1/32 password")
                .withHba("host all " + TRUST_USER + " 127.0.0.1/32 trust")
                .withHba("host all +" + SCRAM_GROUP + " 127.0.0.1/32 scram-sha-256"));
        cluster.start();
        cluster.runSql("SET password_encryption = 'scram-sha-256';"
                + "CREATE ROLE " + SCRAM_USER + " LOGIN PASSWORD " + literal(SCRAM_PASSWORD) + ";"
                + "CREATE ROLE " + CLEAR_USER + " LOGIN PASSWORD " + literal(CLEAR_PASSWORD) + ";"
                + "CREATE ROLE " + TRUST_USER + " LOGIN;"
                + "CREATE ROLE " + SCRAM_GROUP + " NOLOGIN;"
                + "SET password_encryption = 'md5';"
                + "CREATE ROLE " + MD5_USER + " LOGIN PASSWORD " + literal(MD5_PASSWORD) + ";");
    }

    /**
     * Creates (or re-passwords) a login role in {@value #SCRAM_GROUP}, so it must log in over 127.0.0.1 with
     * SCRAM-SHA-256 and {@code password}.
     */
    public void createScramRole(String name, String password) {
        sql("SET password_encryption = 'scram-sha-256';"
                + "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + literal(name) + ") THEN "
                + "CREATE ROLE " + name + " LOGIN IN ROLE " + SCRAM_GROUP + "; END IF; END$$;"
                + "ALTER ROLE " + name + " PASSWORD " + literal(password) + ";");
    }

    /** Runs SQL as the superuser over the Unix socket; returns psql's unaligned, tuples-only output. */
    public String sql(String sql) {
        return cluster.runSql(sql);
    }

    /** A pgjdbc connection straight to this server (not through pgwake) as the trusted superuser. */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("gssEncMode", "disable");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(jdbcUrl("postgres"), properties);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + PostgresCluster.LOOPBACK + ":" + port() + "/" + database;
    }

    public int port() {
        return cluster.port();
    }

    /** 127.0.0.1:port, as a static driver wants it. */
    public Endpoint endpoint() {
        return cluster.endpoint();
    }

    public String hostPort() {
        return PostgresCluster.LOOPBACK + ":" + port();
    }

    public Path logFile() {
        return cluster.logFile();
    }

    /** {@code text} as an SQL string literal. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A cluster start attempt, remembered so a failure is reported to every caller without retrying. */
    private static final class Started {
        private final PostgresFixture fixture;
        private final RuntimeException failure;

        private Started(PostgresFixture fixture, RuntimeException failure) {
            this.fixture = fixture;
            this.failure = failure;
        }

        interface Setup {
            void run(PostgresCluster cluster);
        }

        static Started attempt(String prefix, Setup setup) {
            Optional<PostgresBinaries> bins = PostgresBinaries.locate();
            if (bins.isEmpty()) {
                return new Started(null, null);
            }
            Path dir = null;
            PostgresCluster cluster = null;
            try {
                OsUser runAs = OsUser.detect();
                dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
                runAs.own(dir);
                cluster = new PostgresCluster(bins.get(), dir.resolve("data"), PORTS.allocate(), runAs);
                stopOnExit(cluster, dir);
                setup.run(cluster);
                if (!cluster.isRunning()) {
                    cluster.start();
                }
                return new Started(new PostgresFixture(cluster), null);
            } catch (IOException | RuntimeException e) {
                String log = cluster == null ? "" : " (server log: " + cluster.logFile() + ")";
                return new Started(null, new IllegalStateException("cannot start the test PostgreSQL cluster in "
                        + dir + log + ": " + e.getMessage(), e));
            }
        }

        PostgresFixture get() {
            if (failure != null) {
                throw failure;
            }
            assumeTrue(fixture != null, "no PostgreSQL server binaries on this machine");
            return fixture;
        }

        private static void stopOnExit(PostgresCluster cluster, Path dir) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                    delete(dir);
                } catch (IOException | RuntimeException e) {
                    System.err.println("could not stop or remove test cluster " + cluster + ": " + e);
                }
            }, "stop-" + dir.getFileName()));
        }

        private static void delete(Path dir) throws IOException {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
