package toyisa.translate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import toyisa.intellio.Intellio;

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
        Differential.Agreed got = Differential.agree(Intellio.ISA, seed, program, BUDGET, INPUT, jit);
        invalidations += got.stats().invalidations();
        return got.outcome();
    }
}
