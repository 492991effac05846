package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import toyisa.isa.Isa;

/**
 * Coverage-guided fuzzing of the assembler: any source text ends in bytes or in diagnostics for
 * every CPU and for a fat build — never an exception (the assembler catches none of its own), never
 * raw control characters in a message.
 */
class AssemblerFuzzTest {
    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void anySourceEndsInBytesOrDiagnostics(FuzzedDataProvider data) {
        String source = data.consumeRemainingAsString();
        for (Isa isa : Isa.all()) {
            Assembly a = Assembler.assemble("fuzz.pasm", source, isa);
            check(a.ok(), a.binary().length, a.formatDiagnostics());
        }
        FatAssembly f = Assembler.assembleFat("fuzz.pasm", source, IncludeResolver.NONE);
        check(f.ok(), f.ok() ? f.bytes().length : 0, f.formatDiagnostics());
    }

    private static void check(boolean ok, int length, String diagnostics) {
        if (ok) assertTrue(length <= 0x10000, "a binary larger than memory");
        else assertFalse(diagnostics.isEmpty(), "failed without a diagnostic");
        assertFalse(diagnostics.contains("\u001b"), "raw ESC in a diagnostic");
    }
}
