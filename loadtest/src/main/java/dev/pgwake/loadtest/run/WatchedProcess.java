package dev.pgwake.loadtest.run;

import dev.pgwake.loadtest.process.ProcessProbe;
import dev.pgwake.loadtest.report.RunReport;
import java.io.UncheckedIOException;

/**
 * The process behind the URL (a proxy, or the server's postmaster), sampled when the measured phase starts
 * and when the run ends: its CPU time per completed operation and its resident memory. CPU time counts
 * every thread of that process, and only that process (not its children).
 */
public final class WatchedProcess implements ClosedLoop.PhaseListener {
    private final ProcessProbe probe;
    private final String command;
    private volatile ProcessProbe.Sample start;
    private volatile ProcessProbe.Sample end;
    private volatile String failure;

    public WatchedProcess(ProcessProbe probe) {
        this.probe = probe;
        this.command = probe.command();
    }

    @Override
    public void measuringStarted() {
        start = sampleOrNull();
    }

    @Override
    public void ended() {
        end = sampleOrNull();
    }

    private ProcessProbe.Sample sampleOrNull() {
        try {
            return probe.sample();
        } catch (UncheckedIOException e) {
            failure = e.getMessage();
            return null;
        }
    }

    /** {@code 1234 (pgbouncer)}. */
    public String describe() {
        return probe.pid() + " (" + command + ")";
    }

    /** Adds CPU per operation and memory figures, or a note saying why they are missing. */
    public void report(RunReport.Builder report, long operations) {
        report.setting("watched process", describe());
        if (start == null || end == null) {
            report.note("The watched process " + describe() + " could not be sampled: " + failure);
            return;
        }
        long cpu = end.cpuMicrosSince(start);
        if (operations > 0) {
            report.figure("process_cpu_us_per_tx", "CPU of process " + describe() + " per transaction",
                    (double) cpu / operations, "us");
        }
        report.figure("process_cpu_seconds", "CPU seconds of process " + describe() + " (measured phase)", cpu / 1e6, "s");
        report.figure("process_rss_bytes", "RSS of process " + describe() + " at the end", end.rssBytes(), "B");
        report.note("CPU of the watched process is read from /proc/" + probe.pid() + "/stat (utime + stime, all "
                + "its threads, 10 ms ticks; not its child processes, so for PostgreSQL's postmaster the backends are not "
                + "counted) at the start of the measured phase and at the end of the run.");
    }
}
