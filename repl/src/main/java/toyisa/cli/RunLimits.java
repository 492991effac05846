package toyisa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import toyisa.vm.Machine;

/** The bounds every run of a guest program has, shared by {@code run} and {@code emulate}. */
final class RunLimits {
    @Option(names = "--max-steps", paramLabel = "N",
            description = "instruction budget, counted in guest instructions (default ${DEFAULT-VALUE}); running out is reported as a hang")
    long maxSteps = Machine.DEFAULT_BUDGET;

    @Option(names = "--max-output", paramLabel = "BYTES", description = "output cap in bytes (default ${DEFAULT-VALUE})")
    int maxOutput = Machine.DEFAULT_OUTPUT_CAP;

    /** The default cap of a trace or a translation log: enough for a lab, far from filling a disk. */
    static final long DEFAULT_MAX_TRACE = 16L << 20;

    @Option(names = "--max-trace", paramLabel = "BYTES",
            description = "cap of the trace (--trace) or translation log (--log) in bytes (default ${DEFAULT-VALUE}); beyond it a line says it was truncated")
    long maxTrace = DEFAULT_MAX_TRACE;

    /** Refuses bounds that would make no sense, as a usage error. */
    void validate(CommandLine cl) {
        if (maxSteps < 1) throw InputFile.usage(cl, "--max-steps must be at least 1");
        if (maxOutput < 0) throw InputFile.usage(cl, "--max-output must not be negative");
        if (maxTrace < 0) throw InputFile.usage(cl, "--max-trace must not be negative");
    }
}
