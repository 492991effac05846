package toyisa.vm;

/** Why a machine stopped — or that it has not. */
public enum Outcome {
    /** Still running: the last step completed and the next instruction is ready. */
    RUNNING(-1, ""),
    /** The stepping loop reached a breakpoint (before executing the instruction there). */
    BREAKPOINT(-1, ""),
    /** {@code halt}/{@code hlt}: exit status 0. */
    HALT(0, ""),
    /** HAL service 00h: the status the program chose. */
    EXIT(-1, ""),
    /** The CPU faulted; {@link RunResult#fault()} says how. */
    FAULT(-1, ""),
    /** The instruction budget ran out: most likely a hang. */
    BUDGET(124, "Timeout (instruction budget exhausted)"),
    /** The program printed more than the output cap allows (like SIGXFSZ). */
    OUTPUT_CAP(153, "File size limit exceeded (output cap)");

    private final int status;
    private final String shellWords;

    Outcome(int status, String shellWords) {
        this.status = status;
        this.shellWords = shellWords;
    }

    /** The fixed exit status of this outcome, or -1 where it depends on the run (exit, fault) or there is none. */
    public int fixedStatus() {
        return status;
    }

    /** What a shell would print for this outcome; empty for a normal end. */
    public String shellWords() {
        return shellWords;
    }

    /** True once the machine can run no further without being changed or reset. */
    public boolean isFinal() {
        return this != RUNNING && this != BREAKPOINT;
    }
}
