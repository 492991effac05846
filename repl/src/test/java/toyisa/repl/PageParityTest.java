package toyisa.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toyisa.debug.CallStack;
import toyisa.isa.Isa;
import toyisa.vm.Machine;

/**
 * The REPL and the page answer one debugging session the same way. {@code parity/session.script}
 * (steps, back, breakpoints with a condition, finish, reverse-continue, edits, input) is typed into
 * the REPL; after each command the machine's registers, flags, memory, output, call stack and history
 * go to {@code parity/CPU.golden}, one JSON line each. The page's test (web/test/parity.test.mjs) runs
 * the same script through the page's API and must give the same lines. Regenerate with
 * {@code -Dtoyisa.regenerate=true} after an intended change, and review the diff.
 */
class PageParityTest {
    static final Path DIR = Path.of("src/test/resources/parity");

    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void theRepl(String cpu) throws IOException {
        String script = Files.readString(DIR.resolve("session.script"), StandardCharsets.UTF_8);
        StringWriter sw = new StringWriter();
        Session s = new Session(Isa.byName(cpu), new PrintWriter(sw), Style.PLAIN, DIR);
        s.setBudget(100_000);
        s.setInput(input(script).getBytes(StandardCharsets.UTF_8));
        s.loadFile("program.pasm");
        StringBuilder out = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            s.execute(line);
            out.append(state(line, s)).append('\n');
        }
        Path golden = DIR.resolve(cpu + ".golden");
        if (TranscriptTest.REGENERATE) {
            Files.writeString(golden, out.toString(), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), out.toString(),
                "the REPL's answers to " + DIR.resolve("session.script") + " on " + cpu + "\n(transcript:\n" + sw + ")");
    }

    /** The script's input: its first line {@code # input: TEXT} ({@code \n} ends a line). */
    static String input(String script) {
        String first = script.substring(0, script.indexOf('\n'));
        return first.substring("# input: ".length()).replace("\\n", "\n") + "\n";
    }

    /** One line of the golden: what a user of either front end sees of the machine after a command. */
    static String state(String command, Session s) {
        Machine m = s.dbg().machine();
        StringBuilder j = new StringBuilder("{\"command\":").append(quote(command));
        j.append(",\"pc\":").append(m.pc()).append(",\"registers\":[");
        for (int r = 0; r < m.registerCount(); r++) j.append(r == 0 ? "" : ",").append(m.register(r));
        j.append("],\"flags\":").append(m.flags()).append(",\"steps\":").append(m.steps());
        j.append(",\"outcome\":").append(quote(m.outcome().name())).append(",\"output\":").append(quote(m.output()));
        j.append(",\"frames\":[");
        boolean first = true;
        for (CallStack.Frame f : s.dbg().frames().list()) {
            j.append(first ? "" : ",").append(f.returnTo());
            first = false;
        }
        int total = s.image().labels.get("total");
        j.append("],\"total\":").append(s.dbg().word(total)).append(",\"stack\":").append(quote(hex(m.readMemory(0xFFF0, 16))));
        j.append(",\"history\":").append(s.dbg().historySize()).append('}');
        return j.toString();
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format(java.util.Locale.ROOT, "%02X", x & 0xFF));
        return sb.toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c < 0x20) sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
