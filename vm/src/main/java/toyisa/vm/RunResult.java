package toyisa.vm;

/**
 * How a run ended.
 *
 * @param outcome    halt, exit, fault, budget, output cap (or breakpoint/running for the stepping loop)
 * @param exitStatus the process exit status a shell would see (0 halt, HAL status, 132 illegal, ...); -1 while running
 * @param steps      instructions executed since the program was loaded
 * @param output     everything the program printed (up to the output cap)
 * @param fault      the fault report when {@code outcome == FAULT}, else null
 * @param hang       the hang report when {@code outcome == BUDGET}, else null
 * @param state      final PC, registers and flags
 */
public record RunResult(Outcome outcome, int exitStatus, long steps, String output,
                        FaultReport fault, HangReport hang, CpuState state) {

    /** What a shell prints on standard error for this ending (empty for halt or exit). */
    public String shellMessage() {
        if (fault != null) return fault.fault().shellWords();
        return outcome.shellWords();
    }

    /** The full report for standard error: the fault or hang report, the shell words, or empty. */
    public String report() {
        if (fault != null) return fault.format();
        if (hang != null) return hang.format();
        return outcome == Outcome.OUTPUT_CAP ? outcome.shellWords() + "\n" : "";
    }
}
