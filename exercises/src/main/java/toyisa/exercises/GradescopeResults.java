package toyisa.exercises;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * A grade as Gradescope's autograder {@code results.json}: the top level holds {@code score},
 * {@code execution_time}, {@code output}, {@code visibility}, {@code stdout_visibility} and
 * {@code tests}; each test {@code name}, {@code number}, {@code score}, {@code max_score},
 * {@code status}, {@code output}, {@code visibility} and {@code tags} — nothing outside the
 * specification. A hidden test's output says only whether it passed.
 */
public final class GradescopeResults {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeResults() {}

    public static String json(Grader.Grade g) {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", round2(g.score()));
        root.put("execution_time", Math.max(0, (long) Math.ceil(g.seconds())));
        StringBuilder output = new StringBuilder();
        output.append(g.exercise().title()).append(": ").append(Grader.number(g.score())).append('/')
                .append(Grader.number(g.maxScore())).append('\n');
        for (String p : g.problems()) output.append('\n').append(p).append('\n');
        root.put("output", output.toString());
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        ArrayNode tests = root.putArray("tests");
        int n = 0;
        for (Grader.Result r : g.results()) {
            ObjectNode t = tests.addObject();
            t.put("name", r.name() + (r.test().description().isEmpty() ? "" : " — " + r.test().description()));
            t.put("number", Integer.toString(++n));
            t.put("score", round2(r.score()));
            t.put("max_score", round2(r.maxScore()));
            t.put("status", r.passed() ? "passed" : "failed");
            t.put("output", Feedback.of(r));
            t.put("visibility", r.test().visibility());
            ArrayNode tags = t.putArray("tags");
            r.test().tags().forEach(tags::add);
            if (r.test().hidden()) tags.add("hidden");
            if (r.run() != null) tags.add(r.run().cpu().id());
        }
        return write(root);
    }

    /** Scores to two decimals: a third of a point shows as 0.33, not 0.3333333333333333. */
    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
