package toyisa.exercises;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text answers to prediction questions: the file a student hands in ({@code id: answer}, one a line)
 * and the normalisation both sides go through before they are compared, so that {@code 0104h},
 * {@code 0x104} and {@code 260} are one answer, and so are {@code SIGILL} and {@code sigill}.
 */
public final class Answers {
    private Answers() {}

    /** Numbers as the assembler writes them: 0x1F, 1Fh, 0b101, 42. */
    private static final Pattern NUMBER = Pattern.compile("\\b(?:0x([0-9a-f]+)|0b([01]+)|([0-9][0-9a-f]*)h|([0-9]+))\\b");

    /** Lower case (Locale.ROOT), numbers in decimal, whitespace collapsed, outer quotes and a final period dropped. */
    public static String normalise(String answer) {
        String s = answer.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'")))
            s = s.substring(1, s.length() - 1).strip();
        while (s.endsWith(".")) s = s.substring(0, s.length() - 1).strip();
        Matcher m = NUMBER.matcher(s);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            BigInteger v;
            if (m.group(1) != null) v = new BigInteger(m.group(1), 16);
            else if (m.group(2) != null) v = new BigInteger(m.group(2), 2);
            else if (m.group(3) != null) v = new BigInteger(m.group(3), 16);
            else v = new BigInteger(m.group(4), 10);
            // By position rather than appendReplacement: the page's compiled grader has no StringBuilder form of it.
            sb.append(s, last, m.start()).append(v);
            last = m.end();
        }
        sb.append(s, last, s.length());
        return sb.toString();
    }

    /** A parsed answers file. */
    public record Sheet(Map<String, String> answers, String problems) {}

    /** Reads {@code id: answer} (or {@code id = answer}) lines; {@code #} starts a comment line. */
    public static Sheet parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder problems = new StringBuilder();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int colon = l.indexOf(':'), eq = l.indexOf('=');
            int cut = colon < 0 ? eq : eq < 0 ? colon : Math.min(colon, eq);
            if (cut <= 0) {
                problems.append("line ").append(n).append(": write 'question-id: your answer'\n");
                continue;
            }
            String id = l.substring(0, cut).strip().toLowerCase(Locale.ROOT);
            String answer = l.substring(cut + 1).strip();
            if (out.containsKey(id)) problems.append("line ").append(n).append(": '").append(clip(id)).append("' is answered twice; the first answer counts\n");
            else out.put(id, answer);
        }
        return new Sheet(out, problems.toString());
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
