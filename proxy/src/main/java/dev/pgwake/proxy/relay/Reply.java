package dev.pgwake.proxy.relay;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * One answer the relay waits for, in the order the server will give them: a client's message, or one
 * pgwake sent on its own (a Parse or Close of a prepared statement, the SET that brings a server's
 * settings in line). How the answer is handled:
 * {@link Handling#FORWARD} to the client; {@link Handling#SWALLOW}ed (pgwake's own message: only an
 * ErrorResponse reaches the client); {@link Handling#ANSWER}ed by pgwake itself with {@link #answer} when it
 * reaches the head (the server was not asked, e.g. a Parse of a statement the server already has);
 * {@link Handling#REFUSE}: pgwake's own message that fails on the server in place of a client's request pgwake
 * refuses, so that the server's transaction fails where PostgreSQL's would; the server's error is replaced by
 * {@link #answer}.
 */
final class Reply {
    enum Kind {
        QUERY, SYNC, FUNCTION_CALL, SETUP, PARSE, BIND, DESCRIBE, EXECUTE, CLOSE;

        /** The extended-protocol messages, whose errors make the server skip to the next Sync. */
        boolean extended() {
            return ordinal() >= PARSE.ordinal();
        }
    }

    enum Handling { FORWARD, SWALLOW, ANSWER, REFUSE }

    final Kind kind;
    final Handling handling;
    /** What pgwake answers with (ANSWER only); owned by this reply until written or released. */
    ByteBuf answer;
    /** Session commands that take effect when this request succeeds. */
    List<SessionCommand> effects = List.of();
    /** The server-side statement this Parse/Close prepares or closes, or a Bind/Describe uses. */
    String serverStatement;
    /** The client's statement name a Parse creates or a Close forgets (undone if it does not happen). */
    String clientStatement;
    /** What a Close made the client forget, to take back if the server skips that Close (after an error). */
    ClientStatements.Prepared closed;
    boolean failed;
    /** A Bind whose statement pgwake prepared on this connection just before it (the client prepared it elsewhere). */
    boolean preparedHere;

    Reply(Kind kind, Handling handling) {
        this.kind = kind;
        this.handling = handling;
    }

    static Reply answered(Kind kind, ByteBuf answer) {
        Reply reply = new Reply(kind, Handling.ANSWER);
        reply.answer = answer;
        return reply;
    }

    /** True if a server message of {@code type} is the last one answering this request. */
    boolean completedBy(byte type) {
        return switch (kind) {
            case QUERY, SYNC, FUNCTION_CALL, SETUP -> type == 'Z';
            case PARSE -> type == '1';
            case BIND -> type == '2';
            case CLOSE -> type == '3';
            case DESCRIBE -> type == 'T' || type == 'n';
            case EXECUTE -> type == 'C' || type == 'I' || type == 's';
        };
    }

    void releaseAnswer() {
        if (answer != null) {
            answer.release();
            answer = null;
        }
    }
}
