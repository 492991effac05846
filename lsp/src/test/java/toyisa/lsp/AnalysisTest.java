package toyisa.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SignatureHelp;
import org.junit.jupiter.api.Test;

/** The server's answers computed straight from an analysis, without a client: macros, includes, HAL, tokens. */
class AnalysisTest {
    static final String LIB_URI = "file:///work/lib.inc";
    static final String LIB = String.join("\n",
            ".macro print reg, times",
            "        mov c, reg",
            "        mov a, 10h",
            "        int 13h",
            ".endm",
            "        .equ LIMIT, 3",
            "        out 1234h, a",
            "");
    static final String MAIN = String.join("\n",
            "        .include \"lib.inc\"",
            "start:  print b, 2",
            "        mov a, 11h",
            "        mov b, LIMIT",
            "        halt",
            "");

    private static Analysis analysis() {
        Map<String, String> open = Map.of(LIB_URI, LIB);
        return Analysis.of("file:///work/main.pasm", MAIN, open::get);
    }

    @Test
    void aProblemInAnIncludedFileIsShownOnTheIncludeLine() {
        List<Diagnostics.Shown> ds = Diagnostics.of(analysis());
        Diagnostics.Shown out = ds.stream().filter(d -> d.lsp().getMessage().contains("port I/O")).findFirst().orElseThrow();
        assertEquals(0, out.range().getStart().getLine());
        assertTrue(out.lsp().getMessage().startsWith("in /work/lib.inc:7:9: "), out.lsp().getMessage());
        assertTrue(out.lsp().getMessage().contains("[intellio]"), out.lsp().getMessage());
    }

    @Test
    void signatureHelpForAMacroMarksTheParameterTyped() {
        SignatureHelp h = Completions.signature(analysis(), new Position(1, 17));
        assertNotNull(h);
        assertEquals("print reg, times", h.getSignatures().get(0).getLabel());
        assertEquals(1, h.getActiveParameter());
    }

    @Test
    void hoverOnAMacroAConstantAndAHalService() {
        Analysis a = analysis();
        String macro = Hovers.at(a, new Position(1, 9)).getContents().getRight().getValue();
        assertTrue(macro.contains(".macro print reg, times") && macro.contains("lib.inc:1"), macro);
        String constant = Hovers.at(a, new Position(3, 16)).getContents().getRight().getValue();
        assertTrue(constant.contains("constant `LIMIT`") && constant.contains("**Armistice**: value 3"), constant);
        String hal = Hovers.at(a, new Position(2, 16)).getContents().getRight().getValue();
        assertTrue(hal.contains("print character"), hal);
    }

    @Test
    void completionAfterMovAOffersTheHalServicesFirst() {
        var items = Completions.at(analysis(), new Position(2, 15));
        assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("21h") && i.getDetail().contains("read number")), items.toString());
        assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("LIMIT")));
    }

    @Test
    void semanticTokensTellTheRolesApart() {
        Analysis a = analysis();
        List<Integer> data = Highlighting.of(a).getData();
        // Line 1, "start:  print b, 2": the label, the macro used, a register, a number.
        List<String> types = new java.util.ArrayList<>();
        int line = 0;
        for (int i = 0; i < data.size(); i += 5) {
            line += data.get(i);
            if (line == 1) types.add(Highlighting.TYPES.get(data.get(i + 3)));
        }
        assertEquals(List.of("function", "macro", "variable", "number"), types);
    }

    @Test
    void renameRefusesARegisterName() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.eclipse.lsp4j.jsonrpc.ResponseErrorException.class,
                () -> Names.rename(analysis(), new Position(1, 1), "sp"));
        assertTrue(e.getMessage().contains("register"), e.getMessage());
    }
}
