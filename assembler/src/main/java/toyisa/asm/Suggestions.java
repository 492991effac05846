package toyisa.asm;

import java.util.Collection;
import java.util.Locale;
import org.antlr.v4.runtime.Token;

/** The words of the assembler's messages that are worked out: syntax errors, "did you mean", operand kinds. */
final class Suggestions {
    private Suggestions() {}

    /**
     * A syntax error as the user reads it: the message ({@code syntax error: unexpected ','}) and a
     * hint, or null, for the token the parser stopped at on a line.
     */
    static String[] syntax(Token t, String msg, String text, int pos) {
        String what;
        String hint = null;
        if (t == null) what = "syntax error";
        else if (t.getType() == PasmLexer.BAD) {
            String s = t.getText();
            what = "unexpected character '" + s + "'";
            if (s.equals("\"")) hint = "a string ends with \" on the same line";
            else if (s.equals("'")) hint = "a character constant is one character in quotes: 'A'";
            else hint = Habits.character(s, pos + 1 < text.length() ? text.charAt(pos + 1) : ' ');
        } else if (t.getType() == Token.EOF || t.getType() == PasmLexer.NEWLINE) {
            what = msg.startsWith("missing") ? msg.replace("'\\n'", "end of line").replace("'<EOF>'", "end of line")
                    : "unexpected end of line";
        } else if (msg.startsWith("missing")) {
            what = msg;
        } else {
            what = "unexpected '" + t.getText() + "'";
        }
        if (hint == null && t != null && t.getType() == PasmLexer.DIRECTIVE) hint = "a directive starts a statement: one per line";
        return new String[] {"syntax error: " + what, hint};
    }

    static String describe(String kinds) {
        if (kinds.isEmpty()) return "no operands";
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < kinds.length(); i++) {
            sb.append(i == 0 ? "" : ", ").append(switch (kinds.charAt(i)) {
                case 'r' -> "register";
                case 'i' -> "constant";
                case 'm' -> "[register + constant]";
                default -> "[address]";
            });
        }
        return sb.append(')').toString();
    }

    /** "did you mean 'mov'?" for the nearest candidate within two edits, else {@code null}. */
    static String suggest(String word, Collection<String> candidates) {
        String best = null;
        int bestDist = 3;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDist) {
                bestDist = d;
                best = c;
            }
        }
        return best == null || bestDist == 0 ? null : "did you mean '" + best + "'?";
    }

    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) return 99;
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
