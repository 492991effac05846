package toyisa.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.cli.Toyisa;
import toyisa.isa.Isa;

/** What the transcripts cannot show: a small reverse-step history, completion lists, the command line. */
class SessionTest {
    @TempDir
    Path dir;

    private final StringWriter text = new StringWriter();

    private Session session(String cpu, int history) {
        return new Session(Isa.byName(cpu), new PrintWriter(text), Style.PLAIN, TranscriptTest.DIR, history);
    }

    private String run(Session s, String... commands) {
        text.getBuffer().setLength(0);
        for (String c : commands) s.execute(c);
        return text.toString();
    }

    @Test
    void backSaysSoWhenItRunsPastTheHistory() {
        Session s = session("intellio", 5);
        s.loadFile("loop.pasm");
        String out = run(s, "step 8", "back 10");
        assertTrue(out.contains("went back 5 steps, as far as the history goes (it keeps the last 5 steps)"), out);
        out = run(s, "back", "info history");
        assertTrue(out.contains("nothing more to undo: the history keeps only the last 5 steps"), out);
        assertTrue(out.contains("0 steps can be undone with 'back' (the history keeps the last 5; older steps are forgotten)"), out);
    }

    @Test
    void completionOffersWhatEachCommandTakes() {
        Session s = session("armistice", 100);
        s.loadFile("calls.pasm");
        assertEquals(List.of("back", "backtrace", "break"), s.complete(List.of(), "b"));
        assertEquals(List.of("breaks", "display", "frame", "history", "labels", "line", "registers"), s.complete(List.of("info"), ""));
        assertTrue(s.complete(List.of("info", "registers"), "").contains("sp"));
        assertEquals(List.of("double"), s.complete(List.of("break"), "d"));
        assertEquals(List.of("r0", "r1", "r10", "r11", "r12", "r13", "r14", "r15", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "result"),
                s.complete(List.of("mem"), "r"));
        assertEquals(List.of("armistice", "intellio"), s.complete(List.of("cpu"), ""));
        assertEquals(List.of("on", "off").stream().sorted().toList(), s.complete(List.of("trace"), ""));
        assertEquals(List.of("calls.arm.txf", "calls.pasm"), s.complete(List.of("load"), "calls"));
        assertTrue(s.complete(List.of("asm"), "mo").contains("mov"));
        s.execute("cpu intellio");
        assertEquals(List.of("sp", "start"), s.complete(List.of("watch"), "s"));
    }

    @Test
    void theCommandLineRunsAScriptAndReadsCommandsFromAPipe() throws Exception {
        Path script = dir.resolve("demo.script");
        Files.writeString(script, "# narration\ncontinue\n");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Toyisa.execute(new String[] {"repl", "--cpu", "intellio", "--script", script.toString(),
                TranscriptTest.DIR.resolve("print.pasm").toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("# narration\n> continue\n42\n"), out.toString());

        // Standard input that is not a terminal is a script too.
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("step\nquit\nstep\n".getBytes(StandardCharsets.UTF_8)));
            StringWriter piped = new StringWriter();
            status = Toyisa.execute(new String[] {"repl", TranscriptTest.DIR.resolve("print.pasm").toString()},
                    new PrintWriter(piped), new PrintWriter(err));
            assertEquals(0, status, err.toString());
            assertTrue(piped.toString().endsWith("> step\n  a=0010 (was 0000)\nsrc/test/resources/repl/print.pasm:3  mov c, 42\n"
                    + "=> 0104h  36 03 00 2A  mov c, 2Ah\n> quit\n"), piped.toString());
        } finally {
            System.setIn(saved);
        }
    }

    /** Found by {@link NeverDiesTest}: a NUL in a file name made Path.resolve throw. */
    @Test
    void loadOfANameWithANulIsAMessage() {
        Session s = session("armistice", 100);
        s.loadFile("calls.pasm");
        String out = run(s, "load a\u0000b", "break x\u0000y:3");
        // and the NUL is shown, not printed: what was typed comes back escaped
        assertTrue(out.contains("error: 'a\\x00b' is not a file name"), out);
        assertTrue(out.contains("error: no line information for 'x\\x00y'"), out);
    }

    @Test
    void badOptionsAreUsageErrors() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(Toyisa.USAGE, Toyisa.execute(new String[] {"repl", "--cpu", "z80"}, new PrintWriter(out), new PrintWriter(err)));
        assertTrue(err.toString().contains("unknown CPU 'z80'"), err.toString());
    }
}
