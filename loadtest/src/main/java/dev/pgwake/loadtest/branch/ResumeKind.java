package dev.pgwake.loadtest.branch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a wake has to do, named as pgwake names it (SHOW BRANCHES' {@code last_resume}). */
public enum ResumeKind {
    /** Unfreeze a suspended compute (SIGCONT). */
    HOT("unfreeze a suspended compute", "SUSPEND", "suspended"),
    /** Start a stopped compute whose data is local. */
    WARM("start a stopped compute", "STOP", "stopped"),
    /** Provision a compute whose data is not local: restore an archived branch, or create one from its parent. */
    COLD("provision a compute from storage or from the parent branch", "ARCHIVE", "archived");

    private final String work;
    private final String sleepVerb;
    private final String sleepState;

    ResumeKind(String work, String sleepVerb, String sleepState) {
        this.work = work;
        this.sleepVerb = sleepVerb;
        this.sleepState = sleepState;
    }

    /** The console verb that puts a branch where this kind resumes it from: {@code SUSPEND}, {@code STOP}, {@code ARCHIVE}. */
    public String sleepVerb() {
        return sleepVerb;
    }

    /** The console command that puts {@code branch} where this kind resumes it from, e.g. {@code SUSPEND BRANCH main}. */
    public String sleepCommand(String branch) {
        return sleepVerb + " BRANCH " + AdminConsole.checkBranchName(branch);
    }

    /** The state SHOW BRANCHES gives a branch this kind resumes from: {@code suspended}, {@code stopped}, {@code archived}. */
    public String sleepState() {
        return sleepState;
    }

    /** The kind that wakes a branch in {@code state} (as SHOW BRANCHES or the metrics name it), if it sleeps. */
    public static Optional<ResumeKind> fromSleepState(String state) {
        for (ResumeKind k : values()) {
            if (k.sleepState.equals(state)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kind with this label ({@code hot}, {@code warm}, {@code cold}), if any. */
    public static Optional<ResumeKind> fromLabel(String label) {
        for (ResumeKind k : values()) {
            if (k.label().equals(label)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** {@code hot}, {@code warm}, {@code cold}: as on the command line and in SHOW BRANCHES. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String work() {
        return work;
    }

    /** {@code hot,warm,cold} in the order given; each at most once. */
    public static List<ResumeKind> parseList(String text) {
        List<ResumeKind> kinds = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            ResumeKind kind = fromLabel(p).orElseThrow(() ->
                    new IllegalArgumentException("'" + part.strip() + "' is not a resume kind (hot, warm, cold)"));
            if (kinds.contains(kind)) {
                throw new IllegalArgumentException(p + " is listed twice in '" + text + "'");
            }
            kinds.add(kind);
        }
        return List.copyOf(kinds);
    }
}
