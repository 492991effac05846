package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate on a reference solution that fails a hidden test said only "output differs": the
 * instructor, who owns the hidden test, could not see what it expected or what the solution
 * printed. validate shows both; what a student gets from the same grade still shows neither.
 */
class ValidateShowsHiddenFailureToInstructorTest {
    @TempDir
    Path tmp;

    @Test
    void validateShowsTheHiddenTestsExpectedAndActualOutput() throws Exception {
        Folders.write(tmp.resolve("double"),
                "exercise.toml", "title = \"Double\"\n[[test]]\nname = \"small\"\ninput = \"2\\n\"\nstdout = \"4\\n\"\n",
                "hidden.toml", "[[test]]\nname = \"large\"\ninput = \"31337\\n\"\nstdout = \"62674\\n\"\n",
                "statement.md", "# Double\n", "starter.pasm", "halt\n",
                // Right for small numbers, wrong for the hidden one: it prints 4 whatever it reads.
                "solution.pasm", "mov a, 21h\nint 13h\nmov c, 4\nmov a, 10h\nint 13h\nhalt\n");
        Course.Entry entry = Course.open(tmp).entry("double").orElseThrow();
        Validation.Verdict v = Validation.of(entry);
        String shown = String.join("\n", v.errors());
        assertFalse(v.ok());
        assertTrue(shown.contains("the solution fails Armistice: large (hidden): output differs"), shown);
        assertTrue(shown.contains("31337"), "the hidden input, for the instructor: " + shown);
        assertTrue(shown.contains("- 62674"), "the hidden expected output, for the instructor: " + shown);
        assertTrue(shown.contains("+ 4"), "what the solution printed, for the instructor: " + shown);

        // The same solution handed in by a student: nothing of the hidden test anywhere they look.
        Exercise e = entry.exercise();
        Grader.Grade g = Grader.grade(e, Submission.prepare(e, e.solutionFile(), e.solution()));
        for (String student : new String[] {Feedback.report(g), GradescopeResults.json(g), PrairieLearnResults.json(g)}) {
            assertFalse(student.contains("31337") || student.contains("62674"), "hidden data in what a student gets:\n" + student);
            assertTrue(student.contains("large"), student);
        }
        // And the student edition of the course does not have the hidden test at all.
        Path edition = tmp.resolveSibling(tmp.getFileName() + "-edition");
        StudentEdition.export(tmp, edition, false);
        String catalog = CourseCatalog.json(Course.open(edition));
        assertFalse(catalog.contains("31337") || catalog.contains("62674"), catalog);
        StudentEdition.deleteTree(edition);
        assertTrue(new String(e.solution(), StandardCharsets.UTF_8).contains("mov c, 4"));
    }
}
