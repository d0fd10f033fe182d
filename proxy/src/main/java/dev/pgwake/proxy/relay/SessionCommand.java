package dev.pgwake.proxy.relay;

/** TEMPORARY stand-in until the scanner branch lands. */
sealed interface SessionCommand {
    record Assign(String name, String value) implements SessionCommand { }
    record Reset(String name) implements SessionCommand { }
    record ResetAll() implements SessionCommand { }
    record Discard(Kind kind) implements SessionCommand {
        enum Kind { ALL, PLANS, SEQUENCES, TEMP }
    }
    record DeallocateAll() implements SessionCommand { }
    record Pin(PinReason reason) implements SessionCommand { }
    record Unpin(PinReason reason) implements SessionCommand { }
}
