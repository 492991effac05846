package toyisa.isa;

/**
 * Text from a file or a guest made safe for a terminal: control characters (C0, DEL, C1 — among
 * them ESC, which starts terminal escape sequences, and CR, which overwrites a line) are shown as
 * {@code \xNN}, and the characters that reorder a line (bidi overrides, isolates and marks) as
 * {@code \}{@code uNNNN}, so a symbol name or a source line can neither colour, move nor clear the screen,
 * nor show its text in another order than it has. This is the one rule for all outside text.
 */
public final class Printable {
    private Printable() {}

    /** The text with every control character escaped; tabs kept when {@code keepTabs}. */
    public static String of(String s, boolean keepTabs) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c) && !(keepTabs && c == '\t')) {
                if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                escape(sb, c);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * True for a character that must not reach a terminal raw: C0 controls (ESC among them), DEL, C1
     * controls (U+009B is a one-character CSI), the line and paragraph separators, and the
     * characters that reorder text: bidi embeddings and overrides U+202A–202E, isolates
     * U+2066–2069, the marks U+200E, U+200F and U+061C.
     */
    public static boolean unsafe(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029' || c >= '\u202A' && c <= '\u202E'
                || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    /** Text of several lines (a statement, a report) made safe: line ends and tabs kept, all else escaped. */
    public static String lines(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean keep = c == '\n' || c == '\t' || c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
            if (!keep && unsafe(c)) {
                if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                escape(sb, c);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Appends {@code c} as {@code \xNN} or {@code \}{@code uNNNN}. */
    public static void escape(StringBuilder sb, char c) {
        if (c <= 0xFF) sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
        else sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
    }

    /** A name (symbol, label, file) made safe, tabs escaped too. */
    public static String name(String s) {
        return of(s, false);
    }
}
