package dev.pgwake.proxy.pool;

import io.netty.channel.EventLoop;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A pool's idle connections, most recently used first (so a quiet pool's surplus ages at the end, where
 * {@code server_idle_timeout} finds it). Taking one prefers a connection on the asking client's event loop,
 * which then relays without crossing threads. Guarded by the pool's lock.
 */
final class IdleServers {
    private final ArrayDeque<PooledServer> servers = new ArrayDeque<>();

    int size() {
        return servers.size();
    }

    boolean isEmpty() {
        return servers.isEmpty();
    }

    void push(PooledServer server, long now) {
        server.idleSince(now);
        servers.addFirst(server);
    }

    /** Puts a connection back as it was (its idle time goes on). */
    void putBack(PooledServer server) {
        servers.addFirst(server);
    }

    boolean remove(PooledServer server) {
        return servers.remove(server);
    }

    PooledServer pollOldest() {
        return servers.pollLast();
    }

    /** The most recently used connection on {@code loop}, else on any loop; dead ones go to {@code dead} on the way. */
    PooledServer take(EventLoop loop, Consumer<PooledServer> dead) {
        PooledServer other = null;
        for (Iterator<PooledServer> it = servers.iterator(); it.hasNext(); ) {
            PooledServer server = it.next();
            if (!server.usable()) {
                it.remove();
                dead.accept(server);
            } else if (server.eventLoop() == loop) {
                it.remove();
                return server;
            } else if (other == null) {
                other = server;
            }
        }
        if (other != null) {
            servers.remove(other);
        }
        return other;
    }

    /** Like {@link #take}, but only a live connection idle for less than {@code checkAfterNanos}; else null, nothing taken. */
    PooledServer takeFresh(EventLoop loop, long now, long checkAfterNanos) {
        PooledServer chosen = null;
        for (PooledServer server : servers) {
            if (server.eventLoop() == loop) {
                chosen = server;
                break;
            }
        }
        if (chosen == null) {
            chosen = servers.peekFirst();
        }
        if (chosen == null || !chosen.usable() || now - chosen.idleSinceNanos() >= checkAfterNanos) {
            return null;
        }
        servers.remove(chosen);
        return chosen;
    }

    /** Takes out, oldest first, every connection {@code spent} says must go, and hands it to {@code close}. */
    void expire(Predicate<PooledServer> spent, Consumer<PooledServer> close) {
        for (Iterator<PooledServer> it = servers.descendingIterator(); it.hasNext(); ) {
            PooledServer server = it.next();
            if (spent.test(server)) {
                it.remove();
                close.accept(server);
            }
        }
    }

    void forEach(Consumer<PooledServer> each) {
        servers.forEach(each);
    }

    void drain(Consumer<PooledServer> each) {
        PooledServer server;
        while ((server = servers.pollFirst()) != null) {
            each.accept(server);
        }
    }
}
