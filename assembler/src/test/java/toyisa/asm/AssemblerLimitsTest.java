package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toyisa.isa.Isa;

/** The assembler's limits count what their messages say, and a file of garbage stops early. */
class AssemblerLimitsTest {
    private static final Isa INTELLIO = Isa.byName("intellio");

    private static String lines(int n, String format) {
        StringBuilder sb = new StringBuilder(n * (format.length() + 6));
        for (int i = 0; i < n; i++) sb.append(String.format(java.util.Locale.ROOT, format, i)).append('\n');
        return sb.toString();
    }

    @Test
    void fiftyThousandLabelledNopsAreNotMoreThanAHundredThousandStatements() {
        Assembly a = Assembler.assemble("labels.pasm", lines(50_001, "l%d: nop"), INTELLIO, Assembler.DEFAULT_ORIGIN, IncludeResolver.NONE);
        assertTrue(a.errors().stream().noneMatch(d -> d.message().contains("statements")), a.formatDiagnostics());
        assertTrue(a.ok(), a.formatDiagnostics());
    }

    @Test
    void moreThanAHundredThousandStatementsAreCountedAsStatements() {
        Assembly a = Assembler.assemble("many.pasm", lines(Front.MAX_STATEMENTS + 1, ".align 1 ; %d"), INTELLIO,
                Assembler.DEFAULT_ORIGIN, IncludeResolver.NONE);
        assertFalse(a.ok());
        assertTrue(a.errors().stream().anyMatch(d -> d.message().equals("the program has more than 100000 statements")), a.formatDiagnostics());
    }

    @Test
    void aMillionLinesOfGarbageStopAfterABoundedNumberOfErrors() {
        String garbage = "@\n".repeat(1_300_000); // 2.6 million characters: under the source's limit
        Assembly a = Assembler.assemble("garbage.pasm", garbage, INTELLIO, Assembler.DEFAULT_ORIGIN, IncludeResolver.NONE);
        List<Diagnostic> errors = a.errors();
        assertEquals(Front.MAX_ERRORS + 1, errors.size(), "the first errors, then the one that says it stopped");
        Diagnostic last = errors.get(errors.size() - 1);
        assertEquals("stopping after 100 errors: the rest of the source is not read", last.message());
        assertEquals(Front.MAX_ERRORS, last.line(), "it stopped at the line of the last error it kept");
    }
}
