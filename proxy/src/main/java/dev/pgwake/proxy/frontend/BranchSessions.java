package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.BranchListener;
import dev.pgwake.lifecycle.BranchState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client sessions of each branch. When a branch is about to sleep, every session of it lets go of its
 * server connection (on its own event loop); the clients stay connected to pgwake. Thread-safe.
 */
public final class BranchSessions implements BranchListener {
    private final Map<String, Set<ClientSession>> byBranch = new ConcurrentHashMap<>();

    void add(String branch, ClientSession session) {
        byBranch.computeIfAbsent(branch, name -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void remove(String branch, ClientSession session) {
        byBranch.computeIfPresent(branch, (name, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** Connected clients of the branch (with or without a server connection). */
    public int clients(String branch) {
        Set<ClientSession> sessions = byBranch.get(branch);
        return sessions == null ? 0 : sessions.size();
    }

    @Override
    public CompletionStage<Void> beforeSleep(String branch, BranchState target) {
        Set<ClientSession> sessions = byBranch.get(branch);
        if (sessions == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> released = new ArrayList<>();
        for (ClientSession session : sessions) {
            released.add(session.releaseServer());
        }
        return CompletableFuture.allOf(released.toArray(CompletableFuture[]::new));
    }
}
