package dev.pgwake.routing;

/**
 * Why a request cannot be routed, with the SQLSTATE to report. Thrown and caught inside this
 * package only; {@link Router#route} turns it into a {@link Reject}. Carries no stack trace.
 */
final class RoutingRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    RoutingRejection(String sqlState, String message) {
        super(message, null, false, false);
        this.sqlState = sqlState;
    }

    Reject toReject() {
        return new Reject(sqlState, getMessage());
    }
}
