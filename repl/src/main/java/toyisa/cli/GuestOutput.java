package toyisa.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A guest program's output as the bytes it wrote. The machine keeps output as one char per byte
 * (0..255); on the real standard output those bytes go out as they are — HAL 11h with c = E9h
 * writes the byte E9h, not its UTF-8 encoding — while toyisa's own messages stay UTF-8 text.
 */
final class GuestOutput {
    /** The process's standard output, for raw bytes; null when the output is a test's writer. */
    private static volatile OutputStream raw;
    private static volatile boolean failed;

    private GuestOutput() {}

    /** Called by {@code main} with the real standard output. */
    static void useRawStream(OutputStream stdout) {
        raw = stdout;
    }

    /** Writes guest output: raw bytes where there is a real standard output, else as text to {@code out}. */
    static void write(PrintWriter out, String guestText) {
        OutputStream r = raw;
        if (r == null) {
            out.print(guestText);
            out.flush();
            return;
        }
        out.flush(); // toyisa's own text first, so the two keep their order
        try {
            r.write(guestText.getBytes(StandardCharsets.ISO_8859_1));
            r.flush();
        } catch (IOException e) {
            failed = true; // a closed pipe or a full disk: the run ends at once, and toyisa exits with 74
            throw new Closed();
        }
    }

    /** Thrown out of a run (through the interpreter or the translator) when its output cannot be written. */
    static final class Closed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super("standard output closed", null, false, false);
        }
    }

    /** True once guest output could not be written. */
    static boolean failed() {
        return failed;
    }
}
