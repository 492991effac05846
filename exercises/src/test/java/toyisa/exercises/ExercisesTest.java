package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every exercise is gradeable: its solution passes everything, its starter does not, bad submissions get a grade. */
class ExercisesTest {
    private static Grader.Grade grade(Exercise e, String submission) {
        return Grader.grade(e, Submission.prepare(e, "submission" + e.submissionExtension(), submission.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyReferenceSolutionPassesEveryTestOnEveryCpu() {
        List<Exercise> all = Exercise.all();
        assertEquals(7, all.size());
        for (Exercise e : all) {
            Grader.Grade g = grade(e, e.solution());
            assertTrue(g.passed(), e.id() + ":\n" + Grader.report(g));
            assertTrue(g.maxScore() >= 1, e.id());
        }
    }

    @Test
    void noStarterPassesAlready() {
        for (Exercise e : Exercise.all()) {
            Grader.Grade g = grade(e, e.starter());
            assertFalse(g.passed(), e.id() + ": the starter already passes");
        }
    }

    @Test
    void aFailureShowsTheDiffAndTheCrash() {
        Exercise polyglot = Exercise.byId("polyglot");
        String report = Grader.report(grade(polyglot, polyglot.starter()));
        assertTrue(report.contains("PASS Intellio   prints-42"), report);
        assertTrue(report.contains("FAIL Armistice  prints-42"), report);
        assertTrue(report.contains("  - 42"), report);
        assertTrue(report.contains("Illegal instruction"), report);
        assertTrue(report.contains("score: 1/2"), report);
    }

    @Test
    void hiddenTestsAreGradedButNotExplained() {
        Exercise sum = Exercise.byId("sum");
        String wrong = "mov c, 6\nmov a, 10h\nint 13h\nhalt\n"; // passes 'three' only
        Grader.Grade g = grade(sum, wrong);
        String report = Grader.report(g);
        assertTrue(report.contains("FAIL Intellio   many (hidden)"), report);
        assertFalse(report.contains("200"), "no hidden input or output leaks: " + report);
        assertEquals(2, g.score());
    }

    @Test
    void aSubmissionThatDoesNotAssembleGetsDiagnosticsAndZero() {
        Exercise e = Exercise.byId("print42");
        Grader.Grade g = grade(e, "movv a, 10h\n");
        assertEquals(0, g.score());
        assertTrue(g.problems().contains("error: unknown instruction 'movv'"), g.problems());
    }

    @Test
    void hostileSubmissionsEndInAGrade() {
        Exercise e = Exercise.byId("print42");
        Grader.Grade hang = grade(e, "loop: jmp loop\n");
        assertTrue(hang.results().stream().allMatch(r -> r.status() == 124), Grader.report(hang));
        Grader.Grade flood = grade(e, "mov a, 11h\nmov c, 'x'\nloop: int 13h\njmp loop\n");
        assertTrue(flood.results().stream().allMatch(r -> r.status() == 153 && r.output().length() <= Exercise.OUTPUT_CAP));
    }

    @Test
    void hexSubmissionsAreCheckedByteByByte() {
        Exercise e = Exercise.byId("hand-encode-intellio");
        Grader.Grade g = grade(e, "20 10\n22 2X\n");
        assertEquals(0, g.score());
        assertTrue(g.problems().contains("line 2: '2X' is not a byte"), g.problems());
        assertTrue(grade(e, "20 10 22 2A CD 13 F4 ; by hand\n").passed());
    }

    @Test
    void gradescopeResultsJson() {
        Exercise e = Exercise.byId("polyglot");
        String json = GradescopeResults.json(grade(e, e.starter()));
        assertTrue(json.contains("\"score\": 1,"), json);
        assertTrue(json.contains("\"max_score\": 2,"), json);
        assertTrue(json.contains("{\"name\": \"Armistice: prints-42\", \"score\": 0, \"max_score\": 1, \"status\": \"failed\""), json);
        assertTrue(json.contains("\"visibility\": \"visible\""), json);
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", GradescopeResults.string("a\"b\\c\nd\u0001"));
    }
}
