package toyisa.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * A command stream for the REPL made safe to read line by line: a line longer than
 * {@link #MAX_LINE} characters is cut there (the rest of it is skipped), and the stream ends after
 * {@link #MAX_TOTAL} characters — so {@code repl < /dev/zero} neither fills the heap nor reads forever.
 */
final class CommandLines extends Reader {
    static final int MAX_LINE = 4096;
    static final long MAX_TOTAL = 64L << 20;

    private final Reader in;
    private int column;
    private long total;

    CommandLines(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            if (total >= MAX_TOTAL) return n == 0 ? -1 : n;
            int c = in.read();
            total++;
            if (c < 0) return n == 0 ? -1 : n;
            if (c == '\n') column = 0;
            else if (++column > MAX_LINE) continue; // past the bound: skipped up to the end of the line
            buf[off + n++] = (char) c;
            if (c == '\n' || !in.ready()) break;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
