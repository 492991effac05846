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
import toyisa.vm.Engine;
import toyisa.vm.Execution;
import toyisa.vm.Loader;
import toyisa.vm.Program;
import toyisa.vm.Run;
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

    @Option(names = "--engine", paramLabel = "ENGINE", converter = EngineOption.class, defaultValue = "interpreter",
            description = "how the host code runs: interpreter, or jit (compiled to JVM bytecode when hot) (default: ${DEFAULT-VALUE})")
    Engine engine;

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
        Run run = Run.of(g, program).engine(engine.jit() ? Engine.TRANSLATED_JIT : Engine.TRANSLATED).log(log)
                .budget(limits.maxSteps).outputCap(limits.maxOutput).logCap(limits.maxTrace);
        return emulate(run, cl.getOut(), cl.getErr());
    }

    /**
     * Runs a program translated with standard input and live output; on {@code err} the translation
     * log and the jit's (with a log), then the report.
     */
    static int emulate(Run run, PrintWriter out, PrintWriter err) {
        Execution e = run.input(System.in).echo(text -> GuestOutput.write(out, text)).start();
        EngineOption.warnIfOff(e, err);
        RunResult r;
        try {
            r = e.run();
        } catch (GuestOutput.Closed closed) {
            return Toyisa.OUTPUT_FAILED;
        }
        out.flush();
        err.print(e.translationLog());
        err.print(e.jitLog());
        String report = r.report();
        if (!report.isEmpty()) err.print(report);
        err.flush();
        return r.exitStatus();
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
            return emulate(Run.of(guest, p).engine(Engine.TRANSLATED), out, err);
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
            Execution e = Run.of(guest, p).engine(Engine.TRANSLATED).budget(10_000).log(true).start();
            RunResult res = e.run();
            DemoCommand.printEnding(out, res, line -> line);
            out.println("    The translation (like qemu -d in_asm,out_asm):");
            for (String line : e.translationLog().split("\n")) {
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
