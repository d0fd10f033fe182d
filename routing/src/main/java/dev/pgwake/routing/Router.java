package dev.pgwake.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the branch a client wants and the startup parameters to forward to its server.
 *
 * <p>A branch is named, highest precedence first, by a {@code branch=NAME} or {@code --branch=NAME}
 * word in the {@code options} parameter, by the first label of the TLS server name, or by a
 * {@code database@NAME} suffix; otherwise it is the default branch. Sources that name a branch must
 * agree. {@link #route} never throws for client input: every problem becomes a {@link Reject}.
 * Immutable and safe to share between threads.
 */
public final class Router {

    static final String USER = "user";
    static final String DATABASE = "database";
    static final String OPTIONS = "options";

    private final BranchName defaultBranch;
    private final ServerNameRule serverNames;

    /**
     * Creates a router.
     *
     * @param defaultBranch the branch for clients that name none
     * @param sniSuffix if present (e.g. {@code db.example.com}), only TLS server names under it name
     *     a branch; if empty, any dotted host name that is not an IP literal does
     * @throws IllegalArgumentException if {@code sniSuffix} is present but blank
     */
    public Router(BranchName defaultBranch, Optional<String> sniSuffix) {
        this.defaultBranch = Objects.requireNonNull(defaultBranch, "defaultBranch");
        this.serverNames = new ServerNameRule(sniSuffix);
    }

    /** Returns where to send the client described by {@code request}, or why to refuse it. */
    public RoutingDecision route(RouteRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return decide(request.startupParameters(), request.sniHostName());
        } catch (RoutingRejection rejection) {
            return rejection.toReject();
        }
    }

    private Route decide(Map<String, String> parameters, Optional<String> sniHostName) throws RoutingRejection {
        String user = parameters.getOrDefault(USER, "");
        if (user.isEmpty()) {
            throw new RoutingRejection(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        StartupOptions options = StartupOptions.parse(parameters.getOrDefault(OPTIONS, ""));
        DatabaseParameter database = DatabaseParameter.parse(parameters.getOrDefault(DATABASE, ""), user);

        List<BranchClaim> claims = new ArrayList<>();
        options.branchNames().forEach(name -> claims.add(new BranchClaim(BranchSource.OPTIONS, name)));
        sniHostName.flatMap(serverNames::branchLabel)
                .ifPresent(name -> claims.add(new BranchClaim(BranchSource.SNI, name)));
        database.branch().ifPresent(name -> claims.add(new BranchClaim(BranchSource.DATABASE_SUFFIX, name)));

        Map<String, String> forwarded = forwardedParameters(parameters, options, database.database());
        if (claims.isEmpty()) {
            return new Route(defaultBranch, BranchSource.DEFAULT, user, database.database(), forwarded);
        }
        BranchClaim winner = agreedClaim(claims);
        return new Route(winner.validated(), winner.source(), user, database.database(), forwarded);
    }

    /** Validates every claim, highest precedence first, then checks they all name the same branch. */
    private static BranchClaim agreedClaim(List<BranchClaim> claims) throws RoutingRejection {
        for (BranchClaim claim : claims) {
            claim.validated();
        }
        BranchClaim first = claims.get(0);
        for (BranchClaim other : claims.subList(1, claims.size())) {
            if (!other.name().equals(first.name())) {
                throw first.conflictWith(other);
            }
        }
        return first;
    }

    /**
     * The client's parameters in its order, with {@code options} rewritten or dropped and
     * {@code database} replaced; {@code database} is appended if the client sent none.
     */
    private static Map<String, String> forwardedParameters(
            Map<String, String> parameters, StartupOptions options, String database) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            switch (name) {
                case OPTIONS -> options.forwarded().ifPresent(rewritten -> forwarded.put(name, rewritten));
                case DATABASE -> forwarded.put(name, database);
                default -> forwarded.put(name, value);
            }
        });
        forwarded.putIfAbsent(DATABASE, database);
        return forwarded;
    }
}
