package dev.pgwake.proxy.relay;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a client's statements did to its session besides their results, once they succeeded: settings
 * (kept by {@link SessionSettings}), pins with their reasons, and prepared statements gone (DEALLOCATE ALL,
 * DISCARD ALL). Also tells a whole ROLLBACK (whose SETs are gone) from a ROLLBACK TO SAVEPOINT, which has the
 * same command tag. Event loop only.
 */
final class SessionEffects {
    private static final byte[] ROLLBACK_TAG = "ROLLBACK\0".getBytes(StandardCharsets.US_ASCII);

    private final SessionSettings settings;
    private final Runnable statementsGone;
    private final Consumer<PinReason> pinned;
    private final EnumSet<PinReason> pins = EnumSet.noneOf(PinReason.class);

    /** @param pinned hears each reason the client becomes pinned for (not again while it stays pinned for it) */
    SessionEffects(SessionSettings settings, Runnable statementsGone, Consumer<PinReason> pinned) {
        this.settings = settings;
        this.statementsGone = statementsGone;
        this.pinned = pinned;
    }

    Set<PinReason> pins() {
        return Collections.unmodifiableSet(pins);
    }

    boolean pinned() {
        return !pins.isEmpty();
    }

    void succeeded(List<SessionCommand> effects) {
        if (effects.isEmpty()) {
            return;
        }
        settings.succeeded(effects);
        for (SessionCommand command : effects) {
            if (command instanceof SessionCommand.Pin pin) {
                if (pins.add(pin.reason())) {
                    pinned.accept(pin.reason());
                }
            } else if (command instanceof SessionCommand.Unpin unpin) {
                pins.remove(unpin.reason());
            } else if (command instanceof SessionCommand.DeallocateAll) {
                statementsGone.run();
                pins.remove(PinReason.SQL_PREPARE);
            } else if (command instanceof SessionCommand.Discard discard) {
                discarded(discard.kind());
            }
        }
    }

    private void discarded(SessionCommand.Discard.Kind kind) {
        if (kind == SessionCommand.Discard.Kind.ALL) {
            pins.clear();
            statementsGone.run();
        } else if (kind == SessionCommand.Discard.Kind.TEMP) {
            pins.remove(PinReason.TEMP_OBJECT);
        }
    }

    /**
     * A CommandComplete answered {@code request}: if it ended the whole transaction with ROLLBACK (also a
     * COMMIT of a failed one), the transaction's SETs are gone. ROLLBACK TO SAVEPOINT has the same tag; the
     * request's text tells them apart.
     */
    void commandComplete(ByteBuf body, Reply request) {
        if (isRollback(body) && !rollsBackToSavepoint(request.effects)) {
            settings.rolledBack();
        }
    }

    private static boolean rollsBackToSavepoint(List<SessionCommand> effects) {
        for (SessionCommand command : effects) {
            if (command instanceof SessionCommand.RollbackTo) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRollback(ByteBuf body) {
        if (body.readableBytes() != ROLLBACK_TAG.length) {
            return false;
        }
        for (int i = 0; i < ROLLBACK_TAG.length; i++) {
            if (body.getByte(body.readerIndex() + i) != ROLLBACK_TAG[i]) {
                return false;
            }
        }
        return true;
    }
}
