package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import toyisa.isa.Isa;

/** Each hint that names a fix gives the edit an editor offers; applying it makes the line assemble. */
class QuickFixTest {
    private static QuickFix fixOf(String line) {
        Assembly a = Assembler.assemble("t.pasm", line + "\nhalt\n", Isa.byName("intellio"));
        Diagnostic d = a.errors().get(0);
        return QuickFix.of(d);
    }

    private static String applied(String line) {
        QuickFix f = fixOf(line);
        assertNotNull(f, () -> "no fix for: " + line);
        String fixed = line.substring(0, f.column() - 1) + f.replacement() + line.substring(f.column() - 1 + f.length());
        Assembly a = Assembler.assemble("t.pasm", fixed + "\nhalt\n", Isa.byName("intellio"));
        assertEquals("", a.formatDiagnostics(), fixed);
        return fixed;
    }

    @Test
    void didYouMean() {
        assertEquals("        mov c, 42", applied("        movv c, 42"));
        assertEquals("        .byte 1", applied("        .bytte 1"));
    }

    @Test
    void marsAndX86Habits() {
        assertEquals("msg:    .asciz \"hi\"", applied("msg:    .asciiz \"hi\""));
        assertEquals("        .byte 1, 2", applied("        .db 1, 2"));
        assertEquals("        .word 1", applied("        .dw 1"));
        assertEquals("        mov c, 0FFh", applied("        mov c, FFh"));
    }

    @Test
    void armConstantsAndHashComments() {
        assertEquals("        mov c, 1", applied("        mov c, #1"));
        assertEquals("        halt ; done", applied("        halt # done"));
    }

    @Test
    void aHintThatNamesNoEditHasNoFix() {
        assertNull(fixOf("        mov eax, 1")); // which register was meant is the student's choice
    }
}
