package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import toyisa.intellio.Intellio;
import toyisa.vm.Jit;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/**
 * The translator's bar: a random Intellio program, interpreted on Intellio and translated onto
 * Armistice, ends the same way — outcome, exit status, output, instruction count, PC, registers,
 * flags, the fault or hang report, and all 64 KiB of memory.
 *
 * <p>CI runs {@value #DEFAULT_TRIES} programs; {@code -Dtoyisa.differential.tries=100000} runs that many more
 * (seeds 0, 1, 2, ...) and prints how they ended; with {@code -Dtoyisa.differential.selfModifying=true} they
 * are programs that store into their own code often.
 */
class DifferentialTest {
    static final int DEFAULT_TRIES = 3000;
    static final long BUDGET = 3000;
    static final String INPUT = "7\nxy\n65535\n";

    @Property(tries = DEFAULT_TRIES, shrinking = ShrinkingMode.OFF)
    void translatedRunsLikeTheInterpreter(@ForAll long seed) {
        check(seed);
    }

    /** Programs that keep rewriting their own code: the translations must follow the bytes. */
    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void selfModifyingCodeRunsLikeTheInterpreter(@ForAll long seed) {
        check(seed, RandomPrograms.generateSelfModifying(seed));
    }

    /** The same with the host code on the jit engine (compiled on first entry): Intellio code as Armistice code as JVM bytecode. */
    @Property(tries = DEFAULT_TRIES, shrinking = ShrinkingMode.OFF)
    void translatedOnTheJitRunsLikeTheInterpreter(@ForAll long seed) {
        check(seed, RandomPrograms.generate(seed), true);
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void selfModifyingCodeOnTheJitRunsLikeTheInterpreter(@ForAll long seed) {
        check(seed, RandomPrograms.generateSelfModifying(seed), true);
    }

    /** The longer run, on demand: {@code -Dtoyisa.differential.tries=100000} more programs from seed 0 up. */
    @org.junit.jupiter.api.Test
    void longerRunOnDemand() {
        long n = Long.getLong("toyisa.differential.tries", 0);
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        boolean smc = Boolean.getBoolean("toyisa.differential.selfModifying");
        long from = Long.getLong("toyisa.differential.from", 0);
        for (long seed = from; seed < from + n; seed++)
            outcomes.merge(check(seed, smc ? RandomPrograms.generateSelfModifying(seed) : RandomPrograms.generate(seed)), 1, Integer::sum);
        if (n > 0) System.out.println(n + " programs agree; outcomes: " + outcomes + "; translations invalidated by self-modifying code: " + invalidations);
    }

    static long invalidations;

    static String check(long seed) {
        return check(seed, RandomPrograms.generate(seed));
    }

    static String check(long seed, byte[] program) {
        return check(seed, program, false);
    }

    static String check(long seed, byte[] program, boolean jit) {
        Machine m = Machine.create(Intellio.ISA);
        m.loadRaw(program);
        m.setBudget(BUDGET);
        m.setInput(INPUT);
        m.setOutputCap(200);
        RunResult want = m.run();
        Emulator.Result got;
        try {
            Emulator.Options o = Emulator.options().budget(BUDGET).input(INPUT).outputCap(200);
            if (jit) o.onHost(cpu -> Jit.attach(cpu, Jit.Options.DEFAULT.withThreshold(1)));
            got = Emulator.run(program, o);
        } catch (RuntimeException e) {
            java.io.StringWriter w = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(w));
            throw new AssertionError("seed " + seed + ": the emulator threw " + w, e);
        }
        RunResult r = got.result();
        String where = "seed " + seed + (jit ? " on the jit" : "") + " (" + want.outcome() + ")";
        assertEquals(want.outcome(), r.outcome(), where + ": outcome");
        assertEquals(want.exitStatus(), r.exitStatus(), where + ": exit status");
        assertEquals(want.output(), r.output(), where + ": output");
        assertEquals(want.steps(), r.steps(), where + ": guest instructions");
        assertEquals(want.state().toString(), r.state().toString(), where + ": final state");
        assertEquals(want.report(), r.report(), where + ": report");
        assertArrayEquals(m.readMemory(0, 0x10000), got.memory(), where + ": memory");
        invalidations += got.stats().invalidations();
        return want.outcome() + (want.fault() != null ? " " + want.fault().fault() : "");
    }
}
