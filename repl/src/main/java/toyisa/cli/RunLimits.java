package toyisa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import toyisa.vm.Machine;

/** The two bounds every run of a guest program has, shared by {@code run} and {@code emulate}. */
final class RunLimits {
    @Option(names = "--max-steps", paramLabel = "N",
            description = "instruction budget, counted in guest instructions (default ${DEFAULT-VALUE}); running out is reported as a hang")
    long maxSteps = Machine.DEFAULT_BUDGET;

    @Option(names = "--max-output", paramLabel = "BYTES", description = "output cap in bytes (default ${DEFAULT-VALUE})")
    int maxOutput = Machine.DEFAULT_OUTPUT_CAP;

    /** Refuses bounds that would make no sense, as a usage error. */
    void validate(CommandLine cl) {
        if (maxSteps < 1) throw InputFile.usage(cl, "--max-steps must be at least 1");
        if (maxOutput < 0) throw InputFile.usage(cl, "--max-output must not be negative");
    }
}
