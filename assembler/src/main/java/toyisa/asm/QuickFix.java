package toyisa.asm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edit a diagnostic's hint names, when it names one: "did you mean 'mov'?", MARS's
 * {@code .asciiz}, a hexadecimal number that reads as a name, ARM's {@code #1}, a {@code #} comment.
 * An editor offers it as a quick fix. The hints are worded in {@link Habits} and {@link Suggestions};
 * they are read back here, beside them, so the two cannot drift apart unnoticed (QuickFixTest).
 *
 * @param title       what the fix does, for the editor's menu
 * @param line        1-based line
 * @param column      1-based column of the text to replace
 * @param length      how many characters to replace
 * @param replacement the new text
 */
public record QuickFix(String title, int line, int column, int length, String replacement) {
    private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean '([^']+)'\\?");
    private static final Pattern IS_HERE = Pattern.compile("(?:\\.asciiz is|bytes are|16-bit words are) (\\.[a-z]+) here");
    private static final Pattern WRITE_HEX = Pattern.compile("a hexadecimal number starts with a digit.*: write (0[0-9A-Fa-f]+[hH])$");

    /** The fix a diagnostic's hint names, or {@code null}. */
    public static QuickFix of(Diagnostic d) {
        String hint = d.hint();
        String src = d.source();
        if (hint == null || src == null || d.note() != null) return null; // inside a macro expansion the text is not the file's
        int at = d.column() - 1;
        if (at < 0 || at >= src.length()) return null;
        int len = wordAt(src, at);
        Matcher m = DID_YOU_MEAN.matcher(hint);
        if (m.find() && len > 0) return replace(d, at, len, m.group(1));
        m = IS_HERE.matcher(hint);
        if (m.find() && len > 0) return replace(d, at, len, m.group(1));
        m = WRITE_HEX.matcher(hint);
        if (m.find() && len > 0) return replace(d, at, len, m.group(1));
        if (src.charAt(at) == '#' && hint.startsWith("constants are written without '#'")) {
            return new QuickFix("remove '#'", d.line(), d.column(), 1, "");
        }
        if ((src.charAt(at) == '#' || src.charAt(at) == '@') && hint.startsWith("comments start with ';'")) {
            return new QuickFix("make it a ';' comment", d.line(), d.column(), 1, ";");
        }
        return null;
    }

    private static QuickFix replace(Diagnostic d, int at, int len, String with) {
        return new QuickFix("change '" + d.source().substring(at, at + len) + "' to '" + with + "'", d.line(), d.column(), len, with);
    }

    /** Length of the name or directive starting at {@code at} (0 when none starts there). */
    private static int wordAt(String s, int at) {
        int i = at;
        if (i < s.length() && s.charAt(i) == '.') i++;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) i++;
        return i == at || (i == at + 1 && s.charAt(at) == '.') ? 0 : i - at;
    }
}
