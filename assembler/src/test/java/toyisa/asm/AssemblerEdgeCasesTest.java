package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toyisa.isa.Isa;

/** Regressions from a hostile session: each is named after what it reproduces. */
class AssemblerEdgeCasesTest {
    private static Assembly intellio(String source) {
        return Assembler.assemble("t.pasm", source, Isa.byName("intellio"));
    }

    @Test
    void aCircleOfConstantsIsAnErrorNotZero() {
        Assembly a = intellio(".equ X, Y\n.equ Y, X + 1\nmov a, X\nhalt\n");
        assertFalse(a.ok());
        assertTrue(a.formatDiagnostics().contains("'X' is defined in terms of itself: X → Y → X"), a.formatDiagnostics());
        assertTrue(intellio(".equ K, 5\n.equ L, K + 1\nmov c, L\nhalt\n").ok(), "a chain that ends is fine");
    }

    @Test
    void anOrgOutsideMemorySaysTheValueWritten() {
        assertTrue(intellio(".org -1\nhalt\n").formatDiagnostics().contains(".org -1 is outside the program"));
        assertTrue(intellio(".org 10000h\nhalt\n").formatDiagnostics().contains(".org 10000h is outside the program"));
    }

    @Test
    void aLabelOf65536CharactersIsAMessageNotAnInternalErrorInTxf() {
        Assembly a = intellio("a".repeat(65536) + ": halt\n");
        assertFalse(a.ok());
        assertTrue(a.formatDiagnostics().contains("a name of 65536 characters is too long (at most 255)"), a.formatDiagnostics());
        assertTrue(intellio("a".repeat(255) + ": halt\n").toTxf().length > 255, "255 characters still make a TXF file");
    }

    @Test
    void aMacroThatUsesItselfTwiceStopsAtABoundOfExpandedLines() {
        // Found by the fuzzer: each level doubles, and 20,000 expansions of a 15-line body took 14 s.
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 15; i++) body.append("  nop\n");
        Assembly a = intellio(".macro m a\n" + body + "  m a\n  m a\n.endm\n  m 1\nhalt\n");
        assertFalse(a.ok());
        // Whichever bound comes first stops it: the expanded lines, or the errors of the deepest expansions.
        String d = a.formatDiagnostics();
        assertTrue(d.contains("macros expand to more than 50000 lines") || d.contains("stopping after 100 errors"), d);
    }
}
