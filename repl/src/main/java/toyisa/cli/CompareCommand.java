package toyisa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;
import toyisa.container.Fat;
import toyisa.container.FormatException;
import toyisa.container.Txf;
import toyisa.isa.Isa;
import toyisa.vm.Program;
import toyisa.vm.misdecode.Comparison;
import toyisa.vm.misdecode.ComparisonText;

/** {@code toyisa compare}: the misdecode view — the same bytes on both CPUs, side by side. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "The misdecode view: run the same bytes on both CPUs and show them side by",
            "side: the byte stream with each CPU's instruction boundaries, the instructions",
            "each executed, the bytes one CPU ate as operands where the other saw",
            "instructions, and how each run ended.",
            "",
            "Exit status: 0 (the view was shown), 2 usage error."
        })
public final class CompareCommand implements Callable<Integer> {
    @Option(names = "--max-steps", paramLabel = "N", description = "instruction budget per CPU (default ${DEFAULT-VALUE})")
    long maxSteps = Comparison.DEFAULT_BUDGET;

    @Option(names = "--color", paramLabel = "WHEN", description = "auto (on a terminal), always or never (default ${DEFAULT-VALUE})")
    Colour colour = Colour.AUTO;

    @Parameters(index = "0", paramLabel = "FILE", description = "a raw binary (at 0100h), TXF or fat file")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        if (maxSteps < 1) throw InputFile.usage(cl, "--max-steps must be at least 1");
        byte[] bytes = InputFile.readBinary(cl, file);
        Isa any = Isa.all().get(0);
        if (Fat.isFat(bytes)) {
            // A fat file has different bytes for each CPU; compare the first slice's bytes on both.
            try {
                byte[] slice = Fat.slices(bytes).get(0);
                out.println("(" + file + " is a fat file: comparing the bytes of its first slice, for "
                        + toyisa.vm.Loader.machineName(Txf.machineOf(slice)) + ")");
                bytes = slice;
            } catch (FormatException e) {
                throw InputFile.usage(cl, file + ": " + e.getMessage());
            }
        }
        Program program = InputFile.load(cl, file, bytes, any);
        out.print(ComparisonText.render(Comparison.of(program, maxSteps), colour.enabled()));
        out.flush();
        return 0;
    }
}
