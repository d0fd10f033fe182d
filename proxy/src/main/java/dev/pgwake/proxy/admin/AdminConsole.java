package dev.pgwake.proxy.admin;

import dev.pgwake.proxy.frontend.FrontendContext;
import dev.pgwake.routing.Route;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Where a client that asked for the virtual database {@value #DATABASE} is handed over: the console's side
 * of the frontend's routing, used by the startup handler.
 */
public final class AdminConsole {
    /** The console's database name, as PgBouncer's is {@code pgbouncer}. */
    public static final String DATABASE = "pgwake";

    private AdminConsole() {
    }

    /**
     * True when the client gets the console: its database after routing is {@value #DATABASE}, whatever branch
     * routing chose (so {@code pgwake@feature} is the console too).
     */
    public static boolean serves(Route route) {
        return DATABASE.equals(route.database());
    }

    /**
     * The handler that takes over the client after its StartupMessage: it authenticates the client as every
     * client is authenticated, admits only admins, and never wakes a branch on its own.
     */
    public static ChannelHandler session(FrontendContext services, Route route, ScheduledFuture<?> loginDeadline) {
        return new AdminSession(services, route, loginDeadline);
    }
}
