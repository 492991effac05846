package toyisa.exercises;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code toyisa exercise validate} checks of an exercise in the instructor's copy: it is well
 * formed (it was read at all), its reference solution passes every test on every CPU and engine, and
 * its starter does not.
 */
public final class Validation {
    private Validation() {}

    /**
     * The verdict on one exercise.
     *
     * @param errors   what must be fixed
     * @param warnings what is allowed but probably not meant
     * @param summary  one line when all is well
     */
    public record Verdict(String id, List<String> errors, List<String> warnings, String summary) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Verdict of(Course.Entry entry) {
        if (entry.broken()) return new Verdict(entry.id(), List.of(entry.problem().getMessage()), List.of(), "");
        Exercise e = entry.exercise();
        List<String> errors = new ArrayList<>(), warnings = new ArrayList<>();
        if (e.statement().isBlank()) errors.add("statement.md is empty");
        if (e.tests().isEmpty()) errors.add("the exercise has no tests");
        if (!e.hasHidden() && e.submit() != Exercise.Submit.TEXT) warnings.add("no hidden.toml: every test is visible to students");
        String summary = "";
        if (e.solution() == null) {
            errors.add("no solution file (solution" + e.submissionExtension() + "): validate needs the reference solution");
        } else {
            Grader.Grade sol = Grader.grade(e, Submission.prepare(e, e.solutionFile(), e.solution()));
            for (String p : sol.problems()) errors.add("the solution: " + p);
            for (Grader.Result r : sol.results()) {
                // The instructor sees why, hidden tests included: input, expected and actual output, the report.
                if (!r.passed()) errors.add("the solution fails " + r.name() + (r.test().hidden() ? " (hidden)" : "")
                        + ": " + String.join("; ", r.failures()) + "\n" + Feedback.indent(Feedback.indent(Feedback.explain(r))).stripTrailing());
            }
            Grader.Grade st = Grader.grade(e, Submission.prepare(e, e.starterFile(),
                    e.starter().getBytes(StandardCharsets.UTF_8)));
            if (st.passed()) errors.add("the starter already passes every test");
            summary = "solution passes " + sol.results().size() + "/" + sol.results().size() + " results ("
                    + Grader.number(sol.score()) + (sol.score() == 1 ? " point" : " points") + "); the starter scores " + Grader.number(st.score());
        }
        return new Verdict(e.id(), List.copyOf(errors), List.copyOf(warnings), summary);
    }
}
