package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import toyisa.armistice.Armistice;
import toyisa.jit.RandomCode;

/**
 * The other direction's bar: a random Armistice program, interpreted on Armistice and translated
 * onto Intellio, ends the same way — outcome, exit status, output, instruction count, PC, registers,
 * flags, the fault or hang report, and all 64 KiB of memory. The programs are the jit's random
 * loops of every Armistice form (a quarter of them storing into their own code), with a random
 * budget each; and random bytes.
 *
 * <p>CI runs {@value #DEFAULT_TRIES} programs on the host's interpreter and as many on the jit engine;
 * {@code -Dtoyisa.differential.armistice.tries=1000000} runs that many more (seeds 0, 1, 2, ...).
 */
class ArmisticeDifferentialTest {
    static final int DEFAULT_TRIES = 10_000;
    static final String INPUT = "7\nxy\n65535\n";

    @Property(tries = DEFAULT_TRIES, shrinking = ShrinkingMode.OFF)
    void translatedRunsLikeTheInterpreter(@ForAll long seed) {
        check(seed, false);
    }

    /** The host code on the jit engine (compiled on first entry): Armistice code as Intellio code as JVM bytecode. */
    @Property(tries = DEFAULT_TRIES, shrinking = ShrinkingMode.OFF)
    void translatedOnTheJitRunsLikeTheInterpreter(@ForAll long seed) {
        check(seed, true);
    }

    /** Any bytes at all: the guest decodes them as the Armistice interpreter does, faults where it faults. */
    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void randomBytesRunLikeTheInterpreter(@ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] b = new byte[4 * (1 + rnd.nextInt(40))];
        rnd.nextBytes(b);
        check(seed, b, 1 + rnd.nextInt(3000), rnd.nextBoolean());
    }

    /** The misdecode: Intellio's Print(42) handed to this emulator is read as Armistice reads it, and dies as it dies there. */
    @org.junit.jupiter.api.Test
    void anIntellioBinaryIsMisdecodedAsTheArmisticeInterpreterMisdecodesIt() {
        byte[] intellioPrint42 = {0x20, 0x10, 0x22, 0x2A, (byte) 0xCD, 0x13, (byte) 0xF4};
        assertEquals("FAULT ILLEGAL_INSTRUCTION", check(0, intellioPrint42, 10_000, false));
        assertEquals("FAULT ILLEGAL_INSTRUCTION", check(0, intellioPrint42, 10_000, true));
        Emulator.Result r = Emulator.run(intellioPrint42, Emulator.options().guest(Armistice.ISA).log(true));
        org.junit.jupiter.api.Assertions.assertTrue(r.log().contains("0100h  20 10 22 2A  and r10, 1022h"), r.log());
    }

    /**
     * A loop that rewrites the constant of one of its own instructions every time round: each
     * iteration invalidates its block and translates it again, until the code cache is full and
     * flushed, many times over. The run still ends as on the interpreter.
     */
    @org.junit.jupiter.api.Test
    void aCodeCacheThatFillsUpIsFlushedAndTheRunGoesOn() {
        String source = String.join("\n",
                "        mov d, 0",
                "again:  mov b, here",
                "        store [b + 2], d     ; the constant of the mov below",
                "here:   mov c, 0",
                "        add d, 1",
                "        cmp d, 30000",
                "        jnz again",
                "        mov a, 10h",
                "        int 13h",
                "        halt",
                "");
        toyisa.asm.Assembly asm = toyisa.asm.Assembler.assemble("rewrite.pasm", source, Armistice.ISA);
        org.junit.jupiter.api.Assertions.assertTrue(asm.ok(), asm::formatDiagnostics);
        assertEquals("HALT", check(0, asm.binary(), 1_000_000, false));
        Emulator.Result r = Emulator.run(asm.binary(), Emulator.options().guest(Armistice.ISA).budget(1_000_000));
        assertEquals("29999\n", r.result().output());
        // 30 000 translations of a block of dozens of bytes: far more than the 64 KiB of host code.
        org.junit.jupiter.api.Assertions.assertTrue(r.stats().invalidations() >= 29_999, "invalidations: " + r.stats().invalidations());
        org.junit.jupiter.api.Assertions.assertTrue(r.stats().blocksTranslated() >= 30_000, "translations: " + r.stats().blocksTranslated());
    }

    /**
     * The longer run, on demand: {@code -Dtoyisa.differential.armistice.tries=N} programs from seed
     * {@code -Dtoyisa.differential.armistice.from} (0) up, on the host's interpreter, or with
     * {@code -Dtoyisa.differential.armistice.jit=true} on the jit engine.
     */
    @org.junit.jupiter.api.Test
    void longerRunOnDemand() {
        long n = Long.getLong("toyisa.differential.armistice.tries", 0);
        long from = Long.getLong("toyisa.differential.armistice.from", 0);
        boolean jit = Boolean.getBoolean("toyisa.differential.armistice.jit");
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (long seed = from; seed < from + n; seed++) outcomes.merge(check(seed, jit), 1, Integer::sum);
        if (n > 0) System.out.println(n + " Armistice programs agree (seeds " + from + " to " + (from + n - 1) + (jit ? ", on the jit" : "")
                + "); outcomes: " + outcomes + "; invalidations: " + invalidations);
    }

    static long invalidations;

    /** A program of the seed: a quarter store into their own code; the budget is random too. */
    static String check(long seed, boolean jit) {
        Random rnd = new Random(seed ^ 0x5DEECE66DL);
        byte[] program = RandomCode.generate(Armistice.ISA, seed, Math.floorMod(seed, 4) == 0);
        long budget = rnd.nextInt(8) == 0 ? rnd.nextInt(60) : 1 + rnd.nextInt(4000);
        return check(seed, program, budget, jit);
    }

    static String check(long seed, byte[] program, long budget, boolean jit) {
        Differential.Agreed got = Differential.agree(Armistice.ISA, seed, program, budget, INPUT, jit);
        invalidations += got.stats().invalidations();
        return got.outcome();
    }
}
