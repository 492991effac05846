package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided fuzzing of the grader: any bytes handed in to any kind of exercise end in a grade
 * with every test's result, and a hidden test's expected output never appears in the feedback.
 */
class SubmissionFuzzTest {
    static final List<Exercise> EXERCISES = Course.open(ExampleCourseTest.EXAMPLE).entries().stream()
            .map(Course.Entry::exercise).filter(e -> List.of("sum", "polyglot", "predict-misdecode", "binfmt-intellio", "fat-slices").contains(e.id())).toList();

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void anySubmissionEndsInAGradeThatKeepsHiddenDataHidden(FuzzedDataProvider data) {
        Exercise e = EXERCISES.get(data.consumeInt(0, EXERCISES.size() - 1));
        String name = data.consumeString(30);
        byte[] contents = data.consumeRemainingAsBytes();
        Grader.Grade g = Grader.grade(e, Submission.prepare(e, name, contents));
        int runs = 0;
        for (TestCase t : e.tests()) runs += t.kind() == TestCase.Kind.RUN ? t.runs().size() : 1;
        assertEquals(runs, g.results().size());
        String shown = Feedback.report(g) + GradescopeResults.json(g) + PrairieLearnResults.json(g);
        // What the student handed in, as it may come back in their own diagnostics: raw, and escaped
        // for the terminal (byte 03h before "4282" is shown as \x034282, which spells 34282).
        String text = new String(contents, java.nio.charset.StandardCharsets.UTF_8);
        String handedIn = new String(contents, java.nio.charset.StandardCharsets.ISO_8859_1) + "\n" + name + "\n"
                + toyisa.isa.Printable.of(text, true) + "\n" + toyisa.isa.Printable.name(name);
        for (TestCase t : e.tests()) {
            String secret = t.stdout() == null ? "" : t.stdout().text().strip();
            // A submission that itself holds the text gets it echoed back in its own diagnostics: no leak.
            if (t.hidden() && secret.length() > 3 && !handedIn.contains(secret))
                assertFalse(shown.contains(secret), "hidden output of " + t.name() + " shown");
        }
    }
}
