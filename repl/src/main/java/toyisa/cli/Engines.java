package toyisa.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import toyisa.jit.Jit;
import toyisa.vm.Machine;

/** The {@code --engine} option of the commands that run guest code. */
final class Engines {
    private Engines() {}

    /** True for {@code jit}, false for {@code interpreter}; anything else is a usage error. */
    static boolean jit(CommandLine cl, String engine) {
        switch (engine.toLowerCase(Locale.ROOT)) {
            case "interpreter": return false;
            case "jit": return true;
            default: throw InputFile.usage(cl, "unknown engine '" + engine + "' (known: interpreter, jit)");
        }
    }

    /** Attaches the jit engine, or says on {@code err} why the interpreter runs the program instead. */
    static Jit attach(Machine m, boolean log, PrintWriter err) {
        Jit jit = Jit.attach(m, Jit.Options.DEFAULT.withLog(log));
        if (jit == null) {
            err.println("toyisa: the jit engine is turned off (TOYISA_JIT=off): the interpreter runs the program");
        }
        return jit;
    }
}
