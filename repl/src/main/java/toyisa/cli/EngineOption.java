package toyisa.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import toyisa.vm.Engine;
import toyisa.vm.Execution;

/**
 * The {@code --engine} option of the commands that run guest code: {@code interpreter} or
 * {@code jit} ({@code emulate} runs its host code on the one named). Anything else is a usage error
 * that lists the engines.
 */
final class EngineOption implements CommandLine.ITypeConverter<Engine> {
    /** The engines {@code --engine} names. */
    static final List<Engine> KNOWN = List.of(Engine.INTERPRETER, Engine.JIT);

    @Override
    public Engine convert(String label) {
        Engine e = Engine.byLabel(label);
        if (e == null || !KNOWN.contains(e)) throw new Unknown("unknown engine '" + label + "' (known: " + Engine.labels(KNOWN) + ")");
        return e;
    }

    /** The usage error, said as it is (without picocli's "Invalid value for option" before it). */
    static final class Unknown extends CommandLine.TypeConversionException {
        Unknown(String message) {
            super(message);
        }
    }

    /** Says on {@code err} why the interpreter runs a program the jit was asked for. */
    static void warnIfOff(Execution e, PrintWriter err) {
        if (e.spec().engine().jit() && !e.jitAttached())
            err.println("toyisa: the jit engine is turned off (TOYISA_JIT=off): the interpreter runs the program");
    }
}
