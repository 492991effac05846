package toyisa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import toyisa.isa.Isa;
import toyisa.vm.BinfmtRegistry;
import toyisa.vm.ConfigException;
import toyisa.vm.Exec;
import toyisa.vm.Machine;

/**
 * {@code toyisa exec}: what a kernel's {@code execve} does with a file on a machine — run it natively,
 * run its fat slice, hand it to the interpreter of a matching binfmt entry, or refuse it with
 * <em>exec format error</em>. A raw file has no header, so it simply runs (and misdecodes if foreign).
 */
@Command(name = "exec",
        mixinStandardHelpOptions = true,
        description = {
            "Execute a file on a machine by the loader's rules: a TXF file for this",
            "machine runs; a fat file runs its slice; a foreign file goes to the first",
            "enabled binfmt entry that matches it (see toyisa binfmt); otherwise a foreign",
            "TXF file is refused (exec format error); a raw file just runs.",
            "",
            "Exit status: as toyisa run, or 126 when refused."
        })
public final class ExecCommand implements Callable<Integer> {
    @Option(names = "--machine", required = true, paramLabel = "CPU", description = "the machine: armistice or intellio")
    String machine;

    @Option(names = "--registry", paramLabel = "FILE",
            description = "the binfmt registry file to use (default: TOYISA_BINFMT or ~/.config/toyisa/binfmt; see toyisa binfmt)")
    Path registryFile;

    @Parameters(index = "0", paramLabel = "FILE", description = "the file to execute")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        Isa isa = InputFile.cpu(cl, machine);
        byte[] bytes = InputFile.read(cl, file);
        BinfmtRegistry registry;
        ConfigException broken = null;
        try {
            registry = registryFile != null ? BinfmtRegistry.load(registryFile) : BinfmtRegistry.load();
        } catch (ConfigException e) {
            // A broken registry never stops a native binary: decide without entries, and say so only
            // where an entry would have been needed.
            broken = e;
            registry = BinfmtRegistry.defaults();
            for (var entry : registry.entries()) registry.remove(entry.name());
        }
        Exec.Plan plan = Exec.decide(bytes, file.getFileName().toString(), isa, registry);
        if (broken != null && plan.kind() != Exec.Plan.Kind.NATIVE) {
            err.println("toyisa exec: " + broken.getMessage());
            return Toyisa.USAGE;
        }
        switch (plan.kind()) {
            case NATIVE:
                return RunCommand.run(isa, plan.program(), false, Machine.DEFAULT_BUDGET, Machine.DEFAULT_OUTPUT_CAP, RunLimits.DEFAULT_MAX_TRACE, out, err);
            case INTERPRETER: {
                Interpreters.Interpreter interpreter = Interpreters.find(plan.entry().interpreter());
                if (interpreter == null) {
                    err.println("toyisa exec: " + file + ": binfmt entry " + plan.entry().name() + " names interpreter "
                            + plan.entry().interpreter() + ", which this toyisa does not have");
                    return Exec.REFUSED_STATUS;
                }
                return interpreter.exec(file.getFileName().toString(), plan.entry(), plan.file(), isa, out, err);
            }
            default:
                err.println("toyisa exec: " + plan.message());
                return Exec.REFUSED_STATUS;
        }
    }
}
