package toyisa.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Isa;
import toyisa.vm.Core;
import toyisa.vm.Machine;

/**
 * The JavaScript the page's jit writes ({@link ScriptCompiler}): which flags it drops, and how it
 * lays out the blocks. What that code does is held to the interpreter under node, on the page's
 * build ({@code web/test/jit.test.mjs}); here is what it is made of, so that a flag dropped where
 * something could still see it fails even where no run happens to look.
 */
class ScriptCompilerTest {
    /** The body of the function for the region entered at label {@code entry}. */
    private static String script(String cpu, String source, String entry) {
        Isa isa = Isa.byName(cpu);
        Assembly asm = Assembler.assemble("t.pasm", source, isa);
        assertTrue(asm.ok(), asm::formatDiagnostics);
        Machine m = Machine.create(isa);
        m.loadRaw(asm.binary());
        Core core = Core.of(m);
        JitCpu jc = JitCpu.of(core);
        Region region = Region.form(core, jc, asm.labels().get(entry));
        return jc.script(core, region).compile();
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    /** Intellio's shift works out O (kept from before it) into fo, and its other flags: what it leaves when it leaves flags. */
    private static final String SHIFT_FLAGS = "fo=((fa^fb)";

    @Test
    void aShiftsFlagsThatTheNextSubtractionOverwritesAreNotWorkedOut() {
        String js = script("intellio", "start: mov b, 1\nagain: shl b, 1\n sub d, 1\n cmp d, 0\n jnz again\n halt\n", "again");
        assertFalse(js.contains(SHIFT_FLAGS), js);
        assertFalse(js.contains("fs=b>>>15"), js);
        // sub's own flags are overwritten by the compare's, which are left for what follows the loop.
        assertEquals(1, count(js, "fa=a;"), js);
    }

    @Test
    void aLoadBetweenAShiftAndTheNextSubtractionKeepsTheShiftsFlags() {
        // The load may bail out (the null page, a word at FFFFh): the interpreter then takes over
        // with the flags the shift left.
        String js = script("intellio", "start: mov b, 1\n mov e, 4000h\nagain: shl b, 1\n load c, [e + 0]\n sub d, 1\n cmp d, 0\n jnz again\n halt\n", "again");
        assertTrue(js.contains(SHIFT_FLAGS), js);
        assertTrue(js.contains("fs=b>>>15"), js);
    }

    @Test
    void aShiftsFlagsAreKeptWhenTheBlockEndsAfterIt() {
        // The next block's budget check may leave before anything overwrites them.
        String js = script("intellio", "start: mov b, 1\nagain: sub d, 1\n shl b, 1\n jmp again\n", "again");
        assertTrue(js.contains(SHIFT_FLAGS), js);
        // And the subtraction's flags before it are kept too: the shift keeps their O.
        assertTrue(js.contains("fa=a;fb=b;"), js);
    }

    @Test
    void twoShiftsBeforeAnAdditionNeedNoFlagsButTwoAtTheEndNeedBoth() {
        String dead = script("intellio", "start: mov b, 1\nagain: shl b, 1\n shr b, 1\n add b, 3\n cmp b, 0\n jnz again\n halt\n", "again");
        assertFalse(dead.contains("fs=b>>>15"), dead);
        String kept = script("intellio", "start: mov b, 1\nagain: add b, 3\n shl b, 1\n shr b, 1\n jmp again\n", "again");
        assertEquals(2, count(kept, "fs=b>>>15"), kept);
        assertEquals(2, count(kept, SHIFT_FLAGS), kept);
    }

    @Test
    void aNegationsFlagsAreDroppedOnlyWhenOverwrittenWithNothingBetween() {
        String dead = script("intellio", "start: mov b, 1\nagain: neg b\n cmp b, 0\n jnz again\n halt\n", "again");
        assertFalse(dead.contains("fo=a===32768"), dead);
        String kept = script("intellio", "start: mov b, 1\n mov e, 4000h\nagain: neg b\n store [e + 0], b\n cmp b, 0\n jnz again\n halt\n", "again");
        assertTrue(kept.contains("fo=a===32768"), kept);
    }

    @Test
    void anArmisticeCompareBeforeALoadKeepsItsFlags() {
        String dead = script("armistice", "start: mov b, 1\nagain: cmp b, 7\n add b, 1\n cmp b, 9\n jnz again\n halt\n", "again");
        assertEquals(1, count(dead, "lazy=1"), dead);
        String kept = script("armistice", "start: mov b, 1\n mov e, 4000h\nagain: cmp b, 7\n load c, [e + 0]\n cmp b, 9\n jnz again\n halt\n", "again");
        assertEquals(2, count(kept, "lazy=1"), kept);
    }

    @Test
    void aLoopOfSeveralBlocksIsAJavaScriptLoopWithoutTheSwitch() {
        // crc16's inner loop: four blocks, two ways round.
        String src = "start: mov e, 0FFFFh\n mov f, 8\nbit: test e, 8000h\n jz zero\n shl e, 1\n xor e, 1021h\n jmp shifted\n"
                + "zero: shl e, 1\nshifted: sub f, 1\n cmp f, 0\n jnz bit\n halt\n";
        for (String cpu : new String[] {"intellio", "armistice"}) {
            String js = script(cpu, src, "bit");
            assertTrue(js.contains("H0:for(;;){"), js);
            assertTrue(js.contains("continue H0;"), js);
            assertFalse(js.contains("continue L;"), js); // no block goes round the switch
            assertFalse(js.contains(SHIFT_FLAGS), js);
        }
    }

    @Test
    void aReturnGoesRoundTheSwitchToWhereItsCallReturns() {
        String src = "start: mov b, 0\nagain: call fn\n add b, 1\n cmp b, 100\n jb again\n halt\nfn: add c, 1\n ret\n";
        for (String cpu : new String[] {"intellio", "armistice"}) {
            String js = script(cpu, src, "again");
            assertTrue(js.contains("case 0:"), js);
            assertTrue(js.contains(":k=") && js.contains(";continue L;}break L;"), js);
        }
    }
}
