package toyisa.asm;

import toyisa.isa.Printable;

/**
 * One message about the source: an error (no output is produced) or a warning (output is still
 * produced). Printed like a C compiler's, so editors and students read it the same way:
 *
 * <pre>
 * prog.pasm:3:1: error: Intellio has no port I/O
 *     out 1234h, 42
 *     ^
 *   hint: use the HAL: mov a,10h / mov c,… / int 13h
 * </pre>
 *
 * @param severity error or warning
 * @param file     the file name as given to the assembler (or an included file's name)
 * @param line     1-based line
 * @param column   1-based column
 * @param message  what is wrong
 * @param hint     how to fix it, or {@code null}
 * @param source   the source line the column points into (for a macro expansion: the expanded line)
 * @param note     where a macro expansion came from, or {@code null}
 */
public record Diagnostic(Severity severity, String file, int line, int column, String message, String hint,
                         String source, String note) {

    public enum Severity {
        ERROR, WARNING;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The same diagnostic with a tag appended to its message (a fat build names the target). */
    public Diagnostic tagged(String tag) {
        return new Diagnostic(severity, file, line, column, message + " [" + tag + "]", hint, source, note);
    }

    /** The most characters of a source line a diagnostic echoes. */
    static final int SOURCE_ECHO = 160;
    /** The most characters of a message. */
    static final int MESSAGE_ECHO = 300;

    /** The first line alone: {@code file:line:col: error: message}. */
    public String headline() {
        String m = Printable.name(message);
        if (m.length() > MESSAGE_ECHO) m = m.substring(0, MESSAGE_ECHO) + "…"; // a message quoting a 2 MB token
        return Printable.name(file) + ":" + line + ":" + column + ": " + severity + ": " + m;
    }

    /** Headline, the source line with a caret under the column, the note and the hint. */
    public String format() {
        StringBuilder sb = new StringBuilder(headline()).append('\n');
        if (source != null) {
            // A long line is shown around the column; control characters are escaped, and the caret is
            // placed under the escaped text. Tabs stay, so the caret lines up however the terminal expands them.
            String raw = source.replace("\r", "");
            int col = Math.max(1, column);
            int start = raw.length() <= SOURCE_ECHO ? 0 : Math.max(0, Math.min(col - 1 - SOURCE_ECHO / 2, raw.length() - SOURCE_ECHO));
            int end = Math.min(raw.length(), start + SOURCE_ECHO);
            String prefix = start > 0 ? "…" : "";
            String before = prefix + Printable.of(raw.substring(start, Math.max(start, Math.min(col - 1, end))), true);
            sb.append("    ").append(prefix).append(Printable.of(raw.substring(start, end), true)).append(end < raw.length() ? "…" : "").append('\n');
            sb.append("    ");
            for (int i = 0; i < before.length(); i++) sb.append(before.charAt(i) == '\t' ? '\t' : ' ');
            sb.append("^\n");
        }
        if (note != null) sb.append("  note: ").append(note).append('\n');
        if (hint != null) sb.append("  hint: ").append(hint).append('\n');
        return sb.toString();
    }
}
