package toyisa.bench;

import toyisa.isa.Isa;
import toyisa.vm.Engine;
import toyisa.vm.Execution;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Run;
import toyisa.vm.RunResult;

/**
 * One suite program, assembled for one CPU and engine, ready to be run many times. Each
 * {@link #run()} loads the binary afresh (memory, registers and pre-decoded code reset) and runs it to
 * the end, so every run does the same work; the caller times it.
 */
public abstract class Runner {
    final BenchProgram program;
    final String cpu;
    final int repeat;
    RunResult last;

    Runner(BenchProgram program, String cpu, int repeat) {
        this.program = program;
        this.cpu = cpu;
        this.repeat = repeat;
    }

    /**
     * Assembles {@code program} with {@code repeat} repetitions for {@code cpu} and prepares it for
     * {@code engine}.
     */
    public static Runner prepare(BenchProgram program, String cpu, Engine engine, int repeat) {
        Isa isa = Isa.byName(cpu);
        if (isa == null) throw new IllegalArgumentException("unknown CPU '" + cpu + "' (known: armistice, intellio)");
        Run run = Run.raw(isa, program.assemble(isa, repeat)).engine(engine).budget(Long.MAX_VALUE);
        if (engine.translated()) return Translated.prepare(program, run, repeat);
        Execution e = run.start();
        if (engine.jit() && !e.jitAttached()) throw new IllegalArgumentException("the jit engine is turned off (TOYISA_JIT=off)");
        return new Interpreted(program, isa.name().toLowerCase(java.util.Locale.ROOT), repeat, e);
    }

    /** Loads the binary afresh and runs it to the end; returns the guest instructions it executed. */
    public abstract long run();

    /**
     * Host instructions the last run executed: the same as the guest instructions for an
     * interpreter; for the translator, the Armistice instructions its translated code executed.
     */
    public abstract long hostInstructions();

    public BenchProgram program() {
        return program;
    }

    public String cpu() {
        return cpu;
    }

    public abstract Engine engine();

    public int repeat() {
        return repeat;
    }

    /** The last run's result. */
    public RunResult last() {
        return last;
    }

    /**
     * Fails unless the last run halted normally and printed exactly the program's checked result:
     * a benchmark that computes the wrong thing measures nothing.
     */
    public void check() {
        if (last == null) throw new IllegalStateException("nothing has run yet");
        String where = program.name() + " on " + cpu + " (" + engine().label() + ", repeat " + repeat + ")";
        if (last.outcome() != Outcome.HALT)
            throw new IllegalStateException(where + " ended with " + last.outcome() + " instead of halting:\n" + last.report());
        if (!last.output().equals(program.expected()))
            throw new IllegalStateException(where + " printed '" + last.output().strip() + "', expected '" + program.expected().strip() + "'");
    }

    /** The CPU's interpreter, {@link Machine#run()} (the fast loop), or the jit engine attached to it. */
    static final class Interpreted extends Runner {
        private final Execution execution;

        Interpreted(BenchProgram program, String cpu, int repeat, Execution execution) {
            super(program, cpu, repeat);
            this.execution = execution;
        }

        @Override
        public long run() {
            // The same machine each time: the jit keeps what it compiled, as a long-running host would.
            Machine m = execution.machine();
            m.load(execution.spec().program());
            last = m.run();
            return last.steps();
        }

        @Override
        public long hostInstructions() {
            return last == null ? 0 : last.steps();
        }

        @Override
        public Engine engine() {
            return execution.spec().engine();
        }
    }
}
