package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.BranchListener;
import dev.pgwake.lifecycle.BranchState;

import dev.pgwake.proxy.protocol.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The client sessions of each branch. When a branch is about to sleep, every session of it lets go of its
 * server connection (on its own event loop); the clients stay connected to pgwake. Operators see and end
 * sessions through here too (SHOW CLIENTS, KILL_CLIENT, a graceful shutdown): each session is asked on its own
 * event loop, and one whose event loop has stopped or does not answer within {@value #ASK_SECONDS} s is left
 * out. Thread-safe.
 */
public final class BranchSessions implements BranchListener {
    private static final Logger log = LoggerFactory.getLogger(BranchSessions.class);
    private static final long ASK_SECONDS = 5;

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

    /** Every connected client (with or without a server connection), each as its event loop sees it. */
    public CompletableFuture<List<ClientSnapshot>> snapshots() {
        return askAll(ClientSession::snapshot);
    }

    /**
     * Ends the client whose channel id is {@code id} with a FATAL {@code error}; completes with how it was just
     * before, or empty when no client has that id.
     */
    public CompletableFuture<Optional<ClientSnapshot>> terminate(String id, ErrorResponse error) {
        for (ClientSession session : all()) {
            if (session.channel().id().asShortText().equals(id)) {
                return ask(session, each -> {
                    ClientSnapshot before = each.snapshot();
                    each.terminate(error);
                    return before;
                }).thenApply(Optional::ofNullable);
            }
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Ends with {@code error} every client that is not busy (holding a server connection mid-request or
     * mid-transaction), or every client when {@code all}; completes with the clients left, busy ones.
     */
    public CompletableFuture<List<ClientSnapshot>> terminateQuiet(ErrorResponse error, boolean all) {
        return askAll(session -> {
            ClientSnapshot now = session.snapshot();
            if (all || !now.busy()) {
                session.terminate(error);
                return null;
            }
            return now;
        });
    }

    private List<ClientSession> all() {
        List<ClientSession> all = new ArrayList<>();
        byBranch.values().forEach(all::addAll);
        return all;
    }

    /** {@code question} of every session; sessions that answer null, or not at all, are left out. */
    private <T> CompletableFuture<List<T>> askAll(Function<ClientSession, T> question) {
        List<CompletableFuture<T>> answers = new ArrayList<>();
        for (ClientSession session : all()) {
            answers.add(ask(session, question));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done ->
                answers.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
    }

    private static <T> CompletableFuture<T> ask(ClientSession session, Function<ClientSession, T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            session.channel().eventLoop().execute(() -> {
                try {
                    answer.complete(question.apply(session));
                } catch (RuntimeException e) {
                    log.warn("[{}] operator request failed: {}", session.channel().id().asShortText(), e.toString());
                    answer.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.complete(null); // its event loop has stopped: the client is gone
        }
        return answer.completeOnTimeout(null, ASK_SECONDS, TimeUnit.SECONDS);
    }
}
