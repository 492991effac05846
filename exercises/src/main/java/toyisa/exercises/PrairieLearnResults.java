package toyisa.exercises;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A grade as PrairieLearn's external grader {@code results.json}: {@code gradable}, {@code score}
 * in [0, 1], {@code message}, {@code output} and {@code tests} with {@code points} and
 * {@code max_points}. A submission that cannot be read as the exercise's kind (it does not
 * assemble, say) is not gradable: PrairieLearn shows its {@code format_errors} and charges no attempt.
 */
public final class PrairieLearnResults {
    private PrairieLearnResults() {}

    public static String json(Grader.Grade g) {
        ObjectNode root = GradescopeResults.JSON.createObjectNode();
        if (g.formatError()) {
            root.put("gradable", false);
            ArrayNode errors = root.putArray("format_errors");
            g.problems().forEach(errors::add);
            return GradescopeResults.write(root);
        }
        root.put("gradable", true);
        double max = g.maxScore();
        root.put("score", max == 0 ? 0 : Math.min(1, Math.max(0, Math.round(g.score() / max * 10000) / 10000.0)));
        root.put("message", g.exercise().title() + ": " + Grader.number(g.score()) + "/" + Grader.number(max));
        root.put("output", String.join("\n", g.problems()));
        ArrayNode tests = root.putArray("tests");
        for (Grader.Result r : g.results()) {
            ObjectNode t = tests.addObject();
            t.put("name", r.name());
            t.put("description", r.test().description());
            t.put("points", GradescopeResults.round2(r.score()));
            t.put("max_points", GradescopeResults.round2(r.maxScore()));
            t.put("message", r.passed() ? "passed" : "failed");
            t.put("output", Feedback.of(r));
        }
        return GradescopeResults.write(root);
    }
}
