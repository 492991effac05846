package toyisa.repl;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** A program's standard input read a line at a time, only when the program asks for a byte. */
final class PromptedInput extends InputStream {
    private final Runnable beforeAsking;
    private final Supplier<String> lines;
    private byte[] line = new byte[0];
    private int at;

    /** {@code beforeAsking} runs before each line is asked for (the output so far flushed); a null line is the end. */
    PromptedInput(Runnable beforeAsking, Supplier<String> lines) {
        this.beforeAsking = beforeAsking;
        this.lines = lines;
    }

    @Override
    public int read() {
        if (at >= line.length) {
            beforeAsking.run();
            String l = lines.get();
            if (l == null) return -1;
            line = (l + "\n").getBytes(StandardCharsets.UTF_8);
            at = 0;
        }
        return line[at++] & 0xFF;
    }
}
