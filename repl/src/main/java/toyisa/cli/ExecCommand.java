package toyisa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.exec.BinfmtRegistry;
import toyisa.vm.exec.ConfigException;
import toyisa.vm.exec.Exec;

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

    @Option(names = "--interpreter", paramLabel = "NAME",
            description = "hand FILE to toyisa's interpreter NAME, as the kernel does once an entry matched"
                    + " (what scripts/install-binfmt installs as PREFIX/libexec/toyisa/NAME runs; see toyisa binfmt --interpreters)")
    String interpreterName;

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
        if (interpreterName != null) return interpret(cl, isa, bytes, registry);
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
                if (registry.emptyNote() != null) err.println("toyisa exec: note: " + registry.emptyNote());
                return Exec.REFUSED_STATUS;
        }
    }

    /** {@code --interpreter NAME}: the file goes straight to that interpreter, under the entry that names it. */
    private int interpret(CommandLine cl, Isa isa, byte[] bytes, BinfmtRegistry registry) {
        Interpreters.Interpreter interpreter = Interpreters.find(interpreterName);
        if (interpreter == null)
            throw InputFile.usage(cl, "toyisa has no interpreter '" + toyisa.isa.Printable.name(interpreterName) + "' (it has: "
                    + String.join(", ", Interpreters.names()) + ")");
        var entry = registry.entries().stream().filter(e -> e.interpreter().equals(interpreterName)).findFirst()
                .or(() -> BinfmtRegistry.defaults().entries().stream().filter(e -> e.interpreter().equals(interpreterName)).findFirst());
        if (entry.isEmpty()) throw InputFile.usage(cl, "no binfmt entry names the interpreter " + interpreterName);
        return interpreter.exec(file.getFileName().toString(), entry.get(), bytes, isa, cl.getOut(), cl.getErr());
    }
}
