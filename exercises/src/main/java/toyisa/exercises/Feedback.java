package toyisa.exercises;

/**
 * A grade as a student reads it. A visible test that fails shows why: the input, a line diff of
 * the output, the exit status, the checks that did not hold and the crash report. A hidden test
 * shows its name and whether it passed — nothing of its input, its expected output, or what the
 * program did with them.
 */
public final class Feedback {
    /** Lines of a diff shown before the rest is summarised. */
    static final int DIFF_LINES = 40;
    /** Characters of one line of a diff. */
    static final int LINE_CHARS = 200;

    private Feedback() {}

    /** The whole report: problems, one line per result (with details for visible failures), the score. */
    public static String report(Grader.Grade g) {
        StringBuilder sb = new StringBuilder();
        for (String p : g.problems()) sb.append(p).append('\n');
        int width = 0;
        for (Grader.Result r : g.results()) width = Math.max(width, label(r).length());
        for (Grader.Result r : g.results()) {
            String label = label(r);
            sb.append(r.passed() ? "PASS " : "FAIL ").append(label).append(" ".repeat(width - label.length()))
                    .append("  ").append(Grader.number(r.score())).append('/').append(Grader.number(r.maxScore())).append('\n');
            if (!r.passed() && !r.test().hidden()) sb.append(indent(explain(r)));
        }
        sb.append("score: ").append(Grader.number(g.score())).append('/').append(Grader.number(g.maxScore())).append('\n');
        return sb.toString();
    }

    /** What {@link #nothingToRun} says, and whether there is nothing to fix. */
    public record Unchecked(String report, boolean ok) {}

    /**
     * What a student's copy can check when it holds no test to run (the answers of a text exercise
     * live in the instructor's hidden.toml): the file's form, every question answered. The command
     * line's {@code exercise check} and the page print it for such a copy.
     */
    public static Unchecked nothingToRun(Exercise e, Submission s) {
        StringBuilder sb = new StringBuilder();
        for (String p : s.problems()) sb.append(p).append('\n');
        boolean ok = s.problems().isEmpty();
        if (e.submit() == Exercise.Submit.TEXT && s.answers() != null) {
            java.util.Map<String, String> answers = s.answers().answers();
            double points = 0;
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (Exercise.Question q : e.questions()) {
                ids.add(q.id());
                points += q.points();
                String a = answers.get(q.id());
                boolean given = a != null && !a.isBlank();
                sb.append(given ? "answered   " : "NO ANSWER  ").append(q.id());
                if (given) sb.append(": ").append(toyisa.isa.Printable.name(a.length() > 60 ? a.substring(0, 60) + "…" : a));
                sb.append('\n');
                ok &= given;
            }
            for (String id : answers.keySet()) {
                if (ids.contains(id)) continue;
                String shown = id.replaceAll("\\p{Cntrl}", "?");
                if (shown.length() > 40) shown = shown.substring(0, 40) + "…";
                sb.append("UNKNOWN    ").append(toyisa.isa.Printable.name(shown))
                        .append(": no question has this id, so this answer is not graded (ids: ").append(String.join(", ", ids)).append(")\n");
                ok = false;
            }
            sb.append("not checked here: whether the answers are right. The autograder compares them with the\n");
            sb.append("instructor's answers (").append(e.questions().size()).append(" questions, ").append(Grader.number(points))
                    .append(points == 1 ? " point" : " points").append("); this copy of the exercise does not have them.\n");
        } else {
            sb.append("not checked here: this copy of the exercise has no test that can run (its tests are hidden).\n");
            sb.append(ok ? "The submission is well formed; the autograder grades it." : "Fix the problems above before you hand it in.").append('\n');
        }
        return new Unchecked(sb.toString(), ok);
    }

    private static String label(Grader.Result r) {
        return r.name() + (r.test().hidden() ? " (hidden)" : "");
    }

    /**
     * What a student may see of one result: for a hidden test only that it passed or failed, for a
     * visible one why it failed.
     */
    public static String of(Grader.Result r) {
        if (r.test().hidden()) return r.passed() ? "passed" : "failed (a hidden test: its data is not shown)";
        return r.passed() ? "passed" : explain(r);
    }

    /** Why a visible test failed. */
    static String explain(Grader.Result r) {
        StringBuilder sb = new StringBuilder();
        TestCase t = r.test();
        if (t.kind() == TestCase.Kind.RUN && !t.input().isEmpty()) sb.append("input:\n").append(indent(clip(t.input())));
        for (String f : r.failures()) {
            sb.append(f).append('\n');
            if (f.equals("output differs")) sb.append(diff(t.stdout(), r.output()));
        }
        if (!r.report().isEmpty()) sb.append(r.report());
        return sb.toString();
    }

    private static String diff(TestCase.Output want, String actual) {
        StringBuilder sb = new StringBuilder();
        if (want.match() == TestCase.Match.REGEX) {
            sb.append("  expected output matching: ").append(line(want.text())).append('\n');
            sb.append("  actual output:\n");
            String[] act = lines(actual);
            for (int i = 0; i < act.length && i < DIFF_LINES; i++) sb.append("    ").append(line(act[i])).append('\n');
            if (act.length > DIFF_LINES) sb.append("  … (").append(act.length - DIFF_LINES).append(" more lines)\n");
            return sb.toString();
        }
        boolean trim = want.match() == TestCase.Match.TRAILING_WHITESPACE;
        String[] exp = lines(trim ? TestCase.Output.trimLines(want.text()) : want.text());
        String[] act = lines(trim ? TestCase.Output.trimLines(actual) : actual);
        sb.append("  (- expected, + actual)\n");
        int n = Math.max(exp.length, act.length);
        for (int i = 0; i < n && i < DIFF_LINES; i++) {
            String e = i < exp.length ? exp[i] : null, a = i < act.length ? act[i] : null;
            if (e != null && e.equals(a)) sb.append("    ").append(line(e)).append('\n');
            else {
                if (e != null) sb.append("  - ").append(line(e)).append('\n');
                if (a != null) sb.append("  + ").append(line(a)).append('\n');
            }
        }
        if (n > DIFF_LINES) sb.append("  … (").append(n - DIFF_LINES).append(" more lines)\n");
        if (!trim && java.util.Arrays.equals(exp, act) && !want.text().equals(actual))
            sb.append("  (the lines agree; the difference is in line endings or a final newline)\n");
        return sb.toString();
    }

    /** A line made safe to show: control characters escaped, long lines cut. */
    private static String line(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < LINE_CHARS; i++) {
            char c = s.charAt(i);
            if (c == '\t') sb.append("\\t");
            else if (c < 0x20 || c == 0x7F) sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            else sb.append(c);
        }
        if (s.length() > LINE_CHARS) sb.append('…');
        return sb.toString();
    }

    private static String clip(String s) {
        String[] ls = lines(s);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ls.length && i < 10; i++) sb.append(line(ls[i])).append('\n');
        if (ls.length > 10) sb.append("… (").append(ls.length - 10).append(" more lines)\n");
        return sb.toString();
    }

    private static String[] lines(String s) {
        if (s.isEmpty()) return new String[0];
        return (s.endsWith("\n") ? s.substring(0, s.length() - 1) : s).split("\n", -1);
    }

    static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n")) sb.append("    ").append(line).append('\n');
        return sb.toString();
    }
}
