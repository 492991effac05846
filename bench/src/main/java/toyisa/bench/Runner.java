package toyisa.bench;

import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
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
     * {@code engine}. The translated engine runs Intellio guests only.
     */
    public static Runner prepare(BenchProgram program, String cpu, Engine engine, int repeat) {
        Isa isa = Isa.byName(cpu);
        if (isa == null) throw new IllegalArgumentException("unknown CPU '" + cpu + "' (known: armistice, intellio)");
        byte[] binary = program.assemble(isa, repeat);
        switch (engine) {
            case INTERPRETER:
                return new Interpreted(program, isa.name().toLowerCase(java.util.Locale.ROOT), repeat, Machine.create(isa), binary);
            case TRANSLATED:
            case TRANSLATED_JIT:
                return Translated.prepare(program, isa, repeat, binary, engine == Engine.TRANSLATED_JIT);
            case JIT: {
                Machine m = Machine.create(isa);
                if (toyisa.jit.Jit.attach(m, toyisa.jit.Jit.Options.DEFAULT) == null)
                    throw new IllegalArgumentException("the jit engine is turned off (TOYISA_JIT=off)");
                return new Interpreted(program, isa.name().toLowerCase(java.util.Locale.ROOT), repeat, m, binary, Engine.JIT);
            }
            default:
                throw new AssertionError(engine);
        }
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
        private final Machine machine;
        private final byte[] binary;

        private final Engine engine;

        Interpreted(BenchProgram program, String cpu, int repeat, Machine machine, byte[] binary) {
            this(program, cpu, repeat, machine, binary, Engine.INTERPRETER);
        }

        Interpreted(BenchProgram program, String cpu, int repeat, Machine machine, byte[] binary, Engine engine) {
            super(program, cpu, repeat);
            this.machine = machine;
            this.binary = binary;
            this.engine = engine;
        }

        @Override
        public long run() {
            machine.loadRaw(binary);
            machine.setBudget(Long.MAX_VALUE);
            last = machine.run();
            return last.steps();
        }

        @Override
        public long hostInstructions() {
            return last == null ? 0 : last.steps();
        }

        @Override
        public Engine engine() {
            return engine;
        }
    }
}
