package dev.pgwake.routing;

/** The outcome of {@link Router#route}: connect the client to a {@link Route}, or {@link Reject} it. */
public sealed interface RoutingDecision permits Route, Reject {
}
