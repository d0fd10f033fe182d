package dev.pgwake.loadtest.report;

import java.util.Objects;

/**
 * One headline number: {@code key} for machines ({@code throughput_tps}), {@code label} for people
 * ("Throughput"), a finite value and its unit ({@code tx/s}, {@code ms}, {@code B}, {@code us}, or empty
 * for a plain count).
 */
public record Figure(String key, String label, double value, String unit) {
    public Figure {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        unit = unit == null ? "" : unit;
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("figure " + key + " is not a finite number: " + value);
        }
    }
}
