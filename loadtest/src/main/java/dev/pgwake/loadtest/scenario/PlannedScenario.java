package dev.pgwake.loadtest.scenario;

/**
 * Scenarios that are designed (see the package description for what each will report) but not written yet.
 * Like {@code wake}, they drive pgwake's admin interface to put branches into given states and read what
 * happened. The command line lists them and refuses to run them, saying why.
 */
public enum PlannedScenario {
    STORM("storm", "C clients (default 1,000) connect at once to one suspended branch: resumes, errors, latency"),
    FLEET("fleet", "B branches (default 100) with bursty, mostly idle traffic: first-query latency by resume kind, compute-seconds saved");

    /** Why none of them runs yet. */
    public static final String MISSING = "it is designed but not written yet (it will drive pgwake's admin interface: "
            + "SUSPEND/STOP/ARCHIVE BRANCH, SHOW BRANCHES, resume counters)";

    private final String commandName;
    private final String purpose;

    PlannedScenario(String commandName, String purpose) {
        this.commandName = commandName;
        this.purpose = purpose;
    }

    public String commandName() {
        return commandName;
    }

    public String purpose() {
        return purpose;
    }

    /** The sentence the command line prints when asked to run it. */
    public String notAvailable() {
        return commandName + " is not available yet: " + MISSING + ". When it is, this scenario will measure: "
                + purpose + ".";
    }
}
