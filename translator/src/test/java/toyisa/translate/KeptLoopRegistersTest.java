package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toyisa.armistice.Armistice;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;

/**
 * A loop of one block that keeps its guest registers in host registers from one round to the next
 * (see {@link RegisterAllocator}): the state page learns what it wrote only on the way out. Wherever
 * the guest stops inside it — the budget in any round, a misaligned word, a divide by zero, a store
 * into its own code — the run still ends exactly as on the Armistice interpreter, on the host's
 * interpreter and on the jit.
 */
class KeptLoopRegistersTest {

    /** The program ends with {@code outcome}, everything agreeing with the interpreter, on the host's interpreter and on the jit. */
    private static void endsAsOnTheInterpreter(String outcome, byte[] program, long budget) {
        assertEquals(outcome, ArmisticeDifferentialTest.check(budget, program, budget, false), "budget " + budget);
        assertEquals(outcome, ArmisticeDifferentialTest.check(budget, program, budget, true), "budget " + budget + ", on the jit");
    }

    private static byte[] assemble(String... lines) {
        Assembly a = Assembler.assemble("loop.pasm", String.join("\n", lines) + "\n", Armistice.ISA);
        assertTrue(a.ok(), a::formatDiagnostics);
        return a.binary();
    }

    /** A dot product as the suite's matmul has it: five guest registers, two written twice a round. */
    private static final byte[] DOT = assemble(
            "        mov d, 4000h",
            "        mov f, 4100h",
            "        mov e, 0",
            "dot:    load a, [d + 0]",
            "        load fp, [f + 0]",
            "        mul a, fp",
            "        add a, 3",
            "        add e, a",
            "        add d, 2",
            "        add f, 2",
            "        cmp f, 4180h",
            "        jb dot",
            "        mov c, e",
            "        mov a, 10h",
            "        int 13h",
            "        halt");

    @Test
    void theBudgetEndingInAnyRoundOfTheLoopEndsAsOnTheInterpreter() {
        // 3 instructions, 64 rounds of 9, then 4 to the halt: 583 in all.
        for (long budget = 1; budget <= 600; budget++) endsAsOnTheInterpreter(budget < 583 ? "BUDGET" : "HALT", DOT, budget);
    }

    @Test
    void aMisalignedWordAfterSomeRoundsIsReportedWithTheRegistersTheLoopWrote() {
        byte[] program = assemble(
                "        mov b, 4000h",
                "        mov c, 0",
                "next:   add c, b",
                "        load d, [b + 0]",
                "        add c, d",
                "        add b, 6",
                "        sub b, 3      ; odd on the second round",
                "        cmp b, 0",
                "        jnz next");
        endsAsOnTheInterpreter("FAULT MISALIGNED_ACCESS", program, 10_000);
    }

    @Test
    void aDivideByZeroOfAKeptRegisterLeavesItsValueAsTheInterpreterDoes() {
        byte[] program = assemble(
                "        mov c, 5",
                "        mov e, 60000",
                "        mov d, 7",
                "again:  sub c, 1",
                "        divu d, e, c  ; c reaches 0 in the fifth round: d keeps the fourth round's quotient",
                "        add e, 1",
                "        cmp e, 0",
                "        jnz again",
                "        halt");
        endsAsOnTheInterpreter("FAULT DIVIDE_BY_ZERO", program, 10_000);
    }

    @Test
    void aLoopThatRewritesItsOwnNextInstructionGoesOnWithItsRegisters() {
        byte[] program = assemble(
                "        mov d, 0",
                "        mov b, here",
                "loop:   add d, 1",
                "        store [b + 2], d  ; the constant of the mov below, rewritten every round",
                "here:   mov c, 0",
                "        cmp d, 300",
                "        jnz loop",
                "        mov a, 10h",
                "        int 13h",
                "        halt");
        for (long budget : new long[] {5, 6, 7, 8, 50, 51, 52, 53}) endsAsOnTheInterpreter("BUDGET", program, budget);
        endsAsOnTheInterpreter("HALT", program, 100_000);
    }

    @Test
    void theLogShowsTheLoopSpillingOnlyOnTheWayOut() {
        Emulator.Result r = Emulator.run(DOT, Emulator.options().guest(Armistice.ISA).log(true));
        assertEquals("HALT", r.result().outcome().name());
        String log = r.log();
        String loop = log.substring(log.indexOf("IN:  guest block at 010Ch"));
        loop = loop.substring(0, loop.indexOf("\nIN:  "));
        String body = loop.substring(loop.indexOf("; count"), loop.indexOf("; exit to"));
        assertFalse(body.contains("spill"), body);
        assertTrue(loop.contains("spill a (kept in a register in the loop)"), loop);
        assertTrue(loop.contains("spill e (kept in a register in the loop)"), loop);
        // The back edge goes straight to the count, past the prologue's fills, and has no exit stub.
        assertFalse(loop.contains("exit to 010Ch"), loop);
        // A round is 20 host instructions for 9 guest ones: the count, two word loads of six (the
        // alignment test, two bytes, the swap), one for each of the five ALU operations, cmp and jb.
        long round = body.lines().filter(l -> l.matches(" {2}[0-9A-F]{4}h .*")).count();
        assertEquals(20, round, body);
    }
}
