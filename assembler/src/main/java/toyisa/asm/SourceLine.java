package toyisa.asm;

/** What the front end reads off a line's text before the parser sees it. */
final class SourceLine {
    private SourceLine() {}

    /** Strips a {@code ;} comment (outside quotes). */
    static String stripComment(String line) {
        boolean dq = false, sq = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && (dq || sq)) i++;
            else if (c == '"' && !sq) dq = !dq;
            else if (c == '\'' && !dq) sq = !sq;
            else if (c == ';' && !dq && !sq) return line.substring(0, i);
        }
        return line;
    }

    /** The deepest nesting of parentheses and brackets before a comment: refused over a bound before the parser recurses. */
    static int nesting(String line) {
        int depth = 0, max = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ';') break;
            if (c == '(' || c == '[') max = Math.max(max, ++depth);
            else if (c == ')' || c == ']') depth--;
        }
        return max;
    }
}
