package toyisa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;
import toyisa.armistice.Armistice;
import toyisa.container.FormatException;
import toyisa.container.Txf;
import toyisa.intellio.Intellio;
import toyisa.isa.Isa;
import toyisa.jit.Jit;
import toyisa.translate.Emulator;
import toyisa.vm.Loader;
import toyisa.vm.Machine;
import toyisa.vm.Program;
import toyisa.vm.RunResult;

/**
 * {@code toyisa emulate}: runs an Intellio binary on the Armistice machine by binary translation —
 * what {@code qemu-x86_64} does for an x86 binary on an ARM machine — or, with {@code --guest
 * armistice --host intellio}, an Armistice binary on the Intellio machine, as {@code qemu-aarch64}
 * runs an ARM binary on an x86 one. Output, exit status and crash reports are exactly those of
 * {@code toyisa run --cpu GUEST}; {@code --log} adds the translation log (each guest block, then the
 * host code made for it, and the counts) on standard error.
 */
@Command(name = "emulate",
        mixinStandardHelpOptions = true,
        description = {
            "Run an Intellio binary (raw at 0100h, TXF or fat) on the Armistice machine by",
            "dynamic binary translation, or with --guest armistice --host intellio an",
            "Armistice binary on the Intellio machine. Program output goes to standard output; the crash",
            "report and, with --log, the translation log go to standard error.",
            "",
            "Exit status: as toyisa run (the program's, or 132 illegal instruction, 139",
            "segmentation fault, 136 divide by zero, 159 bad system call, 124 budget",
            "exhausted, 153 output cap exceeded); 2 usage error."
        })
public final class EmulateCommand implements Callable<Integer> {
    /** The name the binfmt entry for Intellio gives as its interpreter. */
    static final String INTERPRETER = toyisa.vm.exec.BinfmtRegistry.INTELLIO_EMULATOR;
    /** The name the binfmt entry for Armistice gives as its interpreter. */
    static final String ARMISTICE_INTERPRETER = toyisa.vm.exec.BinfmtRegistry.ARMISTICE_EMULATOR;

    @Option(names = "--guest", paramLabel = "CPU", description = "the CPU the binary is for (default: ${DEFAULT-VALUE})")
    String guest = "intellio";

    @Option(names = "--host", paramLabel = "CPU", description = "the CPU that runs the translation (default: ${DEFAULT-VALUE})")
    String host = "armistice";

    @Option(names = "--log", description = "print the translation log: guest blocks, host code, counts (with --engine jit, also each compiled region)")
    boolean log;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "how the host code runs: interpreter, or jit (compiled to JVM bytecode when hot) (default: ${DEFAULT-VALUE})")
    String engine = "interpreter";

    @CommandLine.Mixin
    RunLimits limits = new RunLimits();

    @Parameters(index = "0", paramLabel = "FILE", description = "the guest's binary")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Isa g = InputFile.cpu(cl, guest);
        Isa h = InputFile.cpu(cl, host);
        if (g.machine() == h.machine())
            throw InputFile.usage(cl, "the guest and the host are the same CPU: run it with toyisa run --cpu " + g.id());
        limits.validate(cl);
        byte[] bytes = InputFile.readBinary(cl, file);
        if (Txf.isTxf(bytes) && Txf.machineOf(bytes) != g.machine())
            throw InputFile.usage(cl, file + " is a TXF file for " + Loader.machineName(Txf.machineOf(bytes))
                    + ", not " + g.name() + ": run it with toyisa run");
        Program program = InputFile.load(cl, file, bytes, g);
        boolean jit = Engines.jit(cl, engine);
        return emulate(g, program, log, jit, limits.maxSteps, limits.maxOutput, limits.maxTrace, cl.getOut(), cl.getErr());
    }

    static int emulate(Program program, boolean log, long budget, int outputCap, long logCap, PrintWriter out, PrintWriter err) {
        return emulate(Intellio.ISA, program, log, false, budget, outputCap, logCap, out, err);
    }

    static int emulate(Program program, boolean log, boolean jit, long budget, int outputCap, long logCap, PrintWriter out, PrintWriter err) {
        return emulate(Intellio.ISA, program, log, jit, budget, outputCap, logCap, out, err);
    }

    /** Runs a loaded program of the guest CPU translated, with standard input, live output and reports on {@code err}. */
    static int emulate(Isa guest, Program program, boolean log, boolean jit, long budget, int outputCap, long logCap, PrintWriter out, PrintWriter err) {
        Jit[] compiled = {null};
        Emulator.Options o = Emulator.options().guest(guest).budget(budget).outputCap(outputCap).log(log).logCap(logCap).input(System.in)
                .echo(text -> GuestOutput.write(out, text));
        if (jit) o.onHost(cpu -> compiled[0] = Jit.attach(cpu.core(), Jit.Options.DEFAULT.withLog(log)));
        Emulator.Result r;
        try {
            r = Emulator.run(program, o);
        } catch (GuestOutput.Closed closed) {
            return Toyisa.OUTPUT_FAILED;
        }
        out.flush();
        if (log) err.print(r.log());
        if (log && compiled[0] != null) err.print(compiled[0].log() + compiled[0].summary());
        String report = r.result().report();
        if (!report.isEmpty()) err.print(report);
        err.flush();
        return r.result().exitStatus();
    }

    /** The emulator as the interpreter of the binfmt entry for Intellio executables. */
    static final Interpreters.Interpreter BINFMT = binfmt(Intellio.ISA);
    /** The emulator as the interpreter of the binfmt entry for Armistice executables. */
    static final Interpreters.Interpreter ARMISTICE_BINFMT = binfmt(Armistice.ISA);

    private static Interpreters.Interpreter binfmt(Isa guest) {
        return new Interpreters.Interpreter() {
        @Override
        public int run(byte[] file, Isa hostCpu, PrintWriter out, PrintWriter err) {
            Program p;
            try {
                p = Loader.load(file, guest);
            } catch (FormatException e) {
                err.println("toyisa exec: " + e.getMessage());
                return Toyisa.USAGE;
            }
            return emulate(guest, p, false, false, Machine.DEFAULT_BUDGET, Machine.DEFAULT_OUTPUT_CAP, Emulator.DEFAULT_LOG_CAP, out, err);
        }

        @Override
        public int demo(byte[] file, Isa hostCpu, PrintWriter out, PrintWriter err) {
            Program p;
            try {
                p = Loader.load(file, guest);
            } catch (FormatException e) {
                out.println("    " + e.getMessage());
                return Toyisa.USAGE;
            }
            Emulator.Result r = Emulator.run(p, Emulator.options().guest(guest).budget(10_000).log(true));
            RunResult res = r.result();
            DemoCommand.printEnding(out, res, line -> line);
            out.println("    The translation (like qemu -d in_asm,out_asm):");
            for (String line : r.log().split("\n")) {
                if (line.isEmpty()) out.println();
                else for (String part : DemoCommand.fold("      " + line, DemoCommand.WIDTH)) out.println(part);
            }
            return res.exitStatus();
        }

        @Override
        public Isa host() {
            return guest == Armistice.ISA ? Intellio.ISA : Armistice.ISA; // the CPU it translates to
        }
        };
    }
}
