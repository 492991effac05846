package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A fat build reports each mistake once: untagged when every CPU has it, tagged with the CPU when only one does. */
class FatDiagnosticsTest {
    @Test
    void eachErrorOnceSayingForWhichCpu() {
        String src = "msg: .asciiz \"x\"\n"      // wrong for both CPUs
                + "    mov [b], c\n"               // Intellio has this form natively; Armistice does not
                + "    halt\n";
        FatAssembly fat = Assembler.assembleFat("habits.pasm", src, IncludeResolver.NONE);
        String text = fat.formatDiagnostics();
        assertEquals(1, text.split("unknown directive '.asciiz'", -1).length - 1, text);
        assertFalse(text.contains("'.asciiz' [armistice]") || text.contains("'.asciiz' [intellio]"), text);
        assertEquals(1, text.split("'mov' cannot take", -1).length - 1, text);
        assertTrue(text.contains("'mov' cannot take ([register + constant], register) [armistice]"), text);
        assertTrue(text.contains("hint: MARS and SPIM's .asciiz is .asciz here"), text);
        assertTrue(text.contains("store [b], c"), text);
    }
}
