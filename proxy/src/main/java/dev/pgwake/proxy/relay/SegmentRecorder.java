package dev.pgwake.proxy.relay;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the client messages of one extended-protocol segment, from a Bind of a named statement sent
 * outside a transaction (before any Execute of the segment) to its Sync, until that Sync is answered, so
 * the segment can be sent again if the server refused the Bind because the statement's plan went stale.
 * Owns one reference to every message it keeps. Event loop only.
 */
final class SegmentRecorder {
    private record Recorded(ByteBuf message, Reply.Kind kind, List<SessionCommand> effects, String serverStatement) {
    }

    /** Made at the first segment recorded: a client that never binds a named statement needs none. */
    private List<Recorded> recorded;
    private Reply first;
    private Reply sync;
    private boolean executed;

    /** Starts recording at this Bind, unless a segment is recorded already or this one executed something. */
    void begin(Reply bind) {
        if (first == null && !executed) {
            first = bind;
        }
    }

    void executed() {
        executed = true;
    }

    void sent(Reply reply, ByteBuf message) {
        if (first != null && sync == null) {
            if (recorded == null) {
                recorded = new ArrayList<>();
            }
            recorded.add(new Recorded(message.retainedDuplicate(), reply == null ? null : reply.kind,
                    reply == null ? List.of() : reply.effects, reply == null ? null : reply.serverStatement));
        }
    }

    /** The client sent a Sync: the recorded segment (if any) is complete; the next one starts afresh. */
    void synced(Reply syncReply) {
        executed = false;
        if (first != null && sync == null) {
            sync = syncReply;
        }
    }

    boolean canRetry(Reply failed) {
        return failed == first && sync != null;
    }

    /** Sends the recorded messages again with fresh replies; the recording ends (a segment runs again once). */
    void replay(Relay relay) {
        for (Recorded message : recorded == null ? List.<Recorded>of() : recorded) {
            if (message.kind() != null) {
                Reply reply = new Reply(message.kind(), Reply.Handling.FORWARD);
                reply.effects = message.effects();
                reply.serverStatement = message.serverStatement();
                relay.expect(reply);
            }
            relay.send(message.message());
        }
        if (recorded != null) {
            recorded.clear();
        }
        first = null;
        sync = null;
    }

    /** A Sync was answered: if it ended the recorded segment, nothing of it will run again. */
    void answered(Reply syncReply) {
        if (syncReply == sync) {
            clear();
        }
    }

    void clear() {
        if (recorded != null && !recorded.isEmpty()) {
            for (Recorded message : recorded) {
                message.message().release();
            }
            recorded.clear();
        }
        first = null;
        sync = null;
        executed = false;
    }
}
