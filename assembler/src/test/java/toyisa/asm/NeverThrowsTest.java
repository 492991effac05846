package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import toyisa.container.Txf;
import toyisa.container.TxfImage;
import toyisa.intellio.Intellio;
import toyisa.isa.Isa;

/**
 * Whatever the input, the assembler ends in output or diagnostics: never an exception, never a
 * stack trace. Random token soup, random characters, and mutated corpus programs.
 */
class NeverThrowsTest {
    static final String[] TOKENS = {
        "mov", "add", "sub", "divu", "modu", "load", "store", "loadb", "storeb", "jz", "jmp", "call", "ret", "out", "int",
        "halt", "xchg", "and.imm.reg", "jz.rel16", "shl", "push", "pop", "test", "cmp", "m1",
        "a", "b", "c", "sp", "fp", "r7", "r15", "x", "loop", "start", "$",
        "0", "1", "42", "127", "128", "-129", "10h", "0FFFFh", "0x10", "0b101", "'A'", "70000", "99999999999999999999",
        ",", ", ", ":", "[", "]", "(", ")", "+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "~", "lo(", "hi(",
        ".equ", ".org", ".byte", ".word", ".ascii", ".asciz", ".space", ".align", ".include", ".macro", ".endm", ".bogus",
        "\"str\"", "\"", "'", "\\@", ";c", "\n", "\n", "\n", " ", " ", "\t", "\r\n", "@", "é", "\u0000",
    };

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 400)
    void tokenSoupEndsInOutputOrDiagnostics(@ForAll("tokenSoup") String source) {
        for (Isa isa : Isa.all()) check(source, isa);
    }

    @Property(tries = 200)
    void anyCharactersEndInOutputOrDiagnostics(@ForAll String source) {
        for (Isa isa : Isa.all()) check(source, isa);
    }

    @Property(tries = 300)
    void mutatedCorpusProgramsEndInOutputOrDiagnostics(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) throws IOException {
        List<Path> corpus = GoldenTest.sources();
        Random r = new Random(seed);
        String s = Files.readString(corpus.get(r.nextInt(corpus.size())));
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + r.nextInt(6);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(4)) {
                case 0 -> sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(8)));
                case 1 -> sb.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
                case 2 -> {
                    int end = sb.indexOf("\n", at);
                    if (end > at) sb.insert(at, sb.substring(at, end));
                }
                default -> sb.setCharAt(at, (char) (32 + r.nextInt(95)));
            }
        }
        for (Isa isa : Isa.all()) check(sb.toString(), isa);
    }

    /** The invariants of any result. */
    static void check(String source, Isa isa) {
        Assembly a = Assembler.assemble("fuzz.pasm", source, isa, Assembler.DEFAULT_ORIGIN, GoldenTest.resolver());
        assertEquals(a.ok(), a.errors().isEmpty());
        for (Diagnostic d : a.diagnostics()) {
            assertTrue(d.line() >= 1 && d.column() >= 1, d.headline());
            assertFalse(d.format().isEmpty());
        }
        if (a.ok()) {
            assertEquals(a.binary().length == 0, a.lines().isEmpty() && a.binary().length == 0);
            a.listing();
            if (a.binary().length > 0) {
                try {
                    TxfImage img = Txf.read(a.toTxf());
                    assertEquals(isa.machine(), img.machine());
                } catch (toyisa.container.FormatException e) {
                    throw new AssertionError("the assembler wrote a TXF its reader refuses: " + e.getMessage(), e);
                }
            }
        } else {
            assertEquals(0, a.binary().length);
        }
    }

    // ------------------------------------------------------------------ hostile inputs, one each

    @Test
    void deeplyNestedParenthesesAreADiagnostic() {
        String deep = "mov a, " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n";
        Assembly a = Assembler.assemble("deep.pasm", deep, Intellio.ISA);
        assertFalse(a.ok());
        assertTrue(a.formatDiagnostics().contains("nested too deeply"), a.formatDiagnostics());
    }

    @Test
    void longUnaryChainsAreADiagnosticOrAValue() {
        check("mov a, " + "-".repeat(50_000) + "1\n", Intellio.ISA);
        check("mov a, 1" + " + 1".repeat(20_000) + "\n", Intellio.ISA);
    }

    @Test
    void macroBombIsBounded() {
        StringBuilder sb = new StringBuilder(".macro m0\nnop\n.endm\n");
        for (int i = 1; i <= 24; i++) sb.append(".macro m").append(i).append("\nm").append(i - 1).append("\nm").append(i - 1).append("\n.endm\n");
        sb.append("m24\n"); // 2^24 nops if nothing stopped it
        Assembly a = Assembler.assemble("bomb.pasm", sb.toString(), Intellio.ISA);
        assertFalse(a.ok());
        String d = a.formatDiagnostics();
        assertTrue(d.contains("more than " + Front.MAX_EXPANSIONS + " macro expansions")
                || d.contains("macros expand to more than " + Front.MAX_EXPANDED_LINES + " lines"), d);
    }

    @Test
    void wideMacroIsBoundedByItsLines() {
        String wide = ".macro w\n" + "nop\n".repeat(1000) + ".endm\n" + "w\n".repeat(100); // 100,000 lines from 100 expansions
        Assembly a = Assembler.assemble("wide.pasm", wide, Intellio.ISA);
        assertFalse(a.ok());
        assertTrue(a.formatDiagnostics().contains("macros expand to more than " + Front.MAX_EXPANDED_LINES + " lines"), a.formatDiagnostics());
    }

    @Test
    void hugeInputIsRefused() {
        Assembly a = Assembler.assemble("huge.pasm", "nop\n".repeat(Assembler.MAX_SOURCE_CHARS / 4 + 1), Intellio.ISA);
        assertFalse(a.ok());
    }

    @Test
    void selfIncludeIsACycle() {
        Assembly a = Assembler.assemble("self.pasm", ".include \"self.pasm\"\n", Intellio.ISA, 0x100,
                (from, name) -> new IncludeResolver.Source(name, ".include \"self.pasm\"\n"));
        assertFalse(a.ok());
        assertTrue(a.formatDiagnostics().contains("include cycle"), a.formatDiagnostics());
    }

    @Test
    void nullAndEmptySourcesAssembleToNothing() {
        assertTrue(Assembler.assemble("e.pasm", "", Intellio.ISA).ok());
        assertTrue(Assembler.assemble("e.pasm", null, Intellio.ISA).ok());
        assertEquals(0, Assembler.assemble("e.pasm", "; nothing\n\n", Intellio.ISA).binary().length);
    }

    @Test
    void manyErrorsAreAllReported() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) lines.add("mvo a, " + i);
        Assembly a = Assembler.assemble("many.pasm", String.join("\n", lines), Intellio.ISA);
        assertEquals(50, a.errors().size());
    }
}
