package toyisa.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toyisa repl} in a real pseudo-terminal (tmux): the system terminal JLine opens for a user,
 * colour on, Tab completion, and Ctrl-C delivered as a real SIGINT to a running {@code continue}.
 * Skipped where tmux is not installed. Waits are bounded only so a broken build fails instead of
 * hanging; nothing asserts on timing.
 */
class TmuxReplTest {
    @TempDir
    Path dir;

    private final String name = "toyisa-repl-test-" + ProcessHandle.current().pid();
    private boolean started;

    @Test
    void completionAndCtrlCInARealTerminal() throws Exception {
        assumeTrue(tmuxAvailable(), "tmux is not installed");
        Files.copy(TranscriptTest.DIR.resolve("calls.pasm"), dir.resolve("calls.pasm"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = quote(java) + " -cp " + quote(System.getProperty("java.class.path"))
                + " toyisa.cli.Toyisa repl --history " + quote(dir.resolve("history").toString()) + " calls.pasm";
        tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "50", "-c", dir.toString(), command);
        started = true;

        await("armistice 0100h>");
        keys("br", "Tab", " dou", "Tab", "Enter");
        await("breakpoint 1 at 0118h <double>");
        keys("cont", "Enter");
        await("breakpoint 1, 0118h <double>");
        keys("asm jmp 0118h", "Enter");
        await("wrote 50 00 01 18 at 0118h");
        keys("delete", "Enter");
        await("deleted 1 breakpoint");
        keys("continue", "Enter");
        // The loop never ends: a real Ctrl-C (SIGINT through the terminal) must stop it, not the REPL.
        for (int attempt = 0; !screen().contains("interrupted after"); attempt++) {
            if (attempt == 100) fail("Ctrl-C did not interrupt the run:\n" + screen());
            Thread.sleep(200);
            keys("C-c");
        }
        // A second Ctrl-C may still be on its way and drop the first line typed: quit until it ends.
        for (int attempt = 0; !screen().contains("REPL-ENDED"); attempt++) {
            if (attempt == 20) fail("the REPL did not end:\n" + screen());
            keys("quit", "Enter");
            Thread.sleep(500);
        }
        assertTrue(Files.readString(dir.resolve("history"), StandardCharsets.UTF_8).contains("asm jmp 0118h"));
    }

    @AfterEach
    void stop() throws Exception {
        if (started) {
            ProcessBuilder pb = new ProcessBuilder("tmux", "kill-session", "-t", name);
            pb.redirectErrorStream(true);
            pb.start().waitFor();
        }
    }

    private static boolean tmuxAvailable() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Presses keys: {@code Tab}, {@code Enter} and {@code C-c} by name, anything else as literal text. */
    private void keys(String... keys) throws Exception {
        for (String k : keys) {
            boolean named = k.equals("Tab") || k.equals("Enter") || k.equals("C-c");
            // Literal (-l), or tmux would read "delete" as the Delete key.
            if (named) tmux("send-keys", "-t", name, k);
            else tmux("send-keys", "-t", name, "-l", k);
        }
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-S", "-200", "-t", name);
    }

    private void await(String text) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!screen().contains(text)) {
            if (System.nanoTime() > deadline) fail("no '" + text + "' in the terminal:\n" + screen());
            Thread.sleep(50);
        }
    }

    private static String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        // The session's command line ends by printing a marker, so the test sees the REPL leave.
        if (args[0].equals("new-session")) cmd.set(cmd.size() - 1, args[args.length - 1] + "; echo REPL-ENDED; sleep 60");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("tmux " + String.join(" ", args) + ": " + out);
        return out;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
