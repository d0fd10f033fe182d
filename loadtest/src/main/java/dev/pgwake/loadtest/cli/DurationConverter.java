package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.scenario.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1m30s}; a bare number is seconds. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
