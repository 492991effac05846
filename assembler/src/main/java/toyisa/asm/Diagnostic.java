package toyisa.asm;

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

    /** The first line alone: {@code file:line:col: error: message}. */
    public String headline() {
        return file + ":" + line + ":" + column + ": " + severity + ": " + message;
    }

    /** Headline, the source line with a caret under the column, the note and the hint. */
    public String format() {
        StringBuilder sb = new StringBuilder(headline()).append('\n');
        if (source != null) {
            String shown = source.replace("\r", "");
            sb.append("    ").append(shown).append('\n');
            sb.append("    ");
            // Keep tabs so the caret lines up however the terminal expands them.
            for (int i = 0; i < column - 1 && i < shown.length(); i++) sb.append(shown.charAt(i) == '\t' ? '\t' : ' ');
            sb.append("^\n");
        }
        if (note != null) sb.append("  note: ").append(note).append('\n');
        if (hint != null) sb.append("  hint: ").append(hint).append('\n');
        return sb.toString();
    }
}
