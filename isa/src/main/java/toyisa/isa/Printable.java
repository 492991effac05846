package toyisa.isa;

/**
 * Text from a file or a guest made safe for a terminal: control characters (C0, DEL, C1 — among
 * them ESC, which starts terminal escape sequences, and CR, which overwrites a line) are shown as
 * {@code \xNN}, so a symbol name or a source line can neither colour, move nor clear the screen.
 */
public final class Printable {
    private Printable() {}

    /** The text with every control character escaped; tabs kept when {@code keepTabs}. */
    public static String of(String s, boolean keepTabs) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 && !(keepTabs && c == '\t') || c >= 0x7F && c <= 0x9F
                    || c == '\u2028' || c == '\u2029' || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
            if (control) {
                if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                if (c <= 0xFF) sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
                else sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** A name (symbol, label, file) made safe, tabs escaped too. */
    public static String name(String s) {
        return of(s, false);
    }
}
