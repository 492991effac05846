package toyisa.jit;

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
        long compiled = 0, compiledInstructions = 0, deoptimisations = 0, invalidated = 0;
        for (int i = 0; i < PROGRAMS; i++) {
            long seed = rnd.nextLong();
            boolean smc = i % 4 == 3;
            byte[] p = RandomCode.generate(isa, seed, smc);
            long budget = 1 + rnd.nextInt(i % 10 == 0 ? 20_000 : 3_000);
            Jit.Options o = Jit.Options.DEFAULT.withThreshold(1 + rnd.nextInt(3));
            Jit.Stats s = SameRun.check(cpu, "seed " + seed + (smc ? " (self-modifying)" : "") + " budget " + budget, p, budget, o);
            compiled += s.compiled();
            compiledInstructions += s.compiledInstructions();
            deoptimisations += s.deoptimisations();
            invalidated += s.invalidated();
        }
        System.out.printf(java.util.Locale.ROOT, "%s: %,d programs agree; %,d regions compiled, %,d guest instructions run compiled, %,d deoptimisations, %,d invalidations%n",
                cpu, PROGRAMS, compiled, compiledInstructions, deoptimisations, invalidated);
        // The comparison means something only if compiled code really ran, deoptimised and was invalidated.
        assertTrue(compiled > PROGRAMS / 2, "regions compiled: " + compiled);
        assertTrue(compiledInstructions > 10L * PROGRAMS, "instructions run compiled: " + compiledInstructions);
        assertTrue(deoptimisations > 0, "deoptimisations: " + deoptimisations);
        assertTrue(invalidated > 0, "invalidations: " + invalidated);
    }

    /**
     * A loop longer than a region runs as regions that call one another (chaining); a budget may end
     * anywhere in the chain; and with a store into the loop's own code on each round, the region
     * holding those bytes is dropped and every link to it cleared while the others stay linked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void aLoopLongerThanARegionChainsAndRunsExactlyAsInterpreted(String cpu) {
        for (boolean smc : new boolean[] {false, true}) {
            StringBuilder src = new StringBuilder("start:  mov b, 0\n        mov d, 300\n        load c, [patch]\nagain:\n");
            for (int i = 0; i < 100; i++) src.append("        add b, 1\n");
            if (smc) src.append("        store [patch], c\n");
            for (int i = 0; i < 100; i++) src.append("        add b, 1\n");
            src.append("patch:  add b, 1\n");
            for (int i = 0; i < 50; i++) src.append("        add b, 1\n");
            src.append("        sub d, 1\n        cmp d, 0\n        jnz again\n        mov a, 10h\n        mov c, b\n        int 13h\n        halt\n");
            toyisa.asm.Assembly asm = toyisa.asm.Assembler.assemble("long.pasm", src.toString(), Isa.byName(cpu));
            assertTrue(asm.ok(), asm::formatDiagnostics);
            Jit.Options o = Jit.Options.DEFAULT.withThreshold(1);
            Jit.Stats s = SameRun.check(cpu, "long loop" + (smc ? ", self-modifying" : ""), asm.binary(), 1_000_000, o);
            assertTrue(s.chainedEntries() > 100, "chained calls: " + s);
            if (smc) assertTrue(s.invalidated() >= 299, "invalidations: " + s);
            for (long budget = 1; budget < 3_000; budget += 13) SameRun.check(cpu, "long loop, budget " + budget, asm.binary(), budget, o);
        }
    }

    /**
     * Compiled stores read the marks of pre-decoded code only inside the window of marked addresses:
     * bytes and words stored (back, unchanged) across the end of the decoded code, which grows as the
     * rest of the program is decoded, a word's second byte included. Each store into code still
     * stops before the instruction and drops what was compiled from those bytes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void storesAcrossTheEndOfDecodedCodeRunExactlyAsInterpreted(String cpu) {
        String src = """
                start:  mov d, 30
                outer:  mov b, tail - 10
                bytes:  loadb c, [b + 0]
                        storeb [b + 0], c
                        add b, 1
                        cmp b, tail + 12
                        jb bytes
                        mov b, tail - 10
                words:  load c, [b + 0]
                        store [b + 0], c
                        add b, 2
                        cmp b, tail + 12
                        jb words
                        sub d, 1
                        cmp d, 0
                        jnz outer
                tail:   mov a, 10h
                        mov c, d
                        int 13h
                        halt
                """;
        if (cpu.equals("intellio")) src = src.replace("        mov b, tail - 10\nwords:", "        mov b, tail - 9\nwords:"); // odd: unaligned words
        toyisa.asm.Assembly asm = toyisa.asm.Assembler.assemble("window.pasm", src, Isa.byName(cpu));
        assertTrue(asm.ok(), asm::formatDiagnostics);
        for (int threshold : new int[] {1, 3}) {
            Jit.Options o = Jit.Options.DEFAULT.withThreshold(threshold);
            Jit.Stats s = SameRun.check(cpu, "stores across the end of code, threshold " + threshold, asm.binary(), 1_000_000, o);
            assertTrue(s.deoptimisations() > 0 && s.compiledInstructions() > 100, "compiled code ran and stopped before stores into code: " + s);
            for (long budget = 1; budget < 2_000; budget += 7) SameRun.check(cpu, "stores across the end of code, budget " + budget, asm.binary(), budget, o);
        }
    }

    /**
     * A block that loops on itself with add r, k / cmp r, bound / jb runs a second copy whose add is
     * not masked when bound + k <= 10000h: bounds and steps on both sides of that line (a sum that
     * wraps past FFFFh and loops on), in registers and as constants, with budgets ending anywhere.
     */
    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void countedLoopsNearTheTopOfTheAddressSpaceRunExactlyAsInterpreted(String cpu) {
        int[][] cases = { // start, bound, step
            {0, 0x8000, 7}, {0, 0xFFF0, 0x10}, {0, 0xFFF1, 0x10}, {2, 0xFFF1, 0x10}, {0xFFFA, 0xFFFE, 10},
            {0xFF00, 0xFFFF, 1}, {5, 3, 1}, {0, 0x1000, 0}, {0x7000, 0x9000, 0xFFFF}};
        for (int[] c : cases) {
            for (boolean registers : new boolean[] {false, true}) {
                String bound = registers ? "c" : Integer.toString(c[1]), step = registers ? "e" : Integer.toString(c[2]);
                String src = "        mov d, 0\n        mov a, 3\n        mov c, " + c[1] + "\n        mov e, " + c[2] + "\n"
                        + "outer:  mov b, " + c[0] + "\n"
                        + "loop:   add d, b\n        add b, " + step + "\n        cmp b, " + bound + "\n        jb loop\n"
                        + "        sub a, 1\n        cmp a, 0\n        jnz outer\n"
                        + "        mov a, 10h\n        mov c, d\n        int 13h\n        halt\n";
                toyisa.asm.Assembly asm = toyisa.asm.Assembler.assemble("counted.pasm", src, Isa.byName(cpu));
                assertTrue(asm.ok(), asm::formatDiagnostics);
                String name = "counted loop from " + Integer.toHexString(c[0]) + " below " + Integer.toHexString(c[1]) + " by " + Integer.toHexString(c[2])
                        + (registers ? " (registers)" : "");
                Jit.Options o = Jit.Options.DEFAULT.withThreshold(2);
                SameRun.check(cpu, name, asm.binary(), 300_000, o);
                for (long budget = 1; budget < 600; budget += 5) SameRun.check(cpu, name + ", budget " + budget, asm.binary(), budget, o);
            }
        }
    }

    /**
     * A counted loop's proven copy does its loads and stores unchecked once a test at the loop's entry
     * has shown that no pass to come can fault or store into code. Here the loop walks memory through
     * its counter b and a second induction f: into the null page and past FFFFh (faults), across a
     * displacement that wraps, over odd addresses (words fault on Armistice only), onto its own code
     * (each store there stops before the instruction), with zero, odd and register steps, entered at
     * or past its bound, and with budgets ending anywhere, the proof's room for every pass included.
     */
    /** What a loop of the tests below does to [b + X] (before b's add) and [f + Y] (after f's). */
    private static final String[] ACCESSES = {
        "loadb fp, [b + X]\n        add d, fp\n",
        "load fp, [b + X]\n        add d, fp\n",
        "loadb fp, [b + X]\n        storeb [b + X], fp\n",
        "load fp, [b + X]\n        store [b + X], fp\n        add d, fp\n",
        "storeb [b + X], d\n",
        "store [b + X], d\n",
    };

    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void countedLoopsThatTouchMemoryRunExactlyAsInterpreted(String cpu) {
        int[][] cases = { // b from, below, by, X, f from, Y
            {0x4000, 0x4100, 1, 0, 0x100, 0x4000}, {0x4000, 0x4100, 2, 0, 0x100, 0x4000}, {0, 0x40, 2, 0x4000, 0, 0x5000},
            {0x10, 0x90, 4, 0xC0, 0x100, 0x4000}, {0x10, 0x90, 4, 0x100, 0x100, 0xFFFE}, {0xFF00, 0xFFFF, 1, 0x40, 0x4000, 0},
            {0xFF00, 0xFFF8, 2, 0x10, 0x4000, 0}, {0x4001, 0x4100, 2, 0, 0x4001, 0}, {0x4000, 0x4100, 3, 0, 0x3000, 1},
            {0x100, 0x180, 2, 0, 0x4000, 0}, {0x4000, 0x6000, 0x400, 0xFFFE, 0x7000, 0xFFFE}, {5, 3, 1, 0x4000, 0x4000, 0},
            {0x4000, 0x4100, 0, 0, 0x4000, 0}, {0x4000, 0x4800, 16, 0x10, 0xFFC0, 0x20}, {0xFFF0, 0xFFF8, 0x10, 0, 0x4000, 0}, {0x4000, 0x4010, 2, 0, 0xFFF0, 0xFFFE}};
        Isa isa = Isa.byName(cpu);
        for (int[] c : cases) {
            for (String access : ACCESSES) {
                for (boolean registers : new boolean[] {false, true}) {
                    String bound = registers ? "c" : Integer.toString(c[1]), step = registers ? "e" : Integer.toString(c[2]);
                    String src = "        mov d, 7\n        mov a, 3\n        mov c, " + c[1] + "\n        mov e, " + c[2] + "\n"
                            + "outer:  mov b, " + c[0] + "\n        mov f, " + c[4] + "\n"
                            + "loop:   " + access.replace("X", Integer.toString(c[3]))
                            + "        add b, " + step + "\n"
                            + "        " + access.replace("b + X", "f + Y").replace("Y", Integer.toString(c[5]))
                            + "        add f, 2\n        cmp b, " + bound + "\n        jb loop\n"
                            + "        sub a, 1\n        cmp a, 0\n        jnz outer\n"
                            + "        mov a, 10h\n        mov c, d\n        int 13h\n        halt\n";
                    toyisa.asm.Assembly asm = toyisa.asm.Assembler.assemble("memory.pasm", src, isa);
                    assertTrue(asm.ok(), asm::formatDiagnostics);
                    String name = "loop from " + Integer.toHexString(c[0]) + " below " + Integer.toHexString(c[1]) + " by " + Integer.toHexString(c[2])
                            + (registers ? " (registers)" : "") + ", f from " + Integer.toHexString(c[4]) + ": " + access.strip().replace('\n', ';');
                    for (int threshold : new int[] {1, 2}) {
                        Jit.Options o = Jit.Options.DEFAULT.withThreshold(threshold);
                        SameRun.check(cpu, name, asm.binary(), 100_000, o);
                        for (long budget = 1 + threshold; budget < 400; budget += 9) SameRun.check(cpu, name + ", budget " + budget, asm.binary(), budget, o);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void boundedLoopsThatTouchMemoryRunExactlyAsInterpreted(String cpu) {
        String[] shapes = { // one block that leaves on a count it does not add to, f moving or not; two blocks, f moving on odd passes only
            "loop:   ACCESS        add b, STEP\n        FACCESS        add f, 2\n        sub e, 1\n        test e, e\n        jnz loop\n",
            "loop:   ACCESS        add b, STEP\n        FACCESS        sub e, 1\n        test e, e\n        jnz loop\n",
            "loop:   ACCESS        add b, STEP\n        test e, 1\n        jz even\n        FACCESS        add f, 2\n"
                + "even:   sub e, 1\n        cmp e, 0\n        jnz loop\n",
        };
        int[][] cases = { // b from, by, X, f from, Y, passes
            {0x4000, 1, 0, 0x100, 0x4000, 0x100}, {0x4000, 2, 0, 0x100, 0x4000, 0x80}, {0, 2, 0x4000, 0, 0x5000, 0x20},
            {0x10, 4, 0xC0, 0x100, 0x4000, 0x30}, {0x10, 4, 0x100, 0x100, 0xFFFE, 0x20}, {0xFF00, 1, 0x40, 0x4000, 0, 0x100},
            {0xFF00, 2, 0x10, 0x4000, 0, 0x80}, {0x4001, 2, 0, 0x4001, 0, 0x40}, {0x4000, 3, 0, 0x3000, 1, 0x50},
            {0x100, 2, 0, 0x4000, 0, 0x40}, {0x4000, 0x400, 0xFFFE, 0x7000, 0xFFFE, 0x30}, {0x4000, 0, 0, 0x4000, 0, 0x10},
            {0x4000, 16, 0x10, 0xFFC0, 0x20, 0x100}, {0xFFF0, 0x10, 0, 0x4000, 0, 4}, {0x4000, 2, 0, 0xFFF0, 0xFFFE, 0x20},
            {0x4000, 2, 0, 0xFFF0, 0x20, 0x20}, {0x4000, 2, 0, 0xFFFF, 0, 0x20}, {0x4000, 2, 0, 0x100, 0x30, 0x20}};
        Isa isa = Isa.byName(cpu);
        for (int[] c : cases) {
            for (String shape : shapes) {
                for (String access : ACCESSES) {
                    for (boolean register : new boolean[] {false, true}) {
                        String step = register ? "c" : Integer.toString(c[1]);
                        String src = "        mov d, 7\n        mov a, 3\n        mov c, " + c[1] + "\n"
                                + "outer:  mov b, " + c[0] + "\n        mov f, " + c[3] + "\n        mov e, " + c[5] + "\n"
                                + shape.replace("FACCESS", access.replace("b + X", "f + Y").replace("Y", Integer.toString(c[4])))
                                        .replace("ACCESS", access.replace("X", Integer.toString(c[2]))).replace("STEP", step)
                                + "        sub a, 1\n        cmp a, 0\n        jnz outer\n"
                                + "        mov a, 10h\n        mov c, d\n        int 13h\n        halt\n";
                        toyisa.asm.Assembly asm = toyisa.asm.Assembler.assemble("bounded.pasm", src, isa);
                        assertTrue(asm.ok(), asm::formatDiagnostics);
                        String name = "loop from " + Integer.toHexString(c[0]) + " by " + Integer.toHexString(c[1]) + (register ? " (register)" : "")
                                + ", f from " + Integer.toHexString(c[3]) + ", " + c[5] + " passes, " + (shape == shapes[2] ? "two blocks" : shape == shapes[1] ? "one block, f fixed" : "one block")
                                + ": " + access.strip().replace('\n', ';');
                        for (int threshold : new int[] {1, 2}) {
                            Jit.Options o = Jit.Options.DEFAULT.withThreshold(threshold);
                            SameRun.check(cpu, name, asm.binary(), 100_000, o);
                            for (long budget = 1 + threshold; budget < 400; budget += 29) SameRun.check(cpu, name + ", budget " + budget, asm.binary(), budget, o);
                        }
                    }
                }
            }
        }
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
