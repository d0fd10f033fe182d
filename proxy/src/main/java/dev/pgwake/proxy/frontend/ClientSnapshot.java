package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.pool.ServerInfo;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import dev.pgwake.proxy.relay.PinReason;
import dev.pgwake.proxy.relay.Relay;
import dev.pgwake.routing.Route;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One client session at a moment, as SHOW CLIENTS shows it: its channel's short id, whom it logged in as and
 * where it goes, its session state in lower case ({@code authenticating}, {@code waiting_for_branch},
 * {@code idle}, {@code connecting}, {@code active}, {@code closed}), why it is pinned, the server connection it
 * holds, since when it is connected, its transaction status ({@code idle}, {@code in transaction}, {@code failed};
 * empty before login) and its remote address. {@code busy}: it holds a server connection with a request or a
 * transaction open, which a graceful shutdown lets finish.
 */
public record ClientSnapshot(String id, String user, String database, String branch, String state,
                             Set<PinReason> pins, Optional<ServerInfo> server, Instant connectedSince,
                             Optional<String> transactionStatus, String remoteAddress, boolean waiting, boolean busy) {
    public ClientSnapshot {
        pins = Set.copyOf(pins);
    }

    /** Taken on the session's event loop; {@code relay} is null until the client is authenticated. */
    static ClientSnapshot of(Channel channel, Route route, ClientSession.State state, Relay relay, long startedNanos) {
        boolean holding = relay != null && relay.attached();
        Instant since = Instant.now().minusNanos(System.nanoTime() - startedNanos).truncatedTo(ChronoUnit.MILLIS);
        return new ClientSnapshot(channel.id().asShortText(), route.user(), route.database(), route.branch().value(),
                state.name().toLowerCase(Locale.ROOT), relay == null ? Set.of() : relay.pins(),
                holding ? Optional.of(ServerInfo.active(relay.server())) : Optional.empty(), since,
                relay == null || state == ClientSession.State.AUTHENTICATING ? Optional.empty()
                        : Optional.of(transactionStatus(relay.transactionStatus())),
                address(channel.remoteAddress()),
                state == ClientSession.State.WAITING_FOR_BRANCH || state == ClientSession.State.CONNECTING,
                holding && !relay.quiet());
    }

    /** The pool the client belongs to. */
    public PoolKey poolKey() {
        return new PoolKey(branch, database, user);
    }

    /** The pin reasons' texts, in the order PinReason declares them. */
    public List<String> pinTexts() {
        List<String> texts = new ArrayList<>(pins.size());
        for (PinReason reason : PinReason.values()) {
            if (pins.contains(reason)) {
                texts.add(reason.text());
            }
        }
        return texts;
    }

    /** The pin reasons as SHOW CLIENTS prints them: their texts, comma-separated; empty when not pinned. */
    public String pinText() {
        return String.join(",", pinTexts());
    }

    private static String transactionStatus(byte status) {
        return switch (status) {
            case ReadyForQuery.IDLE -> "idle";
            case ReadyForQuery.IN_TRANSACTION -> "in transaction";
            default -> "failed";
        };
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
