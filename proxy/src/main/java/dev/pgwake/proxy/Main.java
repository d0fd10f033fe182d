package dev.pgwake.proxy;

import dev.pgwake.lifecycle.ComputeDriver;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.StaticDriver;
import dev.pgwake.lifecycle.http.HttpDriver;
import dev.pgwake.lifecycle.local.LocalDriver;
import dev.pgwake.lifecycle.local.OsUser;
import dev.pgwake.lifecycle.local.PostgresBinaries;
import dev.pgwake.proxy.config.ConfigException;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ConfigSource;
import dev.pgwake.proxy.config.DriverConfig;
import dev.pgwake.proxy.config.HostPort;
import dev.pgwake.proxy.config.ProxyConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code java -jar pgwake.jar}: reads the configuration, builds the driver, runs the proxy until stopped. */
@Command(name = "pgwake", mixinStandardHelpOptions = true, version = "pgwake " + Main.VERSION,
        description = {"PostgreSQL wire-protocol proxy that wakes suspended databases.",
                "With no configuration it listens on 127.0.0.1:6432, trusts loopback clients and runs",
                "the local driver under ./pgwake-data (branch main is created on first use)."})
public final class Main implements Callable<Integer> {
    /** pgwake's version, as {@code --version} and the admin console's SHOW VERSION report it. */
    public static final String VERSION = "0.1.0";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file")
    private Path configFile;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "override the listen address")
    private String listen;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ProxyConfig config;
        try {
            config = load();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("pgwake: " + e.getMessage());
            return 2;
        }
        ComputeDriver driver = driver(config.driver(), config.routing().defaultBranch());
        ConfigSource source = configFile == null ? ConfigSource.none() : this::reload;
        try (ProxyServer server = new ProxyServer(config, driver, source)) {
            server.start();
            StopSignals.install(server);
            ReloadSignal.install(server);
            server.awaitClose();
        }
        return 0;
    }

    /** The configuration file (or the defaults), with the command line's overrides. */
    private ProxyConfig load() {
        ProxyConfig config = configFile == null ? ProxyConfig.defaults() : new ConfigLoader().load(configFile);
        if (listen == null) {
            return config;
        }
        return new ProxyConfig(HostPort.parse(listen), config.startupTimeout(), config.maxFrameSize(),
                config.tls(), config.routing(), config.auth(), config.driver(), config.server(),
                config.lifecycle(), config.admin(), config.pool(), config.http(), config.shutdownTimeout());
    }

    /** RELOAD: the file read again, with the same overrides; a bad override is a problem of the configuration. */
    private ProxyConfig reload() {
        try {
            return load();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(configFile + ": " + e.getMessage());
        }
    }

    public static ComputeDriver driver(DriverConfig config, String defaultBranch) {
        if (config.kind().equals(DriverConfig.STATIC)) {
            Map<String, Endpoint> branches = new LinkedHashMap<>();
            config.branches().forEach((name, address) -> branches.put(name, new Endpoint(address.host(), address.port())));
            return new StaticDriver(branches);
        }
        if (config.kind().equals(DriverConfig.HTTP)) {
            return new HttpDriver(config.url());
        }
        PostgresBinaries bins = PostgresBinaries.discover(Optional.ofNullable(config.binDir()));
        OsUser runAs = config.runAs() == null ? OsUser.detect() : OsUser.detect(config.runAs());
        return new LocalDriver(config.dataRoot(), bins, runAs, defaultBranch);
    }
}
