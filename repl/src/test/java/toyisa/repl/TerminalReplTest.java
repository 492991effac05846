package toyisa.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.isa.Isa;

/**
 * The REPL on a terminal: JLine's own terminal over piped streams, driven by keystrokes — Tab
 * completion of commands, file names, labels and registers, Enter repeating a step, history kept
 * across two sessions, and Ctrl-C interrupting a program that never ends without leaving the REPL.
 *
 * <p>Waiting for the REPL's answer is bounded only so a broken build fails instead of hanging; no
 * assertion depends on timing.
 */
class TerminalReplTest {
    @TempDir
    Path dir;

    @Test
    void tabCompletesCommandsFilesLabelsAndRegisters() throws Exception {
        Files.copy(TranscriptTest.DIR.resolve("calls.pasm"), dir.resolve("calls.pasm"));
        try (Driver d = new Driver(dir.resolve("history"))) {
            d.line("he\t\r");
            d.await("Commands (a unique prefix is enough");
            d.line("load cal\t\r");
            d.await("assembled calls.pasm for Armistice");
            d.line("break dou\t\r");
            d.await("breakpoint 1 at 0118h <double>");
            // Two candidates, a register and a label: the second Tab lists them.
            d.line("watch s\t");
            d.await("sp      start");
            d.type("p\r");
            d.await("watch 2: register sp");
            d.line("cont\t\r");
            d.await("watch 2: sp changed from FFFE to FFFC");
            d.line("s\r");
            d.await("c=000E (was 0007)");
            // An empty line repeats the step, as in gdb.
            d.line("\r");
            d.await("memory 0125h: 00 -> 0E");
            // '!' is no history event: the line reaches the REPL as typed.
            d.line("asm !!\r");
            d.await("error: cannot assemble '!!'");
            d.line("quit\r");
            d.awaitEnd();
        }
    }

    @Test
    void historySurvivesTheSession() throws Exception {
        Path history = dir.resolve("config/toyisa/repl_history");
        try (Driver d = new Driver(history)) {
            d.line("asm mov c, 42\r");
            d.await("wrote 36 03 00 2A at 0100h");
            d.line("regs\r");
            d.await("pc=0100h");
            d.line("quit\r");
            d.awaitEnd();
        }
        String saved = Files.readString(history, StandardCharsets.UTF_8);
        assertTrue(saved.contains("asm mov c, 42"), saved);
        try (Driver d = new Driver(history)) {
            // Up three times (the arrow as xterm sends it): quit, regs, then the asm line of the previous session.
            d.line("\033OA\033OA\033OA\r");
            d.await("wrote 36 03 00 2A at 0100h");
            d.line("quit\r");
            d.awaitEnd();
        }
    }

    @Test
    void ctrlCInterruptsContinueAndTheReplGoesOn() throws Exception {
        try (Driver d = new Driver(dir.resolve("history"))) {
            d.session.setBudget(Long.MAX_VALUE);
            d.line("asm jmp 0100h\r");
            d.await("jmp 0100h");
            // The run has no end of its own. A Ctrl-C that arrives while the line is still being read
            // only drops the line (as in a shell), so try again until one interrupts the run.
            for (int attempt = 0; !d.output().contains("interrupted after"); attempt++) {
                if (attempt == 20) fail("Ctrl-C did not interrupt the run:\n" + d.output());
                d.line("continue\r");
                Thread.sleep(200);
                d.type("\u0003");
                d.awaitPrompt();
            }
            d.line("regs\r");
            d.await("pc=0100h");
            d.line("quit\r");
            d.awaitEnd();
            assertFalse(d.output().contains("Exception"), d.output());
        }
    }

    /** Without --input the program's input is typed at an input> prompt; Ctrl-D ends it; back takes it back. */
    @Test
    void aProgramThatReadsAsksAtThePromptAndBackTakesTheInputBack() throws Exception {
        Files.copy(TranscriptTest.DIR.resolve("read.pasm"), dir.resolve("read.pasm"));
        try (Driver d = new Driver(dir.resolve("history"), true)) {
            d.line("load read.pasm\r");
            d.await("assembled read.pasm");
            d.line("continue\r");
            d.await("input> ");
            d.line("21\r");
            d.await("42");
            d.line("\u0004"); // Ctrl-D at the input prompt: the end of the input
            d.await("the program halted");
            d.line("back 7\r");
            d.await("output taken back: \"42\\n\"");
            d.line("continue\r");
            d.await("halted");
            d.line("quit\r");
            d.awaitEnd();
            // Going forward again read the kept line: the REPL asked twice in all (21, then the end).
            assertEquals(2, d.output().split("input> ", -1).length - 1, d.output());
        }
    }

    /** A REPL on a JLine terminal over pipes, in its own thread; {@link #type} presses keys. */
    private static final class Driver implements AutoCloseable {
        final PipedOutputStream keys = new PipedOutputStream();
        final Capture screen = new Capture();
        final Terminal terminal;
        final Session session;
        final Thread thread;

        Driver(Path history) throws IOException {
            this(history, false);
        }

        Driver(Path history, boolean typedInput) throws IOException {
            PipedInputStream in = new PipedInputStream(keys, 1 << 16);
            // JLine's pure-Java terminal: its line discipline turns Ctrl-C into SIGINT for this process,
            // as a real terminal does (TerminalBuilder would put a real pty in between, whose signals
            // would go to nobody).
            terminal = new ExternalTerminal("test", "xterm", in, screen, StandardCharsets.UTF_8);
            terminal.setSize(new Size(120, 40));
            TerminalRepl repl = new TerminalRepl(terminal, history);
            session = new Session(Isa.byName("armistice"), new PrintWriter(repl.writer(), true), repl.style(),
                    history.getParent().getParent() == null ? history.getParent() : history.getParent());
            thread = new Thread(() -> repl.run(session, typedInput), "repl");
            thread.setDaemon(true);
            thread.start();
        }

        void type(String keystrokes) throws IOException {
            keys.write(keystrokes.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** Types a line once the REPL shows its prompt (keys typed earlier would be echoed by the terminal). */
        void line(String keystrokes) throws IOException, InterruptedException {
            awaitPrompt();
            int mark = output().length();
            type(keystrokes);
            if (!keystrokes.endsWith("\r")) return;
            // Wait until the line has been entered, so the next line waits for the next prompt.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!output().substring(mark).contains("\n")) {
                if (System.nanoTime() > deadline) fail("the REPL did not read the line:\n" + output());
                Thread.sleep(5);
            }
        }

        void awaitPrompt() throws InterruptedException {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!output().endsWith("> ")) {
                if (System.nanoTime() > deadline) fail("no prompt on the terminal:\n" + output());
                Thread.sleep(5);
            }
        }

        String output() {
            return screen.text();
        }

        void await(String text) throws InterruptedException {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!output().contains(text)) {
                if (System.nanoTime() > deadline) fail("no '" + text + "' on the terminal:\n" + output());
                Thread.sleep(10);
            }
        }

        void awaitEnd() throws InterruptedException {
            thread.join(60_000);
            assertFalse(thread.isAlive(), "the REPL did not end:\n" + output());
        }

        @Override
        public void close() throws IOException {
            keys.close();
            terminal.close();
        }
    }

    /** What the terminal printed, escape sequences removed. */
    private static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>()][0-9A-Za-z]?|\r", "");
        }
    }
}
