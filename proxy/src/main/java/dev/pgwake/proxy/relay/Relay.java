package dev.pgwake.proxy.relay;

import dev.pgwake.proxy.pool.PooledServer;
import dev.pgwake.proxy.pool.ServerOwner;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.ParameterStatus;
import dev.pgwake.proxy.protocol.Query;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One client's conversation with whichever server connection it holds at the moment. Client frames go to
 * the server with prepared-statement names translated ({@link StatementTranslator}); server frames go to
 * the client in the order of the {@link Reply replies} the relay expects, with pgwake's own messages' answers
 * swallowed and answers pgwake gives itself put in their place. What the client's session carries between
 * server connections (prepared statements, settings, pins) lives here, so a new connection is brought in
 * line before the client's first frame reaches it. Writability couples the two channels. Event loop only
 * (the client's); server frames are handed over by the pooled connection.
 */
public final class Relay implements ServerOwner {
    /** What the client session hears. */
    public interface Listener {
        /** A ReadyForQuery reached the client. */
        void readyForQuery(byte status);

        /** The server connection closed under the client; {@code afterFatal} when the server said why. */
        void serverLost(boolean afterFatal, Throwable cause);
    }

    private final ChannelHandlerContext client;
    private final Listener listener;
    private final SessionSettings settings;
    private final StatementTranslator translator;
    private final SessionEffects effects;
    private final ArrayDeque<Reply> replies = new ArrayDeque<>(8);
    private final Outbox toClient;
    private Outbox toServer;
    private PooledServer server;
    private long relayedToClient;
    private byte transactionStatus = ReadyForQuery.IDLE;
    private boolean fatalSeen;
    private boolean alignmentDue;

    /**
     * @param baseline  the settings the client's startup packet asked for, from {@code baselines}
     * @param baselines where clients' settings maps are shared
     */
    public Relay(ChannelHandlerContext client, Map<String, String> baseline, Baselines baselines, Listener listener) {
        this.client = client;
        this.listener = listener;
        this.settings = new SessionSettings(baseline, baselines);
        this.translator = new StatementTranslator(this, new ClientStatements());
        this.effects = new SessionEffects(settings, translator::statementsGone, this::pinned);
        this.toClient = new Outbox(client, client.voidPromise());
    }

    /** Takes over a server connection; it is brought in line with this client's settings first. */
    public void attach(PooledServer leased) {
        server = leased;
        toServer = new Outbox(leased.channel(), leased.channel().voidPromise());
        fatalSeen = false;
        leased.own(this);
        alignmentDue = settings.differsFrom(leased.settings());
    }

    /** Lets the server connection go (nothing outstanding is answered any more); returns it. */
    public PooledServer detach() {
        PooledServer leased = server;
        server = null;
        toServer.flush();
        toServer = null;
        toClient.flush();
        translator.detached();
        Reply reply;
        while ((reply = replies.pollFirst()) != null) {
            reply.releaseAnswer();
        }
        if (!leased.channel().config().isAutoRead()) {
            leased.channel().config().setAutoRead(true);
        }
        if (!client.channel().config().isAutoRead()) {
            client.channel().config().setAutoRead(true);
        }
        return leased;
    }

    /** Bytes of server messages relayed to the client so far (the disconnect log line says them). */
    public long relayedToClient() {
        return relayedToClient;
    }

    public boolean attached() {
        return server != null;
    }

    public PooledServer server() {
        return server;
    }

    /** Something the client (or pgwake) asked is not answered yet. */
    public boolean awaiting() {
        return !replies.isEmpty();
    }

    /** A request ending in ReadyForQuery (Query, Sync, FunctionCall) is not answered yet. */
    boolean segmentsOutstanding() {
        for (Reply reply : replies) {
            if (reply.kind == Reply.Kind.SYNC || reply.kind == Reply.Kind.QUERY || reply.kind == Reply.Kind.FUNCTION_CALL) {
                return true;
            }
        }
        return false;
    }

    /** Nothing asked is unanswered and no transaction is open. */
    public boolean quiet() {
        return replies.isEmpty() && transactionStatus == ReadyForQuery.IDLE;
    }

    /** Why this client cannot give its server connection back between transactions (empty: it can). */
    public Set<PinReason> pins() {
        return effects.pins();
    }

    public byte transactionStatus() {
        return transactionStatus;
    }

    /**
     * Answers a frame that needs no server while the client holds none and is idle: a Parse of a statement
     * {@code known} to have been prepared in the client's pool (its server-side name), a Close of a
     * statement, Flush, and the Sync after them. A client that prepares statements one by one (libpq's
     * PQprepare, as pgbench -M prepared does, blocking) thus never waits for a busy pool, nor wakes a
     * sleeping branch. False (and the frame untouched) when the frame needs a server.
     */
    public boolean answerWithoutServer(Frame frame, Predicate<String> known) {
        if (server != null || !replies.isEmpty() || transactionStatus != ReadyForQuery.IDLE) {
            return false;
        }
        return translator.answerWithoutServer(frame, known);
    }

    /** A frame from the client (its reference is taken over); flushed at {@link #flush()}. */
    public void fromClient(Frame frame) {
        if (alignmentDue) {
            alignmentDue = false;
            align();
        }
        translator.fromClient(frame);
    }

    /** The end of the client's read batch. */
    public void flush() {
        if (server != null) {
            toServer.flush();
        }
        toClient.flush();
    }

    public void clientWritabilityChanged(boolean writable) {
        if (server != null) {
            server.channel().config().setAutoRead(writable);
        }
    }

    private void align() {
        String sql = settings.alignmentFor(server.settings());
        if (sql != null) {
            expect(new Reply(Reply.Kind.SETUP, Reply.Handling.SWALLOW));
            send(new Query(sql).encode(client.alloc()));
        }
    }

    // --- used by the translator ---

    PooledServer leased() {
        return server;
    }

    ChannelHandlerContext client() {
        return client;
    }

    void expect(Reply reply) {
        replies.addLast(reply);
        if (replies.size() == 1 && reply.handling == Reply.Handling.ANSWER) {
            answerHead();
        }
    }

    /** Writes a message to the server, taking over its reference. */
    void send(ByteBuf message) {
        toServer.add(message);
        if (!server.channel().isWritable()) {
            client.channel().config().setAutoRead(false);
        }
    }

    // --- from the server ---

    @Override
    public EventExecutor executor() {
        return client.executor();
    }

    @Override
    public void fromServer(Frame frame) {
        if (server == null) {
            frame.release();
            return;
        }
        byte type = frame.type();
        Reply head = replies.peekFirst();
        switch (type) {
            case ParameterStatus.TYPE -> parameterStatus(frame, head);
            case 'N' -> passOrSwallow(frame, head);
            case 'A' -> toClient(frame);
            case ErrorResponse.TYPE -> error(frame, head);
            default -> answer(frame, head, type);
        }
    }

    private void answer(Frame frame, Reply head, byte type) {
        if (head == null) {
            toClient(frame);
            return;
        }
        byte status = type == ReadyForQuery.TYPE ? ReadyForQuery.decode(frame.body()).status() : 0;
        if (type == 'C') {
            effects.commandComplete(frame.body(), head);
        }
        passOrSwallow(frame, head);
        if (head.completedBy(type)) {
            replies.pollFirst();
            if (head.handling == Reply.Handling.REFUSE) { // the server took it after all: the client still hears why
                toClient.add(head.answer);
                head.answer = null;
            }
            if (head.kind == Reply.Kind.SYNC) {
                translator.synced(head);
            }
            if (type == '1' && head.serverStatement != null) {
                server.prepared(head.serverStatement);
            }
            if (!head.failed && (head.kind == Reply.Kind.QUERY || head.kind == Reply.Kind.EXECUTE)) {
                effects.succeeded(head.effects);
            }
            if (type == ReadyForQuery.TYPE) {
                readyForQuery(status);
            }
            answerHead();
        }
    }

    private void passOrSwallow(Frame frame, Reply head) {
        if (head != null && (head.handling == Reply.Handling.SWALLOW || head.handling == Reply.Handling.REFUSE)) {
            frame.release();
        } else {
            toClient(frame);
        }
    }

    private void parameterStatus(Frame frame, Reply head) {
        if (head != null && head.kind == Reply.Kind.SETUP) {
            frame.release(); // pgwake's own SET: the client already has these values, the server map says so
            return;
        }
        ParameterStatus status = ParameterStatus.decode(frame.body());
        settings.reported(status.name(), status.value(), server.settings());
        toClient(frame);
    }

    private void error(Frame frame, Reply head) {
        Map<Character, String> fields = ErrorResponse.fields(frame.body());
        if (head != null && head.kind == Reply.Kind.BIND && head.serverStatement != null
                && StatementTranslator.planChanged(fields) && translator.canRetry(head)) {
            frame.release();
            retry(head);
            return;
        }
        String severity = fields.getOrDefault('V', fields.getOrDefault('S', ""));
        if (severity.equals("FATAL") || severity.equals("PANIC")) {
            fatalSeen = true;
            server.markBroken();
        }
        if (head != null && head.handling == Reply.Handling.REFUSE) {
            frame.release(); // the server failed in place of the client's request: the client hears why pgwake refused it
            toClient.add(head.answer);
            head.answer = null;
        } else if (head != null && head.kind == Reply.Kind.BIND && StatementTranslator.columnsChanged(head, fields)) {
            // On one connection the client would have heard that the statement's result type changed: say so, as
            // PostgreSQL does, so the client describes it again (pgjdbc does) instead of failing for good.
            frame.release();
            toClient.add(StatementTranslator.planChangedError(fields, client.alloc()));
        } else {
            toClient(frame); // errors reach the client, even those of pgwake's own messages: they stand for its request
        }
        if (head == null) {
            return;
        }
        if (head.kind == Reply.Kind.SETUP) {
            server.markBroken(); // its settings are unknown now
        }
        if (!head.kind.extended()) {
            head.failed = true;
            return;
        }
        if (head.serverStatement != null && StatementTranslator.planChanged(fields)) {
            server.planChanged(head.serverStatement);
        }
        replies.pollFirst();
        translator.undo(head);
        discardToSync();
        answerHead();
    }

    /**
     * The Bind of a stale statement failed outside a transaction: the server skips to the segment's Sync, whose
     * ReadyForQuery pgwake swallows, then gets the statement prepared afresh and the segment once more.
     */
    private void retry(Reply failed) {
        server.planChanged(failed.serverStatement);
        replies.pollFirst();
        discardToSync();
        replies.pollFirst();
        replies.addFirst(new Reply(Reply.Kind.SYNC, Reply.Handling.SWALLOW));
        translator.retry(failed);
        toServer.flush();
    }

    /** After an extended-protocol error the server skips everything up to the next Sync: so do the replies. */
    private void discardToSync() {
        Reply next;
        while ((next = replies.peekFirst()) != null && next.kind != Reply.Kind.SYNC) {
            replies.pollFirst();
            translator.undo(next);
            next.releaseAnswer();
        }
    }

    /** Writes the answers pgwake gives itself once they are first in line. */
    private void answerHead() {
        Reply head;
        while ((head = replies.peekFirst()) != null && head.handling == Reply.Handling.ANSWER) {
            replies.pollFirst();
            ByteBuf answer = head.answer;
            head.answer = null;
            toClient.add(answer);
        }
    }

    private void readyForQuery(byte status) {
        transactionStatus = status;
        if (status == ReadyForQuery.IDLE) {
            settings.commit(server.settings());
            translator.transactionEnded();
            alignmentDue = settings.differsFrom(server.settings());
        }
        listener.readyForQuery(status);
    }

    private void pinned(PinReason reason) {
        if (server != null) {
            server.counters().pinned(reason.name());
        }
    }

    private void toClient(Frame frame) {
        server.counters().toClient(frame);
        relayedToClient += frame.content().readableBytes();
        toClient.add(frame.content());
        if (!client.channel().isWritable()) {
            server.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void serverReadComplete() {
        toClient.flush();
    }

    @Override
    public void serverWritabilityChanged(boolean writable) {
        client.channel().config().setAutoRead(writable);
    }

    @Override
    public void serverClosed(Throwable cause) {
        if (server != null) {
            listener.serverLost(fatalSeen, cause);
        }
    }
}
