package dev.pgwake.loadtest.wake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a wake has to do, named as pgwake names it (SHOW BRANCHES' {@code last_resume}). */
public enum ResumeKind {
    /** Unfreeze a suspended compute (SIGCONT). */
    HOT("unfreeze a suspended compute"),
    /** Start a stopped compute whose data is local. */
    WARM("start a stopped compute"),
    /** Provision a compute whose data is not local: restore an archived branch, or create one from its parent. */
    COLD("provision a compute from storage or from the parent branch");

    private final String work;

    ResumeKind(String work) {
        this.work = work;
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
            ResumeKind kind = switch (p) {
                case "hot" -> HOT;
                case "warm" -> WARM;
                case "cold" -> COLD;
                default -> throw new IllegalArgumentException("'" + part.strip() + "' is not a resume kind (hot, warm, cold)");
            };
            if (kinds.contains(kind)) {
                throw new IllegalArgumentException(p + " is listed twice in '" + text + "'");
            }
            kinds.add(kind);
        }
        return List.copyOf(kinds);
    }
}
