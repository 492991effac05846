package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.intellio.Intellio;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/** A program with more blocks than the code cache holds: it is flushed and refilled, and the run is still right. */
class CodeCacheFlushTest {
    @Test
    void aProgramLargerThanTheCodeCacheRunsRight() {
        StringBuilder src = new StringBuilder("        mov d, 3\nagain:  mov a, 0\n");
        for (int i = 0; i < 1500; i++) src.append("        add a, 1\n        cmp a, b\n        jz skip").append(i).append("\nskip").append(i).append(":\n");
        src.append("        sub d, 1\n        jnz again\n        mov c, a\n        mov a, 10h\n        int 13h\n        halt\n");
        Assembly asm = Assembler.assemble("big.pasm", src.toString(), Intellio.ISA);
        assertTrue(asm.ok(), asm::formatDiagnostics);
        Machine m = Machine.create(Intellio.ISA);
        m.loadRaw(asm.binary());
        RunResult want = m.run();
        Emulator.Result got = Emulator.run(asm.binary(), Emulator.options());
        assertEquals("1500\n", want.output());
        assertEquals(want.output(), got.result().output());
        assertEquals(want.steps(), got.result().steps());
        assertEquals(want.state().toString(), got.result().state().toString());
        assertTrue(got.stats().blocksTranslated() > 3000, "every block translated again after a flush: " + got.stats());
    }
}
