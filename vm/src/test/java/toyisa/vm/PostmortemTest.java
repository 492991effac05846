package toyisa.vm;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The common ways a student's program dies, each recognised and named in the fault report, on both CPUs. */
class PostmortemTest {

    private static Postmortem death(String cpu, byte[] program) {
        RunResult r = Programs.run(cpu, program);
        assertEquals(Outcome.FAULT, r.outcome(), r.report());
        assertNotNull(r.fault().postmortem(), r.report());
        assertTrue(r.report().contains("  came from:   "), r.report());
        return r.fault().postmortem();
    }

    @Test
    void ranOffTheEndIntoZerosBecauseHaltIsMissing() {
        Postmortem a = death("armistice", Programs.asm("armistice", "mov a, 10h", "mov c, 42", "int 13h"));
        assertEquals(Postmortem.Death.RAN_OFF_THE_END, a.death());
        assertEquals("0108h: int 13h", a.previous());
        // On Intellio 00 00 is mov a, a: the CPU slides through zeros to the end of memory.
        Postmortem i = death("intellio", Programs.asm("intellio", "mov a, 10h", "mov c, 42", "int 13h"));
        assertEquals(Postmortem.Death.RAN_OFF_THE_END, i.death());
        assertTrue(i.hint().contains("halt"), i.hint());
    }

    @Test
    void executingTextPlacedBeforeTheCode() {
        byte[] hello = "Hello, world\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (String cpu : new String[] {"armistice", "intellio"}) {
            Postmortem p = death(cpu, hello);
            assertEquals(Postmortem.Death.EXECUTING_DATA, p.death(), cpu);
            assertTrue(p.cause().contains("\"Hello, world\""), p.cause());
        }
    }

    @Test
    void returningWhereNoCallReturnsIsAnUnbalancedStack() {
        // call sub; halt; sub: push b; ret   (the push is never popped: ret takes b, 0000h)
        Postmortem a = death("armistice", Programs.asm("armistice", "call 0108h", "halt", "push b", "ret"));
        assertEquals(Postmortem.Death.RETURN_TO_NOWHERE, a.death());
        assertEquals("010Ch: ret", a.cameFrom());
        Postmortem i = death("intellio", Programs.asm("intellio", "call 0104h", "hlt", "push b", "ret"));
        assertEquals(Postmortem.Death.RETURN_TO_NOWHERE, i.death());
        assertTrue(i.cause().startsWith("the ret at 0105h returned to 0000h"), i.cause());
    }

    @Test
    void aReturnToTheInstructionAfterACallIsNoDeath() {
        // call sub; ld from the null page (a plain segmentation fault); sub: ret
        Postmortem a = death("armistice", Programs.asm("armistice", "call 0108h", "ld a, [r0 + 10h]", "ret"));
        assertNull(a.death(), a.cause());
        assertEquals("0108h: ret", a.cameFrom());
    }

    @Test
    void recursionWithoutABaseCaseOverflowsTheStack() {
        // sub: push b; call sub
        Postmortem a = death("armistice", Programs.asm("armistice", "push b", "call 0100h"));
        assertEquals(Postmortem.Death.STACK_INTO_CODE, a.death());
        Postmortem i = death("intellio", Programs.asm("intellio", "push b", "call 0100h"));
        assertTrue(i.death() == Postmortem.Death.STACK_INTO_NULL_PAGE || i.death() == Postmortem.Death.STACK_INTO_CODE,
                String.valueOf(i.death()));
    }

    @Test
    void theFirstInstructionComesFromNowhere() {
        Postmortem p = death("armistice", new byte[0]);
        assertNull(p.previous());
        assertTrue(p.cameFrom().startsWith("nowhere"), p.cameFrom());
    }

    @Test
    void aMachineTheHostChangedIsNotReplayed() {
        Machine m = Machine.create("armistice");
        m.loadRaw(Programs.asm("armistice", "mov a, 1", "halt"));
        m.writeByte(0x0104, 0xFF); // the halt becomes something illegal: a replay of the program would halt
        RunResult r = m.run();
        assertEquals(Outcome.FAULT, r.outcome());
        assertNull(r.fault().postmortem(), r.report());
    }

    @Test
    void theStoryCanBeTold() {
        Postmortem p = new Postmortem("0100h <main>", null, "0112h: ret", Postmortem.Death.RETURN_TO_NOWHERE, "c", "h");
        assertEquals("  where:       0100h <main>\n  came from:   0112h: ret\n  cause:       c\n  hint:        h\n", p.format());
    }
}
