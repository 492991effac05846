package toyisa.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import toyisa.isa.Isa;

/**
 * The interpreters a binfmt entry may name, by name — toyisa's counterpart of the paths under
 * {@code /usr/libexec/qemu-binfmt/}. An entry naming anything else cannot run.
 */
final class Interpreters {
    /** Runs a foreign file on a host machine and returns the exit status. */
    interface Interpreter {
        /** Runs the file as {@code toyisa exec} would, with standard input, live output and a crash report. */
        int run(byte[] file, Isa host, PrintWriter out, PrintWriter err);

        /**
         * Runs the file as {@code toyisa exec} hands it over: its name (the path the kernel passes as the
         * interpreter's argument) and the entry that matched it. By default, as {@link #run}.
         */
        default int exec(String fileName, toyisa.vm.exec.BinfmtEntry entry, byte[] file, Isa host, PrintWriter out, PrintWriter err) {
            return run(file, host, out, err);
        }

        /** Runs the file for {@code toyisa demo}: output and what the interpreter did, indented, no input. */
        int demo(byte[] file, Isa host, PrintWriter out, PrintWriter err);

        /**
         * The machine this interpreter runs on when the kernel hands it a file (an emulator: the
         * CPU it translates to); Armistice for one that runs on either. An interpreter added here
         * for another host must say so.
         */
        default Isa host() {
            return Isa.byName("armistice");
        }
    }

    private static final Map<String, Interpreter> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put(EmulateCommand.INTERPRETER, EmulateCommand.BINFMT); // Intellio on Armistice, by translation
        BY_NAME.put(EmulateCommand.ARMISTICE_INTERPRETER, EmulateCommand.ARMISTICE_BINFMT); // Armistice on Intellio
        BY_NAME.put(toyisa.vm.exec.BinfmtRegistry.WOZ_INTERPRETER, WozInterpreter.INSTANCE); // .woz fat binaries
    }

    private Interpreters() {}

    static Interpreter find(String name) {
        return BY_NAME.get(name);
    }

    /** The names of toyisa's interpreters, each installable as PREFIX/libexec/toyisa/NAME (scripts/install-binfmt). */
    static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }
}
