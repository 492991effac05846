package toyisa.vm;

/**
 * A {@link Run} set up on its engine: the machine made, the jit attached, the program loaded, the
 * bounds, input and echo given. {@link #run} runs it; what the engines kept is read after.
 */
public interface Execution {
    /** What was asked for. */
    Run spec();

    /** Runs the program until it stops or its budget is spent. */
    RunResult run();

    /**
     * The machine that runs the guest's own code (interpreter and jit engines), for a caller that
     * steps, traces or runs it in slices itself; null when the guest runs translated.
     */
    Machine machine();

    /** The guest's 64 KiB as the run left them. */
    byte[] memory();

    /** False when the run asked for the jit but runs on the interpreter: {@code TOYISA_JIT=off}, or no jit here. */
    boolean jitAttached();

    /** The translation log (with {@link Run#log}): each guest block, then the host code made for it, then the counts. */
    String translationLog();

    /** The jit's log (with {@link Run#log}): each region compiled beside its code, then the counts. */
    String jitLog();

    /** Host instructions run: the guest's own for an interpreter, the translated code's for the translator. */
    long hostInstructions();
}
