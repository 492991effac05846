package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A failing hidden test shows its name and that it failed — nothing of its input, its expected
 * output or what the program printed for it — in the report, in Gradescope's results.json and in
 * PrairieLearn's. Golden files in {@code src/test/resources/feedback/}; regenerate with
 * {@code -Dtoyisa.regenerate=true} and review the diff.
 */
class HiddenTestFeedbackTest {
    /** Sums at most three numbers: right for the visible tests, wrong for the hidden one. */
    static final String THREE_AT_MOST = """
                    mov b, 0
                    mov d, 3
            next:   cmp d, 0
                    jz done
                    mov a, 21h
                    int 13h
                    cmp c, 0FFFFh
                    jz done
                    add b, c
                    sub d, 1
                    jmp next
            done:   mov c, b
                    mov a, 10h
                    int 13h
                    halt
            """;

    @Test
    void aFailingHiddenTestShowsItsNameAndNothingOfItsData() throws IOException {
        Exercise sum = Course.open(ExampleCourseTest.EXAMPLE).entry("sum").orElseThrow().exercise();
        Grader.Grade g = Folders.grade(sum, THREE_AT_MOST);
        String report = Feedback.report(g);
        String gradescope = GradescopeResults.json(g).replaceAll("\"execution_time\" : \\d+", "\"execution_time\" : 0");
        String prairielearn = PrairieLearnResults.json(g);
        golden("sum-hidden-fails.txt", report);
        golden("sum-hidden-fails.gradescope.json", gradescope);
        golden("sum-hidden-fails.prairielearn.json", prairielearn);

        TestCase many = sum.tests().stream().filter(t -> t.name().equals("many")).findFirst().orElseThrow();
        Grader.Result failed = g.results().stream().filter(r -> r.test() == many).findFirst().orElseThrow();
        String[] secrets = {many.stdout().text().strip(), many.input().split("\n")[0], many.input().split("\n")[1],
                failed.output().strip()};
        for (String secret : secrets)
            for (String shown : new String[] {report, gradescope, prairielearn})
                assertFalse(shown.contains(secret), "hidden data '" + secret + "' leaks into:\n" + shown);
    }

    static void golden(String name, String actual) throws IOException {
        Path file = Path.of("src", "test", "resources", "feedback", name);
        if (Boolean.getBoolean("toyisa.regenerate")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) fail(file + " is missing: run with -Dtoyisa.regenerate=true and review it");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name + " differs from its golden file");
    }
}
