package toyisa.exercises;

/**
 * A grade in the format of Gradescope's autograder {@code results.json}: a total score and one entry
 * per test (name, score, max_score, status, output, visibility). Hidden tests are shown to students
 * only once grades are published.
 */
public final class GradescopeResults {
    private GradescopeResults() {}

    public static String json(Grader.Grade g) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n");
        sb.append("  \"score\": ").append(g.score()).append(",\n");
        sb.append("  \"max_score\": ").append(g.maxScore()).append(",\n");
        sb.append("  \"output\": ").append(string(g.problems().isEmpty()
                ? g.exercise().title() + ": " + g.score() + "/" + g.maxScore()
                : g.problems())).append(",\n");
        sb.append("  \"tests\": [");
        boolean first = true;
        for (Grader.Result r : g.results()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("    {\"name\": ").append(string(r.name()))
                    .append(", \"score\": ").append(r.passed() ? 1 : 0)
                    .append(", \"max_score\": 1")
                    .append(", \"status\": ").append(string(r.passed() ? "passed" : "failed"))
                    .append(", \"output\": ").append(string(r.passed() ? "" : Grader.explain(r)))
                    .append(", \"visibility\": ").append(string(r.test().hidden() ? "after_published" : "visible"))
                    .append('}');
        }
        sb.append(first ? "]\n" : "\n  ]\n");
        sb.append("}\n");
        return sb.toString();
    }

    /** A JSON string literal. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
