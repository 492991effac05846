package toyisa.vm.exec;

import toyisa.container.Fat;
import toyisa.container.FormatException;
import toyisa.container.Txf;
import toyisa.isa.Isa;
import toyisa.vm.Loader;
import toyisa.vm.Program;

/**
 * What {@code exec} does with a file on a machine (isa.md section 5), in this order:
 * <ol>
 *   <li>a TXF file for this machine runs natively;</li>
 *   <li>a fat file runs its slice for this machine;</li>
 *   <li>otherwise the first enabled binfmt entry that matches hands the file to its interpreter;</li>
 *   <li>otherwise a TXF file for another machine (or a fat file without our slice) is refused with
 *       <em>exec format error</em> and nothing runs;</li>
 *   <li>a raw file just runs — and misdecodes if it was built for the other CPU.</li>
 * </ol>
 */
public final class Exec {
    private Exec() {}

    /** What to do; exactly one of {@code program}, {@code entry} or {@code message} is meaningful per kind. */
    public record Plan(Kind kind, Program program, BinfmtEntry entry, byte[] file, String message) {
        public enum Kind {
            /** Run {@link #program()} on this machine's CPU. */
            NATIVE,
            /** Hand {@link #file()} (the whole file, or the matching fat slice) to {@link #entry()}'s interpreter. */
            INTERPRETER,
            /** Refused: {@link #message()} says why (exec format error). Exit status 126, like a shell. */
            REFUSED
        }
    }

    /** Exit status of a refused exec (a shell's "cannot execute"). */
    public static final int REFUSED_STATUS = 126;

    public static Plan decide(byte[] file, String fileName, Isa machine, BinfmtRegistry registry) {
        try {
            // One rule for a corrupt container, whatever the machine: exec format error, naming the file.
            if (Txf.isTxf(file)) Txf.read(file);
            if (Fat.isFat(file)) for (byte[] slice : Fat.slices(file)) Txf.read(slice);
            if (Txf.isTxf(file)) {
                if (Txf.machineOf(file) == machine.machine())
                    return new Plan(Plan.Kind.NATIVE, Loader.load(file, machine), null, null, null);
                BinfmtEntry e = registry.match(file, fileName);
                if (e != null) return new Plan(Plan.Kind.INTERPRETER, null, e, file, null);
                return refuse(fileName + ": exec format error: a TXF file for " + Loader.machineName(Txf.machineOf(file))
                        + " cannot run on " + machine.name() + " (no enabled binfmt entry matches it)");
            }
            if (Fat.isFat(file)) {
                if (Loader.sliceFor(file, machine.machine()) != null)
                    return new Plan(Plan.Kind.NATIVE, Loader.load(file, machine), null, null, null);
                for (byte[] slice : Fat.slices(file)) {
                    BinfmtEntry e = registry.match(slice, fileName);
                    if (e != null) return new Plan(Plan.Kind.INTERPRETER, null, e, slice, null);
                }
                return refuse(fileName + ": exec format error: the fat file has no slice for " + machine.name()
                        + " (it has: " + Loader.describeSlices(file) + ") and no enabled binfmt entry matches");
            }
            BinfmtEntry e = registry.match(file, fileName);
            if (e != null) return new Plan(Plan.Kind.INTERPRETER, null, e, file, null);
            return new Plan(Plan.Kind.NATIVE, Loader.load(file, machine), null, null, null);
        } catch (FormatException e) {
            return refuse(fileName + ": exec format error: " + e.getMessage());
        }
    }

    private static Plan refuse(String message) {
        return new Plan(Plan.Kind.REFUSED, null, null, null, message);
    }
}
