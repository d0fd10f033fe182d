package dev.pgwake.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code server:} how pgwake logs in to the branch servers. pgwake never replays a client's password:
 * it uses {@code user} (default: the client's user name) and the password configured here, per user
 * in {@code passwords} or for everyone in {@code password}. {@code tls_mode} (default {@code disable}) says whether
 * the connection to a server is encrypted, {@code tls_ca_file} (PEM) which CAs {@code verify-ca} and
 * {@code verify-full} trust (default: the JVM's), {@code tls_cert_file} and {@code tls_key_file} (PEM) the client
 * certificate pgwake shows servers that ask for one (PostgreSQL's {@code cert} authentication).
 */
public record ServerConfig(Duration connectTimeout, String user, String password, Map<String, String> passwords,
                           ServerTlsMode tlsMode, Path tlsCaFile, Path tlsCertFile, Path tlsKeyFile) {
    public ServerConfig {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        tlsMode = tlsMode == null ? ServerTlsMode.DISABLE : tlsMode;
        if (tlsCaFile != null && !tlsMode.verifies()) {
            throw new IllegalArgumentException("server.tls_ca_file is only used with server.tls_mode verify-ca or "
                    + "verify-full, not " + tlsMode);
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("server.tls_cert_file and server.tls_key_file must be given together");
        }
        if (tlsCertFile != null && tlsMode == ServerTlsMode.DISABLE) {
            throw new IllegalArgumentException("server.tls_cert_file needs a server.tls_mode other than disable");
        }
        if (connectTimeout.isZero()) {
            throw new IllegalArgumentException("server.connect_timeout cannot be off: a login to a server that never "
                    + "answers would wait forever");
        }
        passwords = passwords == null ? Map.of() : Map.copyOf(passwords);
    }

    static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null, null, null, null, null);
    }

    public String serverUser(String clientUser) {
        return user == null ? clientUser : user;
    }

    public Optional<String> passwordFor(String serverUser) {
        return Optional.ofNullable(passwords.getOrDefault(serverUser, password));
    }

    @Override
    public String toString() {
        return "ServerConfig[connectTimeout=" + connectTimeout + ", user=" + user + ", passwords=<redacted>, tlsMode="
                + tlsMode + ", tlsCaFile=" + tlsCaFile + ", tlsCertFile=" + tlsCertFile + ", tlsKeyFile=" + tlsKeyFile
                + "]";
    }
}
