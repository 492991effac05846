package toyisa.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import toyisa.isa.Printable;

/**
 * A writer that lets nothing reach the terminal that {@link Printable} would escape: line ends and
 * tabs pass, every other control or bidi character is written as {@code \xNN} or {@code \}{@code uNNNN}.
 * The commands whose output is made of toyisa's words and outside text (a course's titles, a TXF's
 * names, a registry's entries) and all error output go through it, so a piece of outside text that
 * a command forgot to escape still cannot drive the terminal. A guest program's output does not
 * pass here: it is the program's, and goes out as the bytes it wrote.
 */
final class TerminalText extends FilterWriter {
    /** A CR held back until the next character shows whether it ends a line (CR LF) or not. */
    private boolean pendingCr;

    private TerminalText(Writer out) {
        super(out);
    }

    /** {@code out} behind the filter, flushing on each line as a terminal's writer does. */
    static PrintWriter wrap(PrintWriter out) {
        return new PrintWriter(new TerminalText(out), true);
    }

    @Override
    public void write(int c) throws IOException {
        StringBuilder sb = new StringBuilder(8);
        append(sb, (char) c);
        out.write(sb.toString());
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        StringBuilder sb = new StringBuilder(len + 8);
        for (int i = 0; i < len; i++) append(sb, cbuf[off + i]);
        out.write(sb.toString());
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        StringBuilder sb = new StringBuilder(len + 8);
        for (int i = 0; i < len; i++) append(sb, str.charAt(off + i));
        out.write(sb.toString());
    }

    private void append(StringBuilder sb, char ch) {
        if (pendingCr) {
            pendingCr = false;
            if (ch == '\n') sb.append('\r');
            else Printable.escape(sb, '\r');
        }
        if (ch == '\r') pendingCr = true;
        else if (ch == '\n' || ch == '\t' || !Printable.unsafe(ch)) sb.append(ch);
        else Printable.escape(sb, ch);
    }

    @Override
    public void flush() throws IOException {
        // a CR at the very end of what was written stays held: it may be the first half of CR LF
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (pendingCr) out.write("\\x0d");
        pendingCr = false;
        out.flush();
    }
}
