package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toyisa.cli.Goldens.toyisa;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toyisa.asm.Assembler;
import toyisa.cli.Goldens.Ran;
import toyisa.isa.Isa;

/** What a newcomer trips on first: each test is named after what it reproduces. */
class NewcomerTripsTest {
    @TempDir
    Path dir;

    private Path binary(String name, String source, String cpu, boolean txf) throws Exception {
        var a = Assembler.assemble(name + ".pasm", source, Isa.byName(cpu));
        assertTrue(a.ok(), a.formatDiagnostics());
        return Files.write(dir.resolve(name + (txf ? ".txf" : ".bin")), txf ? a.toTxf() : a.binary());
    }

    @Test
    void helpListsEveryCommandsSummaryWholeNotCutMidSentence() {
        String help = toyisa("--help").out();
        String list = help.substring(help.indexOf("Commands:\n") + "Commands:\n".length());
        CommandLine cl = new CommandLine(new Toyisa());
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) continue;
            int at = list.indexOf("  " + e.getKey() + " ");
            assertTrue(at >= 0, e.getKey() + " is not listed:\n" + list);
            StringBuilder summary = new StringBuilder();
            for (String line : list.substring(at).split("\n")) {
                if (summary.length() > 0 && !line.startsWith("            ")) break;
                summary.append(summary.length() == 0 ? line.strip().substring(e.getKey().length()).strip() : " " + line.strip());
            }
            String description = String.join(" ", java.util.Arrays.stream(e.getValue().getCommandSpec().usageMessage().description())
                    .takeWhile(l -> !l.isBlank()).map(String::strip).toList());
            assertTrue(description.startsWith(summary.toString()), e.getKey() + ": " + summary);
            String rest = description.substring(summary.length());
            assertTrue(summary.toString().endsWith(".") || rest.isEmpty() || rest.startsWith(":") || rest.startsWith(";"),
                    e.getKey() + " is cut mid-sentence: '" + summary + "' | '" + rest + "'");
        }
    }

    @Test
    void replRunWithAShellRedirectPointsToInput() throws Exception {
        Path bin = binary("p", "halt\n", "intellio", true);
        Path script = Files.writeString(dir.resolve("s.gdb"), "run < in.txt\n");
        Ran r = toyisa("repl", "--script", script.toString(), bin.toString());
        assertTrue(r.out().contains("toyisa repl --input FILE"), r.out());
    }

    @Test
    void theHangReportUnderMaxStepsSpeaksOfWhatRan() throws Exception {
        Path bin = binary("spin", "loop: jmp loop\n", "intellio", false);
        Ran r = toyisa("run", "--cpu", "intellio", "--max-steps", "1000", bin.toString());
        assertEquals(124, r.status(), r.err());
        assertTrue(r.err().contains("budget of 1000 instructions used up"), r.err());
        assertTrue(r.err().contains("run on past the budget for 1000 instructions, the jump at 0100h back to 0100h was taken 1000 times"), r.err());
        assertFalse(r.err().contains("5000"), r.err());
    }

    @Test
    void oneInstructionIsSingular() throws Exception {
        Path bin = binary("spin", "loop: jmp loop\n", "intellio", false);
        for (String[] args : new String[][] {{"run", "--cpu", "intellio", "--max-steps", "1", bin.toString()},
                {"emulate", "--guest", "intellio", "--host", "armistice", "--max-steps", "1", bin.toString()}}) {
            Ran r = toyisa(args);
            assertTrue(r.err().contains("budget of 1 instruction used up"), r.err());
            assertTrue(r.err().contains("was taken 1 time)"), r.err());
            assertFalse(r.err().matches("(?s).*\\b1 instructions.*"), r.err());
        }
    }

    @Test
    void aTxfCrashingOnTheOtherCpuSaysMisdecodeBeforeWhere() throws Exception {
        Path txf = binary("print42", "start: mov a, 10h\n mov c, 42\n int 13h\n halt\n", "intellio", true);
        Ran r = toyisa("run", "--cpu", "armistice", txf.toString());
        int misdecode = r.err().indexOf("  misdecode:   the TXF header names Intellio, not Armistice");
        int where = r.err().indexOf("  where:");
        assertTrue(misdecode >= 0 && where > misdecode, r.err());
        assertFalse(toyisa("run", "--cpu", "intellio", txf.toString()).err().contains("misdecode"));
    }
}
