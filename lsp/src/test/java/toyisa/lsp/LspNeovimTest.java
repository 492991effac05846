package toyisa.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.asm.IncludeResolver;
import toyisa.isa.Isa;

/**
 * The language server driven by a client nobody here wrote: Neovim's built-in LSP client, headless
 * (Debian's {@code neovim}). Skipped, saying why, where there is no {@code nvim}.
 */
class LspNeovimTest {
    static final String MAIN = String.join("\n",
            "; main.pasm: prints 42 through a subroutine of lib.pasm, then a greeting",
            "start:  mov a, 10h",
            "        mov c, 42",
            "        call show",
            "        mov a, 12h",
            "        mov c, greeting",
            "        int 13h",
            "        halt",
            "greeting:",
            "        .asciz \"hi\\n\"",
            "        .include \"lib.pasm\"",
            "");
    static final String LIB = String.join("\n",
            "; lib.pasm: show prints c",
            "show:   push a",
            "        mov a, 10h",
            "        int 13h",
            "        pop a",
            "        ret",
            "");
    static final String BROKEN = String.join("\n",
            "        mov a, 10h",
            "        movv c, 42",
            "        out 1234h, c",
            "        .asciiz \"x\"",
            "        halt",
            "");

    @TempDir
    static Path dir;
    static JsonObject out;

    @BeforeAll
    static void runNeovim() throws Exception {
        Path nvim = Path.of("/usr/bin/nvim");
        assumeTrue(Files.isExecutable(nvim) || onPath("nvim"), "nvim is not installed (apt-get install neovim): the Neovim client test is skipped");
        Files.writeString(dir.resolve("main.pasm"), MAIN);
        Files.writeString(dir.resolve("lib.pasm"), LIB);
        Files.writeString(dir.resolve("broken.pasm"), BROKEN);
        Path script = dir.resolve("client.lua");
        try (InputStream in = LspNeovimTest.class.getResourceAsStream("neovim-client.lua")) {
            Files.write(script, in.readAllBytes());
        }
        Path result = dir.resolve("out.json");
        JsonArray cmd = new JsonArray();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LanguageServerMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder("nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile " + script);
        pb.environment().put("TOYISA_LSP_CMD", cmd.toString());
        pb.environment().put("TOYISA_DIR", dir.toString());
        pb.environment().put("TOYISA_OUT", result.toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString()); // nvim's LSP log stays in the temporary folder
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("nvim.log").toFile());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("nvim did not finish: " + Files.readString(dir.resolve("nvim.log")));
        }
        assertTrue(Files.exists(result), "nvim wrote no result: " + Files.readString(dir.resolve("nvim.log")));
        out = JsonParser.parseString(Files.readString(result)).getAsJsonObject();
        assertTrue(!out.has("lua_error"), () -> "the client script failed: " + out.get("lua_error"));
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator)) if (Files.isExecutable(Path.of(d, name))) return true;
        return false;
    }

    private static List<JsonObject> diagnostics() {
        List<JsonObject> ds = new ArrayList<>();
        for (JsonElement e : out.getAsJsonArray("diagnostics")) ds.add(e.getAsJsonObject());
        return ds;
    }

    private static JsonObject on(int line, String containing) {
        for (JsonObject d : diagnostics()) {
            if (d.get("lnum").getAsInt() == line && d.get("message").getAsString().contains(containing)) return d;
        }
        throw new AssertionError("no diagnostic on line " + line + " saying '" + containing + "' among " + diagnostics());
    }

    @Test
    void brokenFileHasDiagnosticsAtTheRightRanges() {
        JsonObject movv = on(1, "unknown instruction 'movv'");
        assertEquals(8, movv.get("col").getAsInt());
        assertEquals(12, movv.get("end_col").getAsInt());
        assertTrue(movv.get("message").getAsString().contains("did you mean 'mov'?"));
        // out is Armistice's alone: the diagnostic names the CPU that reports it.
        JsonObject out = on(2, "[intellio]");
        assertEquals(8, out.get("col").getAsInt());
        assertTrue(diagnostics().stream().noneMatch(d -> d.get("lnum").getAsInt() == 2 && d.get("message").getAsString().contains("[armistice]")));
        JsonObject asciiz = on(3, "unknown directive '.asciiz'");
        assertEquals(8, asciiz.get("col").getAsInt());
        assertEquals(15, asciiz.get("end_col").getAsInt());
        assertEquals(1, asciiz.get("severity").getAsInt()); // an error
    }

    @Test
    void aMarsHabitHasAQuickFix() {
        JsonArray actions = out.getAsJsonObject("fixes").getAsJsonArray("result");
        assertNotNull(actions, () -> "no code actions: " + out.get("fixes"));
        String edit = actions.get(0).getAsJsonObject().getAsJsonObject("edit").toString();
        assertTrue(edit.contains("\"newText\":\".asciz\""), edit);
    }

    @Test
    void aCleanProgramAcrossAnIncludeHasNoDiagnostics() {
        assertEquals(0, out.get("main_diagnostics").getAsInt());
    }

    /** The bytes {@code toyisa asm --listing} prints for the line (the listing is {@link Assembly#listing()}). */
    private static String listed(Isa isa, String text) throws IOException {
        Path main = dir.resolve("main.pasm");
        Assembly a = Assembler.assemble(main.toString(), MAIN, isa, Assembler.DEFAULT_ORIGIN, IncludeResolver.files());
        assertTrue(a.ok(), a.formatDiagnostics());
        for (String row : a.listing().split("\n")) {
            if (row.endsWith(text)) return row.substring(6, 18).strip();
        }
        throw new AssertionError("no listing row for " + text + " in\n" + a.listing());
    }

    @Test
    void hoverShowsEachCpusBytesAsTheListing() throws IOException {
        String hover = out.getAsJsonObject("hover").getAsJsonObject("result").getAsJsonObject("contents").get("value").getAsString();
        for (Isa isa : Isa.all()) {
            String bytes = listed(isa, "mov c, 42");
            assertTrue(hover.contains("**" + isa.name() + "** at `0")
                    && hover.contains("`: `" + bytes + "`"), () -> isa.name() + " bytes " + bytes + " not in hover:\n" + hover);
        }
        assertTrue(hover.contains("`mov"), hover); // the reference card's row
    }

    @Test
    void hoverOnALabelAndAHalService() {
        String label = out.getAsJsonObject("label_hover").getAsJsonObject("result").getAsJsonObject("contents").get("value").getAsString();
        assertTrue(label.contains("label `greeting`") && label.contains("**Armistice**: address") && label.contains("**Intellio**: address"), label);
        String hal = out.getAsJsonObject("hal_hover").getAsJsonObject("result").getAsJsonObject("contents").get("value").getAsString();
        assertTrue(hal.contains("print string"), hal);
    }

    private static List<String> labels(String key) {
        List<String> labels = new ArrayList<>();
        JsonElement r = out.getAsJsonObject(key).get("result");
        JsonArray items = r.isJsonArray() ? r.getAsJsonArray() : r.getAsJsonObject().getAsJsonArray("items");
        for (JsonElement e : items) labels.add(e.getAsJsonObject().get("label").getAsString());
        return labels;
    }

    @Test
    void completionOffersWhatFitsWhereTheCursorIs() {
        List<String> operand = labels("completion_operand");
        assertTrue(operand.contains("greeting") && operand.contains("show") && operand.contains("c"), operand.toString());
        assertTrue(!operand.contains("mov"), operand.toString());
        List<String> statement = labels("completion_statement");
        assertTrue(statement.contains("mov") && statement.contains(".asciz") && statement.contains("halt"), statement.toString());
    }

    @Test
    void goToDefinitionCrossesTheInclude() {
        JsonElement r = out.getAsJsonObject("definition").get("result");
        JsonObject loc = r.isJsonArray() ? r.getAsJsonArray().get(0).getAsJsonObject() : r.getAsJsonObject();
        assertTrue(loc.get("uri").getAsString().endsWith("/lib.pasm"), loc.toString());
        assertEquals(1, loc.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());
        assertEquals(0, loc.getAsJsonObject("range").getAsJsonObject("start").get("character").getAsInt());
        assertEquals(2, out.getAsJsonObject("references").getAsJsonArray("result").size());
    }

    @Test
    void renameChangesBothFiles() {
        JsonArray main = out.getAsJsonArray("main_after_rename");
        JsonArray lib = out.getAsJsonArray("lib_after_rename");
        assertNotNull(main, () -> "no rename: " + out.get("rename"));
        assertEquals("        call display", main.get(3).getAsString());
        assertEquals("display:   push a", lib.get(1).getAsString());
    }

    @Test
    void outlineAndFormattingAndACleanStop() {
        String symbols = out.getAsJsonObject("symbols").get("result").toString();
        assertTrue(symbols.contains("\"start\"") && symbols.contains("\"greeting\""), symbols);
        assertTrue(out.getAsJsonObject("formatting").get("result").isJsonArray());
        assertTrue(out.get("stopped").getAsBoolean(), "the server did not stop when asked");
    }
}
