package dev.pgwake.proxy.relay;

import dev.pgwake.proxy.pool.ServerStatements;
import dev.pgwake.proxy.protocol.Bind;
import dev.pgwake.proxy.protocol.CString;
import dev.pgwake.proxy.protocol.Close;
import dev.pgwake.proxy.protocol.CloseComplete;
import dev.pgwake.proxy.protocol.Describe;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.Parse;
import dev.pgwake.proxy.protocol.ParseComplete;
import dev.pgwake.proxy.protocol.Query;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Client frames on their way to the server, with the replies they will get. Named prepared statements are
 * the client's: Parse records them and prepares them on the server under pgwake's name (or answers itself
 * if that server has the statement already), Bind and Describe use pgwake's name and prepare the statement
 * first on a server that lacks it, Close forgets the client's name and answers itself (the server keeps
 * the shared statement, bounded per connection). Unnamed statements, portals and everything else pass as
 * they came. Session commands in a statement's text are remembered with it and take effect when it runs.
 * Event loop only.
 */
final class StatementTranslator {
    private static final String CACHED_PLAN_CHANGED = "cached plan must not change result type";
    private static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
    /** What pgwake has the server parse, and fail on, in place of a request it refuses (a name it never prepares). */
    static final String REFUSAL_STATEMENT = "pgwake_refused";
    static final String REFUSAL_QUERY = "pgwake refused the request here";

    private final Relay relay;
    private final ClientStatements statements;
    /** Portals bound to statements with session effects; made at the first (most clients have none). */
    private Map<String, List<SessionCommand>> portalEffects = Map.of();
    private final SegmentRecorder recorder = new SegmentRecorder();
    private List<SessionCommand> unnamedEffects = List.of();
    private boolean skippingToSync;

    StatementTranslator(Relay relay, ClientStatements statements) {
        this.relay = relay;
        this.statements = statements;
    }

    /**
     * True for the error a Bind gets when its result formats are one per column of the statement as the client
     * knew it, and the statement pgwake prepared afresh for it on this connection has other columns (DDL since).
     */
    static boolean columnsChanged(Reply bind, Map<Character, String> fields) {
        return bind.preparedHere && "08P01".equals(fields.get('C'))
                && fields.getOrDefault('M', "").contains("result formats but query has");
    }

    /**
     * The error PostgreSQL gives on one connection when a statement's result type changed, made from the
     * server's own error: drivers recognise it by SQLSTATE and routine (pgjdbc then prepares it again).
     */
    static ByteBuf planChangedError(Map<Character, String> serverError, ByteBufAllocator alloc) {
        Map<Character, String> fields = new java.util.LinkedHashMap<>(serverError);
        fields.put('C', "0A000");
        fields.put('M', CACHED_PLAN_CHANGED);
        fields.put('F', "plancache.c");
        fields.remove('L');
        fields.put('R', "RevalidateCachedQuery");
        return ErrorResponse.encode((char) ErrorResponse.TYPE, fields, alloc);
    }

    /** True for the error a server gives when a prepared statement's result type changed under it (DDL). */
    static boolean planChanged(Map<Character, String> fields) {
        return "0A000".equals(fields.get('C')) && fields.getOrDefault('M', "").startsWith(CACHED_PLAN_CHANGED);
    }

    void fromClient(Frame frame) {
        byte type = frame.type();
        if (skippingToSync && type != 'S') {
            frame.release();
            return;
        }
        switch (type) {
            case Query.TYPE -> query(frame);
            case Parse.TYPE -> parse(frame);
            case Bind.TYPE -> bind(frame);
            case Describe.TYPE -> describe(frame);
            case 'C' -> close(frame);
            case 'E' -> execute(frame);
            case 'S' -> {
                skippingToSync = false;
                Reply sync = new Reply(Reply.Kind.SYNC, Reply.Handling.FORWARD);
                forward(sync, frame.content());
                recorder.synced(sync);
            }
            case 'F' -> pass(frame, Reply.Kind.FUNCTION_CALL);
            default -> forward(null, frame.content()); // Flush, CopyData/Done/Fail: no reply of their own
        }
    }

    /** See {@link Relay#answerWithoutServer}; the client holds no server connection and nothing is outstanding. */
    boolean answerWithoutServer(Frame frame, Predicate<String> known) {
        switch (frame.type()) {
            case Parse.TYPE -> {
                Parse parse = Parse.decode(frame.body());
                if (parse.name().isEmpty() || statements.contains(parse.name())
                        || !known.test(statements.serverNameFor(parse.definition()))) {
                    return false;
                }
                statements.add(parse.name(), parse.definition(), SqlScanner.scan(parse.query()));
                relay.client().write(ParseComplete.encode(alloc()));
            }
            case 'C' -> {
                Close close = Close.decode(frame.body());
                if (close.kind() != Close.STATEMENT || close.name().isEmpty()) {
                    return false;
                }
                statements.remove(close.name());
                relay.client().write(CloseComplete.encode(alloc()));
            }
            case 'H' -> relay.client().flush();
            case 'S' -> relay.client().write(new ReadyForQuery(ReadyForQuery.IDLE).encode(alloc()));
            default -> {
                return false;
            }
        }
        frame.release();
        return true;
    }

    private void pass(Frame frame, Reply.Kind kind) {
        forward(new Reply(kind, Reply.Handling.FORWARD), frame.content());
    }

    /** Sends a client's message with the reply it expects (none: null); recorded while a segment is. */
    private void forward(Reply reply, ByteBuf message) {
        if (reply != null) {
            relay.expect(reply);
        }
        recorder.sent(reply, message);
        relay.send(message);
    }

    private void query(Frame frame) {
        Reply reply = new Reply(Reply.Kind.QUERY, Reply.Handling.FORWARD);
        ByteBuf body = frame.body();
        if (SessionKeywords.present(body, body.readerIndex(), body.readableBytes())) {
            reply.effects = SqlScanner.scan(Query.decode(body).sql());
        }
        forward(reply, frame.content());
    }

    private void parse(Frame frame) {
        ByteBuf in = frame.body().duplicate();
        String name = CString.read(in);
        if (name.isEmpty()) {
            unnamedEffects = SessionKeywords.present(in, in.readerIndex(), in.readableBytes())
                    ? SqlScanner.scan(CString.read(in)) : List.of();
            pass(frame, Reply.Kind.PARSE);
            return;
        }
        Parse parse = Parse.decode(frame.body());
        frame.release();
        if (statements.contains(name)) {
            refuse(ErrorResponse.error(DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists"));
            return;
        }
        ClientStatements.Prepared prepared = statements.add(name, parse.definition(), SqlScanner.scan(parse.query()));
        if (server().has(prepared.serverName())) {
            Reply reply = Reply.answered(Reply.Kind.PARSE, ParseComplete.encode(alloc()));
            reply.clientStatement = name;
            relay.expect(reply);
        } else {
            prepare(prepared, Reply.Handling.FORWARD).clientStatement = name;
        }
    }

    /**
     * Refuses the client's Parse with {@code error} and has the server fail in its place (a Parse that cannot parse),
     * so that the server aborts the transaction, explicit or implicit, as PostgreSQL would: nothing the client sent
     * before it in the transaction commits. Then both skip to the Sync, as the server does after an error.
     */
    private void refuse(ErrorResponse error) {
        Reply reply = new Reply(Reply.Kind.PARSE, Reply.Handling.REFUSE);
        reply.answer = error.encode(alloc());
        relay.expect(reply);
        relay.send(Parse.of(REFUSAL_STATEMENT, REFUSAL_QUERY).encode(alloc()));
        skippingToSync = true;
    }

    /** Prepares a statement on the server (closing a stale copy, or the least recently used one, first). */
    private Reply prepare(ClientStatements.Prepared prepared, Reply.Handling handling) {
        String name = prepared.serverName();
        ServerStatements onServer = server();
        if (onServer.isStale(name)) {
            closeOnServer(name);
        }
        onServer.evictionCandidate().ifPresent(this::closeOnServer);
        Reply reply = new Reply(Reply.Kind.PARSE, handling);
        reply.serverStatement = name;
        onServer.added(name);
        relay.expect(reply);
        relay.send(new Parse(name, prepared.definition()).encode(alloc()));
        return reply;
    }

    private void closeOnServer(String name) {
        Reply reply = new Reply(Reply.Kind.CLOSE, Reply.Handling.SWALLOW);
        reply.serverStatement = name;
        relay.expect(reply);
        relay.send(new Close(Close.STATEMENT, name).encode(alloc()));
    }

    private void ensurePrepared(ClientStatements.Prepared prepared) {
        if (!server().has(prepared.serverName())) {
            prepare(prepared, Reply.Handling.SWALLOW);
        }
    }

    private void bind(Frame frame) {
        ByteBuf body = frame.body();
        String portal = Bind.portal(body);
        String name = Bind.statement(body);
        ClientStatements.Prepared prepared = name.isEmpty() ? null : statements.get(name);
        if (prepared == null) { // unnamed, or unknown: the server answers 26000 for the client's name
            remember(portal, name.isEmpty() ? unnamedEffects : List.of());
            pass(frame, Reply.Kind.BIND);
            return;
        }
        boolean preparedHere = !server().has(prepared.serverName());
        ensurePrepared(prepared);
        ByteBuf rewritten = Bind.withStatement(body, prepared.serverName(), alloc());
        boolean columnsFixed = Bind.resultFormatCount(body) > 1; // the client's formats fit only the old columns
        frame.release();
        Reply reply = new Reply(Reply.Kind.BIND, Reply.Handling.FORWARD);
        reply.serverStatement = prepared.serverName();
        reply.preparedHere = preparedHere;
        if (relay.transactionStatus() == ReadyForQuery.IDLE && !relay.segmentsOutstanding() && !columnsFixed) {
            recorder.begin(reply); // outside a transaction, this segment can run again if the plan went stale
        }
        forward(reply, rewritten);
        remember(portal, prepared.effects());
    }

    private void remember(String portal, List<SessionCommand> effects) {
        if (!effects.isEmpty()) {
            if (portalEffects.isEmpty()) {
                portalEffects = new HashMap<>();
            }
            portalEffects.put(portal, effects);
        } else if (!portalEffects.isEmpty()) {
            portalEffects.remove(portal);
        }
    }

    private void describe(Frame frame) {
        Describe describe = Describe.decode(frame.body());
        ClientStatements.Prepared prepared = describe.kind() == Describe.STATEMENT && !describe.name().isEmpty()
                ? statements.get(describe.name()) : null;
        if (prepared == null) {
            pass(frame, Reply.Kind.DESCRIBE);
            return;
        }
        frame.release();
        ensurePrepared(prepared);
        Reply reply = new Reply(Reply.Kind.DESCRIBE, Reply.Handling.FORWARD);
        reply.serverStatement = prepared.serverName();
        forward(reply, new Describe(Describe.STATEMENT, prepared.serverName()).encode(alloc()));
    }

    private void close(Frame frame) {
        Close close = Close.decode(frame.body());
        if (close.kind() != Close.STATEMENT || close.name().isEmpty()) {
            if (!portalEffects.isEmpty()) {
                portalEffects.remove(close.name());
            }
            pass(frame, Reply.Kind.CLOSE);
            return;
        }
        frame.release();
        Reply reply = Reply.answered(Reply.Kind.CLOSE, CloseComplete.encode(alloc()));
        reply.clientStatement = close.name();
        reply.closed = statements.get(close.name());
        statements.remove(close.name()); // the server keeps the shared statement; closing an unknown name is no error
        relay.expect(reply);
    }

    private void execute(Frame frame) {
        Reply reply = new Reply(Reply.Kind.EXECUTE, Reply.Handling.FORWARD);
        if (!portalEffects.isEmpty()) {
            reply.effects = portalEffects.getOrDefault(CString.read(frame.body().duplicate()), List.of());
        }
        recorder.executed();
        forward(reply, frame.content());
    }

    /**
     * The Bind that began the recorded segment failed because its statement's plan went stale (DDL) and the
     * segment's Sync is sent: true if it can run again (once) on a freshly prepared statement. Nothing of it
     * reached the client but pgwake's own answers, and outside a transaction the error rolled nothing back
     * the client saw.
     */
    boolean canRetry(Reply failed) {
        return recorder.canRetry(failed) && statementNamed(failed.serverStatement) != null;
    }

    /** Prepares the stale statement again and sends the recorded segment from its Bind to its Sync. */
    void retry(Reply failed) {
        prepare(statementNamed(failed.serverStatement), Reply.Handling.SWALLOW);
        recorder.replay(relay);
    }

    private ClientStatements.Prepared statementNamed(String serverName) {
        return statements.byServerName(serverName);
    }

    /** A Sync was answered. */
    void synced(Reply sync) {
        recorder.answered(sync);
    }

    /** The server connection goes: nothing recorded can run again on it. */
    void detached() {
        recorder.clear();
    }

    /** A request that did not happen (it failed, or the server skipped it after an error): undo its bookkeeping. */
    void undo(Reply reply) {
        if (reply.kind == Reply.Kind.PARSE) {
            if (reply.serverStatement != null) {
                server().forget(reply.serverStatement);
            }
            if (reply.clientStatement != null) {
                statements.remove(reply.clientStatement);
            }
        } else if (reply.kind == Reply.Kind.CLOSE && reply.serverStatement != null) {
            server().invalidate(reply.serverStatement); // still on the server: close it before preparing it again
        } else if (reply.kind == Reply.Kind.CLOSE && reply.closed != null) {
            statements.restore(reply.clientStatement, reply.closed); // as on PostgreSQL, the skipped Close closed nothing
        }
    }

    /** DEALLOCATE ALL or DISCARD ALL ran: the client's statements and every statement on the server are gone. */
    void statementsGone() {
        statements.clear();
        server().clear();
    }

    void transactionEnded() {
        if (!portalEffects.isEmpty()) {
            portalEffects.clear();
        }
    }

    private ServerStatements server() {
        return relay.leased().statements();
    }

    private ByteBufAllocator alloc() {
        return relay.client().alloc();
    }
}
