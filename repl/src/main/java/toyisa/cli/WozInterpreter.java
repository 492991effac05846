package toyisa.cli;

import java.io.PrintWriter;
import java.util.Map;
import toyisa.container.FormatException;
import toyisa.container.Woz;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.exec.BinfmtEntry;
import toyisa.vm.exec.BinfmtRegistry;
import toyisa.vm.exec.Exec;

/**
 * The interpreter of the {@code toyisa-woz} entry, toyisa's "wozbin" (seed
 * {@code 004_f8345f1b534d455e.txt}): {@code prog.woz} is a zip holding {@code MACHINE/toyisa/hal-1/prog}
 * per machine; it unpacks the one for the machine it runs on — into memory, never onto disk — and
 * runs it by exec's rules (without binfmt: a slice is run, not handed on again). A zip without that
 * slice is an exec format error; a hostile zip is refused before anything is unpacked.
 */
final class WozInterpreter implements Interpreters.Interpreter {
    static final WozInterpreter INSTANCE = new WozInterpreter();

    private WozInterpreter() {}

    @Override
    public int run(byte[] file, Isa host, PrintWriter out, PrintWriter err) {
        return exec("prog.woz", BinfmtRegistry.wozEntry(), file, host, out, err);
    }

    @Override
    public int exec(String fileName, BinfmtEntry entry, byte[] file, Isa host, PrintWriter out, PrintWriter err) {
        String program = Woz.programName(fileName);
        String machine = host.name().toLowerCase(java.util.Locale.ROOT);
        Map<String, byte[]> files;
        try {
            files = Woz.read(file);
        } catch (FormatException e) {
            err.println("toyisa exec: " + fileName + ": " + e.getMessage() + "; nothing unpacked");
            return Exec.REFUSED_STATUS;
        }
        String wanted = Woz.slicePath(machine, program);
        byte[] slice = files.get(wanted);
        if (slice == null) {
            err.println("toyisa exec: " + fileName + ": exec format error: no slice for " + host.name() + " (wanted " + wanted
                    + "; the zip has: " + String.join(", ", files.keySet()) + ")");
            return Exec.REFUSED_STATUS;
        }
        err.println("toyisa exec: " + fileName + ": binfmt entry " + entry.name() + " (extension ." + entry.extension()
                + ") hands it to " + entry.interpreter() + ", which runs its slice " + wanted + " (" + slice.length + " bytes)");
        err.flush();
        Exec.Plan plan = Exec.decide(slice, wanted, host, BinfmtRegistry.none());
        if (plan.kind() != Exec.Plan.Kind.NATIVE) {
            err.println("toyisa exec: " + fileName + ": " + plan.message());
            return Exec.REFUSED_STATUS;
        }
        return RunCommand.run(host, plan.program(), false, Machine.DEFAULT_BUDGET, Machine.DEFAULT_OUTPUT_CAP, RunLimits.DEFAULT_MAX_TRACE, out, err);
    }

    @Override
    public int demo(byte[] file, Isa host, PrintWriter out, PrintWriter err) {
        return run(file, host, out, err);
    }
}
