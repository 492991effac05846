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
        int run(byte[] file, Isa host, PrintWriter out, PrintWriter err);
    }

    private static final Map<String, Interpreter> BY_NAME = new LinkedHashMap<>();

    private Interpreters() {}

    static Interpreter find(String name) {
        return BY_NAME.get(name);
    }
}
