package dev.pgwake.loadtest.scenario;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How wide and how long: {@code clients} at once, for a {@code duration} or until {@code transactions}
 * have completed (exactly one of the two), after a {@code warmup} that is shown but not counted, sampled
 * once per {@code interval}.
 */
public record RunPlan(int clients, Duration duration, Long transactions, Duration warmup, Duration interval) {

    public RunPlan {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, not " + clients);
        }
        if ((duration == null) == (transactions == null)) {
            throw new IllegalArgumentException("give either a duration or a number of transactions, not both or neither");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, not " + duration);
        }
        if (transactions != null && transactions < 1) {
            throw new IllegalArgumentException("transactions must be at least 1, not " + transactions);
        }
        warmup = warmup == null ? Duration.ZERO : warmup;
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative");
        }
        interval = interval == null ? Duration.ofSeconds(1) : interval;
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("interval must be at least 10ms, not " + interval);
        }
    }

    public static RunPlan forDuration(int clients, Duration duration, Duration warmup) {
        return new RunPlan(clients, duration, null, warmup, null);
    }

    public static RunPlan forTransactions(int clients, long transactions, Duration warmup) {
        return new RunPlan(clients, null, transactions, warmup, null);
    }

    public Optional<Duration> fixedDuration() {
        return Optional.ofNullable(duration);
    }

    public OptionalLong transactionBudget() {
        return transactions == null ? OptionalLong.empty() : OptionalLong.of(transactions);
    }

    /** {@code 30s after 5s warmup} or {@code 10,000 transactions after 5s warmup}, for reports. */
    public String describe() {
        String main = duration != null ? Durations.format(duration) : String.format(java.util.Locale.ROOT, "%,d transactions", transactions);
        return warmup.isZero() ? main : main + " after " + Durations.format(warmup) + " warmup";
    }
}
