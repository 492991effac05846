package toyisa.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toyisa.isa.Isa;

/**
 * The jit engine against the interpreter, on both CPUs: random looping programs (self-modifying
 * ones too), random bytes, and budgets that end anywhere, inside compiled regions included.
 * {@code -Dtoyisa.jit.programs=N} runs N programs per CPU instead of 10,000, and
 * {@code -Dtoyisa.jit.cpu=intellio} (or armistice) only that CPU's.
 */
class JitDifferentialTest {
    static final int PROGRAMS = Integer.getInteger("toyisa.jit.programs", 10_000);

    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void randomProgramsRunExactlyAsInterpreted(String cpu) {
        Assumptions.assumeTrue(System.getProperty("toyisa.jit.cpu", cpu).equals(cpu), "only " + System.getProperty("toyisa.jit.cpu"));
        Isa isa = Isa.byName(cpu);
        Random rnd = new Random(20261201);
        long compiled = 0, compiledInstructions = 0, bailouts = 0, invalidated = 0, chained = 0;
        for (int i = 0; i < PROGRAMS; i++) {
            long seed = rnd.nextLong();
            boolean smc = i % 4 == 3;
            byte[] p = RandomCode.generate(isa, seed, smc);
            long budget = 1 + rnd.nextInt(i % 10 == 0 ? 20_000 : 3_000);
            Jit.Options o = Jit.Options.DEFAULT.withThreshold(1 + rnd.nextInt(3));
            Jit.Stats s = SameRun.check(cpu, "seed " + seed + (smc ? " (self-modifying)" : "") + " budget " + budget, p, budget, o);
            compiled += s.compiled();
            compiledInstructions += s.compiledInstructions();
            bailouts += s.bailouts();
            invalidated += s.invalidated();
            chained += s.chainedEntries();
        }
        System.out.printf(java.util.Locale.ROOT, "%s: %,d programs agree; %,d regions compiled, %,d guest instructions run compiled, %,d bail-outs, %,d invalidations, %,d chained calls%n",
                cpu, PROGRAMS, compiled, compiledInstructions, bailouts, invalidated, chained);
        // The comparison means something only if compiled code really ran, bailed, was invalidated and chained.
        assertTrue(compiled > PROGRAMS / 2, "regions compiled: " + compiled);
        assertTrue(compiledInstructions > 10L * PROGRAMS, "instructions run compiled: " + compiledInstructions);
        assertTrue(bailouts > 0, "bail-outs: " + bailouts);
        assertTrue(invalidated > 0, "invalidations: " + invalidated);
        assertTrue(chained > 0, "chained calls: " + chained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void aBudgetEndingInsideALoopStopsAtTheSameInstruction(String cpu) {
        byte[] p = RandomCode.generate(Isa.byName(cpu), 7, false);
        for (long budget = 1; budget <= 400; budget++) SameRun.check(cpu, "budget " + budget, p, budget, Jit.Options.DEFAULT.withThreshold(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void aTinyCodeCacheEvictsAndStillAgrees(String cpu) {
        Random rnd = new Random(5);
        long evicted = 0;
        for (int i = 0; i < 300; i++) {
            byte[] p = RandomCode.generate(Isa.byName(cpu), rnd.nextLong(), i % 2 == 0);
            evicted += SameRun.check(cpu, "program " + i, p, 5_000, Jit.Options.DEFAULT.withThreshold(1).withCache(2, 1 << 20)).evicted();
        }
        assertTrue(evicted > 0, "evictions: " + evicted);
    }

    @Property(tries = 2_000)
    void randomBytesRunExactlyAsInterpretedOnArmistice(@ForAll @Size(max = 96) byte[] program) {
        SameRun.check("armistice", "random bytes", program, 2_000, Jit.Options.DEFAULT.withThreshold(1));
    }

    @Property(tries = 2_000)
    void randomBytesRunExactlyAsInterpretedOnIntellio(@ForAll @Size(max = 96) byte[] program) {
        SameRun.check("intellio", "random bytes", program, 2_000, Jit.Options.DEFAULT.withThreshold(1));
    }
}
