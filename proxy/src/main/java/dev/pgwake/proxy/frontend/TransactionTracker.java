package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.protocol.ReadyForQuery;

/**
 * Where a client stands in its conversation with the server, from the frames that pass: requests sent
 * but not yet answered by ReadyForQuery (Query, Sync, FunctionCall each get one; other extended-protocol
 * messages open a request that the next Sync closes), and the transaction status of the last
 * ReadyForQuery. A client is busy while a request is open or a transaction is in progress; only a client
 * that is not busy may lose its server connection (a branch going to sleep) without noticing.
 * Event loop only.
 */
final class TransactionTracker {
    private static final byte QUERY = 'Q';
    private static final byte SYNC = 'S';
    private static final byte FUNCTION_CALL = 'F';
    private static final byte TERMINATE = 'X';

    private int awaitingReady;
    private int unsyncedFrames;
    private byte transactionStatus = ReadyForQuery.IDLE;

    void clientFrame(byte type) {
        switch (type) {
            case QUERY, SYNC, FUNCTION_CALL -> {
                awaitingReady++;
                unsyncedFrames = 0;
            }
            case TERMINATE -> { }
            default -> unsyncedFrames++;
        }
    }

    void readyForQuery(byte status) {
        if (awaitingReady > 0) {
            awaitingReady--;
        }
        transactionStatus = status;
    }

    boolean busy() {
        return awaitingReady > 0 || unsyncedFrames > 0 || transactionStatus != ReadyForQuery.IDLE;
    }

    /** A new server connection: nothing is in flight on it. */
    void reset() {
        awaitingReady = 0;
        unsyncedFrames = 0;
        transactionStatus = ReadyForQuery.IDLE;
    }
}
