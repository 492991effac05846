package toyisa.vm.misdecode;

import java.util.ArrayList;
import java.util.List;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.Program;
import toyisa.vm.RunResult;
import toyisa.vm.Step;

/**
 * The misdecode view: the same bytes run on both CPUs, side by side. It shows the byte stream with
 * each CPU's instruction boundaries, the instructions each executed, the bytes one CPU "ate" as
 * operands where the other saw instructions of their own, and how each run ended. This is the lesson
 * of the whole project in one screen: the bytes are the same, the machine code is not.
 *
 * <p>This is the data; a front end draws it: {@link ComparisonText} as text (the command line, the
 * demo), the browser page as a picture of the bytes and each CPU's instructions.
 */
public final class Comparison {
    /** How many executed instructions are kept for display per CPU. */
    public static final int SHOWN = 40;
    /** Default budget: a comparison is for looking at, not for running long programs. */
    public static final long DEFAULT_BUDGET = 10_000;

    /** One CPU's run over the bytes. */
    public record Run(Isa cpu, List<Step> shown, RunResult result) {}

    private final Program program;
    private final List<Run> runs;

    private Comparison(Program program, List<Run> runs) {
        this.program = program;
        this.runs = runs;
    }

    /** Runs the program's bytes on every CPU (the stepping loop, with a small budget). */
    public static Comparison of(Program program, long budget) {
        List<Run> runs = new ArrayList<>();
        for (Isa isa : Isa.all()) {
            Machine m = Machine.create(isa);
            m.load(program);
            m.setBudget(budget);
            m.setInput(new byte[0]);
            List<Step> shown = new ArrayList<>();
            RunResult r = m.runStepping(null, s -> {
                if (shown.size() < SHOWN) shown.add(s);
            });
            runs.add(new Run(isa, List.copyOf(shown), r));
        }
        return new Comparison(program, List.copyOf(runs));
    }

    /** The bytes that were run. */
    public Program program() {
        return program;
    }

    /** One run per CPU, in the order of {@link Isa#all()}. */
    public List<Run> runs() {
        return runs;
    }

}
