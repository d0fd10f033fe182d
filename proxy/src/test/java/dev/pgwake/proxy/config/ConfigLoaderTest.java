package dev.pgwake.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    private ProxyConfig parse(String yaml) {
        return loader.parse(yaml, "test.yaml");
    }

    private ConfigException refused(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertTrue(e.getMessage().startsWith("test.yaml: "), "the message names the file: " + e.getMessage());
        return e;
    }

    private static void assertMentions(ConfigException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected \"" + part + "\" in: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "   \n\n", "# everything at its default\n", "---\n", "{}"})
    void anEmptyConfigurationIsTheEmbeddedDefault(String yaml) {
        ProxyConfig config = parse(yaml);

        assertEquals(new HostPort("127.0.0.1", 6432), config.listen());
        assertEquals(Duration.ofSeconds(10), config.startupTimeout());
        assertEquals(64L << 20, config.maxFrameSize().bytes());
        assertEquals(TlsMode.ALLOW, config.tls().mode());
        assertNull(config.tls().certFile());
        assertEquals(AuthMethod.TRUST, config.auth().method());
        assertNull(config.auth().usersFile());
        assertEquals(DriverConfig.LOCAL, config.driver().kind());
        assertEquals(Path.of("pgwake-data"), config.driver().dataRoot());
        assertEquals("main", config.routing().defaultBranch());
        assertNull(config.routing().sniSuffix());
        assertEquals(Duration.ofSeconds(5), config.server().connectTimeout());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "' 45 s ', PT45S", "10S, PT10S"})
    void durations(String written, Duration expected) {
        assertEquals(expected, parse("startup_timeout: '" + written + "'").startupTimeout());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"off", "OFF", "0", "0s", "0ms"})
    void offIsADurationOfZero(String written) {
        assertEquals(Duration.ZERO, DurationValue.parse(written));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"startup_timeout: off", "startup_timeout: 0ms", "server: {connect_timeout: off}"})
    void timeoutsThatMustFireCannotBeOff(String yaml) {
        // Zero would not mean "no timeout" here: the deadline would fire at once and close every client.
        assertMentions(refused(yaml), yaml.startsWith("server") ? "server.connect_timeout" : "startup_timeout", "off");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"30", "30 seconds", "-5s", "1.5s", "s", "forever"})
    void badDurationsNameTheKey(String written) {
        ConfigException e = refused("startup_timeout: '" + written + "'");

        assertMentions(e, "startup_timeout", written.trim());
    }

    @Test
    void badNestedDurationNamesTheFullKey() {
        assertMentions(refused("server:\n  connect_timeout: soon\n"), "server.connect_timeout", "soon");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"64kB, 65536", "16MB, 16777216", "1GB, 1073741824", "8192, 8192", "1kb, 1024", "2048B, 2048"})
    void sizes(String written, long bytes) {
        // max_frame_size must stay within 1kB..1GB - 1, so read sizes through it where they fit
        if (bytes <= 0x3fffffffL) {
            assertEquals(bytes, parse("max_frame_size: " + written).maxFrameSize().bytes());
        }
        assertEquals(bytes, ByteSize.parse(written).bytes());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"64 kilobytes", "-1", "1.5MB", "MB", "64TB"})
    void badSizesNameTheKey(String written) {
        assertMentions(refused("max_frame_size: '" + written + "'"), "max_frame_size");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"512", "1023", "1GB", "2GB"})
    void maxFrameSizeOutsideItsRangeNamesTheKey(String written) {
        ConfigException e = refused("max_frame_size: " + written);

        assertMentions(e, "max_frame_size", "1kB", "less than 1GB");
        assertTrue(!e.getMessage().contains("''"), "no empty key in: " + e.getMessage());
    }

    @Test
    void maxFrameSizeLimitsAreInclusiveOfOneKilobyteAndOneGigabyteLessOne() {
        assertEquals(1024, parse("max_frame_size: 1kB").maxFrameSize().bytes());
        assertEquals((1L << 30) - 1, parse("max_frame_size: " + ((1L << 30) - 1)).maxFrameSize().bytes());
    }

    @Test
    void offUnquotedIsTheWordNotABoolean() {
        // YAML 1.1 reads a bare off as false; pgwake must still see the word
        assertEquals(TlsMode.OFF, parse("tls:\n  mode: off\n").tls().mode());
        assertMentions(refused("startup_timeout: off\n"), "startup_timeout cannot be off");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "listen: [127.0.0.1, 6432]|listen|list",
        "startup_timeout: {seconds: 30}|startup_timeout|section",
        "max_frame_size: [1, MB]|max_frame_size|list",
    })
    void aListOrSectionWhereOneValueBelongsNamesTheKey(String yaml, String key, String what) {
        ConfigException e = refused(yaml);

        assertMentions(e, "'" + key + "'", what);
        assertTrue(!e.getMessage().contains("null"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"- listen: 127.0.0.1:6432\n", "42\n", "just words\n"})
    void aConfigurationThatIsNotAMappingIsRefused(String yaml) {
        assertMentions(refused(yaml), "mapping");
    }

    @Test
    void unknownTopLevelKeyIsNamed() {
        assertMentions(refused("listn: 127.0.0.1:6432\n"), "'listn'", "listen");
    }

    @Test
    void unknownNestedKeyIsNamedWithItsSection() {
        assertMentions(refused("tls:\n  mod: off\n"), "'tls.mod'", "mode");
    }

    @Test
    void badBranchAddressNamesTheBranch() {
        assertMentions(refused("driver:\n  kind: static\n  branches:\n    main: nowhere\n"), "driver.branches.main");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tls: {mode: maybe}|tls.mode|maybe",
        "auth: {method: password, users_file: u.txt}|auth.method|password",
        "driver: {kind: docker}|driver|docker",
    })
    void badEnumValuesNameTheKey(String yaml, String key, String value) {
        assertMentions(refused(yaml), key, value);
    }

    @Test
    void enumValuesAreCaseInsensitive() {
        ProxyConfig config = parse("tls: {mode: REQUIRE}\nauth: {method: SCRAM-SHA-256, users_file: u.txt}\n");

        assertEquals(TlsMode.REQUIRE, config.tls().mode());
        assertEquals(AuthMethod.SCRAM_SHA_256, config.auth().method());
    }

    @Test
    void staticDriverWithBranchesInTheirOrder() {
        ProxyConfig config = parse("driver:\n  kind: static\n  branches:\n    main: 10.0.0.5:5432\n"
                + "    dev: '[::1]:5433'\n    feature-x: db.internal:6000\n");

        assertEquals(DriverConfig.STATIC, config.driver().kind());
        assertEquals(List.of(Map.entry("main", new HostPort("10.0.0.5", 5432)), Map.entry("dev", new HostPort("::1", 5433)),
                Map.entry("feature-x", new HostPort("db.internal", 6000))), List.copyOf(config.driver().branches().entrySet()));
    }

    @Test
    void branchesWithoutAKindMeanTheStaticDriver() {
        assertEquals(DriverConfig.STATIC, parse("driver:\n  branches:\n    main: 127.0.0.1:5432\n").driver().kind());
    }

    @Test
    void staticDriverWithoutBranchesIsRefused() {
        assertMentions(refused("driver: {kind: static}"), "driver", "branches");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0:6432", "'[::]:6432'", "10.1.2.3:6432"})
    void trustOffLoopbackIsRefusedNamingListenAndAuth(String listen) {
        ConfigException e = refused("listen: " + listen + "\n");

        assertMentions(e, "listen ", "auth.method trust", "auth.users_file");
        assertTrue(!e.getMessage().contains("''"), "no empty key in: " + e.getMessage());
    }

    @Test
    void offLoopbackWithScramAndAUsersFileIsFine() {
        ProxyConfig config = parse("listen: 0.0.0.0:6432\nauth:\n  users_file: userlist.txt\n");

        assertEquals(new HostPort("0.0.0.0", 6432), config.listen());
        assertEquals(AuthMethod.SCRAM_SHA_256, config.auth().method(), "a users file defaults the method to SCRAM");
        assertEquals(Path.of("userlist.txt"), config.auth().usersFile());
    }

    @Test
    void passwordMethodWithoutUsersFileIsRefused() {
        assertMentions(refused("auth: {method: md5}"), "auth.method", "auth.users_file");
    }

    @Test
    void certFileWithoutKeyFileIsRefused() {
        assertMentions(refused("tls:\n  cert_file: server.crt\n"), "tls.cert_file", "tls.key_file");
        assertMentions(refused("tls:\n  key_file: server.key\n"), "tls.cert_file", "tls.key_file");
    }

    @Test
    void certAndKeyTogetherAreRead() {
        TlsConfig tls = parse("tls:\n  mode: require\n  cert_file: server.crt\n  key_file: server.key\n").tls();

        assertEquals(new TlsConfig(TlsMode.REQUIRE, Path.of("server.crt"), Path.of("server.key")), tls);
    }

    @Test
    void serverTlsModesAreLibpqsSslmodeNames() {
        assertEquals(ServerTlsMode.DISABLE, parse("").server().tlsMode(), "no TLS to servers unless asked");
        ServerConfig server = parse("server:\n  tls_mode: verify-full\n  tls_ca_file: ca.crt\n").server();
        assertEquals(ServerTlsMode.VERIFY_FULL, server.tlsMode());
        assertEquals(Path.of("ca.crt"), server.tlsCaFile());
        assertEquals(ServerTlsMode.VERIFY_CA, parse("server: {tls_mode: Verify-CA}\n").server().tlsMode());
        assertEquals("verify-full", ConfigRows.of(parse("server: {tls_mode: verify-full}\n")).get("server.tls_mode"));
        assertMentions(refused("server: {tls_mode: sometimes}\n"), "disable, prefer, require, verify-ca, verify-full");
        assertMentions(refused("server: {tls_mode: require, tls_ca_file: ca.crt}\n"), "server.tls_ca_file",
                "verify-ca");
        ServerConfig withCertificate = parse("server: {tls_mode: require, tls_cert_file: c.crt, tls_key_file: c.key}\n")
                .server();
        assertEquals(Path.of("c.crt"), withCertificate.tlsCertFile());
        assertEquals(Path.of("c.key"), withCertificate.tlsKeyFile());
        assertMentions(refused("server: {tls_mode: require, tls_cert_file: c.crt}\n"), "server.tls_key_file");
        assertMentions(refused("server: {tls_cert_file: c.crt, tls_key_file: c.key}\n"), "server.tls_mode");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"localhost", "localhost:", ":6432", "localhost:port", "localhost:70000"})
    void badListenAddressesNameTheKey(String listen) {
        assertMentions(refused("listen: '" + listen + "'\n"), "listen");
    }

    @Test
    void ipv6ListenAddress() {
        assertEquals(new HostPort("::1", 7000), parse("listen: '[::1]:7000'").listen());
    }

    @Test
    void serverCredentialsAreRead() {
        ServerConfig server = parse("server:\n  user: app\n  password: s3cret\n  passwords:\n    admin: other\n").server();

        assertEquals("app", server.serverUser("alice"));
        assertEquals("other", server.passwordFor("admin").orElseThrow());
        assertEquals("s3cret", server.passwordFor("app").orElseThrow());
        assertTrue(!server.toString().contains("s3cret") && !server.toString().contains("other"), server.toString());
    }

    @Test
    void routingSettings() {
        RoutingConfig routing = parse("routing:\n  default_branch: dev\n  sni_suffix: ' DB.Example.com '\n").routing();

        assertEquals("dev", routing.defaultBranch());
        assertEquals("db.example.com", routing.sniSuffix());
    }

    @Test
    void invalidYamlIsReportedAsSuch() {
        assertMentions(refused("listen: '127.0.0.1:6432\n"), "not valid YAML");
        assertMentions(refused("tls:\n\tmode: off\n"), "not valid YAML");
    }

    @Test
    void aSectionGivenAsAScalarNamesTheSection() {
        assertMentions(refused("tls: off\n"), "tls");
    }

    @Test
    void underTrustPostgresIsTheDefaultAdmin() {
        AdminConfig admin = parse("").admin();

        assertEquals(List.of("postgres"), admin.users());
        assertTrue(admin.isAdmin("postgres"));
        assertTrue(!admin.isAdmin("alice"));
    }

    @Test
    void withAPasswordMethodNobodyIsAnAdminUntilListed() {
        assertEquals(List.of(), parse("auth:\n  users_file: userlist.txt\n").admin().users());
        assertTrue(!parse("auth: {method: md5, users_file: userlist.txt}").admin().isAdmin("postgres"));
    }

    @Test
    void listedAdminsAreExactlyThoseListed() {
        AdminConfig admin = parse("auth: {users_file: userlist.txt}\nadmin:\n  users: [ops, alice]\n").admin();

        assertEquals(List.of("ops", "alice"), admin.users());
        assertTrue(admin.isAdmin("alice"));
        assertTrue(!admin.isAdmin("postgres"));
        assertEquals(List.of(), parse("admin: {users: []}").admin().users(), "an empty list turns the trust default off");
    }

    @Test
    void anAdminSectionWithoutUsersKeepsTheDefault() {
        assertEquals(List.of("postgres"), parse("admin: {}").admin().users());
    }

    @Test
    void badAdminSettingsNameTheKey() {
        assertMentions(refused("admin: {users: [ops, '']}"), "admin.users");
        assertMentions(refused("admin: {user: [ops]}"), "admin.user");
    }
}
