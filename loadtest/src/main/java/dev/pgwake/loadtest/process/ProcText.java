package dev.pgwake.loadtest.process;

/** Parsing of the {@code /proc/<pid>} files {@link ProcessProbe} reads, kept apart to be tested on text. */
public final class ProcText {
    /** {@code utime} and {@code stime} are fields 14 and 15 of {@code stat}; fields after the command start at 3. */
    private static final int UTIME_AFTER_COMMAND = 14 - 3;
    private static final int STIME_AFTER_COMMAND = 15 - 3;

    private ProcText() {
    }

    /** {@code utime + stime} from a {@code stat} line, in clock ticks. */
    static long cpuTicks(String stat) {
        String[] fields = afterCommand(stat);
        if (fields.length <= STIME_AFTER_COMMAND) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + stat.strip());
        }
        return Long.parseLong(fields[UTIME_AFTER_COMMAND]) + Long.parseLong(fields[STIME_AFTER_COMMAND]);
    }

    /**
     * The one-letter state after the command name of a {@code stat} line: {@code R} running, {@code S}
     * sleeping, {@code T} stopped by a signal (SIGSTOP), {@code Z} zombie, ...
     */
    static char state(String stat) {
        String[] fields = afterCommand(stat);
        if (fields.length == 0 || fields[0].length() != 1) {
            throw new IllegalArgumentException("no state in /proc/<pid>/stat: " + stat.strip());
        }
        return fields[0].charAt(0);
    }

    /** The parent's pid from a {@code stat} line (field 4, the second after the command). */
    static long parentPid(String stat) {
        String[] fields = afterCommand(stat);
        if (fields.length < 2) {
            throw new IllegalArgumentException("no parent pid in /proc/<pid>/stat: " + stat.strip());
        }
        return Long.parseLong(fields[1]);
    }

    /** The command name between the parentheses of a {@code stat} line (it may contain spaces and ')'). */
    static String command(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("no (command) in /proc/<pid>/stat: " + stat.strip());
        }
        return stat.substring(open + 1, close);
    }

    private static String[] afterCommand(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("no (command) in /proc/<pid>/stat: " + stat.strip());
        }
        return stat.substring(close + 1).strip().split("\\s+");
    }

    /** {@code VmRSS} from a {@code status} file, in bytes. */
    static long rssBytes(String status) {
        return kilobytes(status, "VmRSS:");
    }

    /** The value of a {@code Name:   123 kB} line, in bytes. */
    private static long kilobytes(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).strip().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected " + key + " line: " + line);
                }
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IllegalArgumentException("no " + key + " line (a kernel thread or a zombie?)");
    }

    /** {@code Pss} from a {@code smaps_rollup} file, in bytes. */
    static long pssBytes(String smapsRollup) {
        return kilobytes(smapsRollup, "Pss:");
    }

    /** The {@code Max open files} line of a {@code limits} file. */
    static Limit openFileLimit(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] parts = line.substring("Max open files".length()).strip().split("\\s+");
                return new Limit(parse(parts[0]), parse(parts[1]));
            }
        }
        throw new IllegalArgumentException("no 'Max open files' in /proc/<pid>/limits");
    }

    private static long parse(String value) {
        return value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value);
    }

    /** A soft and a hard limit; {@link Long#MAX_VALUE} for unlimited. */
    public record Limit(long soft, long hard) {
    }
}
