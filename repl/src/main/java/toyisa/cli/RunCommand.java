package toyisa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import toyisa.isa.Isa;
import toyisa.jit.Jit;
import toyisa.vm.Machine;
import toyisa.vm.Program;
import toyisa.vm.RunResult;

/**
 * {@code toyisa run}: runs a binary on the CPU you name, whatever it was built for — so a foreign
 * binary is misdecoded, exactly as the hardware would. ({@code toyisa exec} applies the loader's rules
 * instead.) The exit status is the program's, or the one a shell reports for the signal.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a binary (raw at 0100h, TXF or fat) on one CPU, even one built for the",
            "other. Program output goes to standard output, a crash report to standard error.",
            "",
            "Exit status: the program's (halt 0, or the HAL exit status), or as a shell",
            "reports a signal: 132 illegal instruction, 139 segmentation fault, 135",
            "misaligned access, 136 divide by zero, 159 bad system call; 124 instruction",
            "budget exhausted (hang), 153 output cap exceeded; 2 usage error."
        })
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--cpu", paramLabel = "CPU",
            description = "armistice or intellio (default: the CPU a TXF header names; required for a raw file)")
    String cpu;

    @Option(names = "--trace", description = "print each instruction as it executes: PC, bytes, instruction, changes")
    boolean trace;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "interpreter, or jit: hot code compiled to JVM bytecode, the same run to the instruction (default: ${DEFAULT-VALUE})")
    String engine = "interpreter";

    @Option(names = "--log", description = "with --engine jit: each compiled region (guest instructions beside its JVM bytecode) and the counts, on standard error")
    boolean log;

    @CommandLine.Mixin
    RunLimits limits = new RunLimits();

    @Parameters(index = "0", paramLabel = "FILE", description = "the binary to run")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        limits.validate(cl);
        byte[] bytes = InputFile.readBinary(cl, file);
        Isa isa = cpu != null ? InputFile.cpu(cl, cpu) : InputFile.cpuOfHeader(bytes);
        if (isa == null) throw InputFile.usage(cl, noCpu(file, bytes, "run"));
        Program program = InputFile.load(cl, file, bytes, isa);
        boolean jit = Engines.jit(cl, engine);
        if (log && !jit) throw InputFile.usage(cl, "--log shows what the jit engine compiled: add --engine jit");
        return run(isa, program, trace, jit, log, limits.maxSteps, limits.maxOutput, limits.maxTrace, cl.getOut(), cl.getErr());
    }

    /**
     * Why a file's CPU is not known: a raw file has no header; a fat file holds a slice per CPU, and
     * which one runs is the user's choice (exec picks the machine's own).
     */
    static String noCpu(Path file, byte[] bytes, String command) {
        if (toyisa.container.Fat.isFat(bytes)) {
            java.util.List<String> cpus = new java.util.ArrayList<>();
            try {
                for (byte[] slice : toyisa.container.Fat.slices(bytes)) {
                    Isa own = InputFile.cpuOfHeader(slice);
                    cpus.add(own == null ? "?" : own.id());
                }
            } catch (toyisa.container.FormatException e) {
                return file + ": " + e.getMessage();
            }
            return file + " is a fat file with " + cpus.size() + (cpus.size() == 1 ? " slice" : " slices") + " (" + String.join(", ", cpus)
                    + "): pick one with --cpu, e.g. toyisa " + command + " --cpu " + cpus.get(0) + " " + file
                    + (command.equals("run") ? " (toyisa exec --machine NAME runs the machine's own slice)" : "");
        }
        return file + " has no header naming its CPU: say which with --cpu armistice|intellio";
    }

    /** Runs a loaded program with standard input, live output, and the report on {@code err}. */
    static int run(Isa isa, Program program, boolean trace, long budget, int outputCap, long traceCap, PrintWriter out, PrintWriter err) {
        return run(isa, program, trace, false, false, budget, outputCap, traceCap, out, err);
    }

    /** As above; {@code jit} runs it on the jit engine, {@code log} prints what that compiled after the run. */
    static int run(Isa isa, Program program, boolean trace, boolean jit, boolean log, long budget, int outputCap, long traceCap,
                   PrintWriter out, PrintWriter err) {
        Machine m = Machine.create(isa);
        Jit compiled = jit ? Engines.attach(m, log, err) : null;
        m.load(program);
        m.setBudget(budget);
        m.setOutputCap(outputCap);
        m.setInput(System.in);
        RunResult r;
        try {
            r = trace ? traced(m, traceCap, out) : echoed(m, out);
        } catch (GuestOutput.Closed closed) {
            return Toyisa.OUTPUT_FAILED;
        }
        out.flush();
        String report = r.report();
        if (!report.isEmpty()) err.print(report);
        if (log && compiled != null) err.print(compiled.log() + compiled.summary());
        err.flush();
        return r.exitStatus();
    }

    private static RunResult echoed(Machine m, PrintWriter out) {
        m.setOutputEcho(text -> GuestOutput.write(out, text));
        return m.run();
    }

    /** Each instruction as it executes, up to the trace cap; a closed standard output (| head) ends the run, as SIGPIPE would. */
    private static RunResult traced(Machine m, long traceCap, PrintWriter out) {
        long[] traced = {0};
        return m.runStepping(pc -> out.checkError() || GuestOutput.failed(), step -> {
            if (traced[0] <= traceCap) {
                String line = step.traceLine();
                traced[0] += line.length() + 1L;
                if (traced[0] <= traceCap) out.println(line);
                else out.println("... trace truncated after " + traceCap + " bytes (--max-trace); the run goes on");
            }
            if (!step.output().isEmpty()) GuestOutput.write(out, step.output());
            out.flush();
        });
    }
}
