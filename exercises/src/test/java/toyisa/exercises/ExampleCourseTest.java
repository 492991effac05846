package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example course in the repository: every exercise validates, and every lesson has one. */
class ExampleCourseTest {
    static final Path EXAMPLE = Path.of("..", "courses", "example");

    @Test
    void everyExerciseValidates() {
        Course c = Course.open(EXAMPLE);
        assertEquals(null, c.problem());
        List<String> bad = new ArrayList<>();
        for (Course.Entry e : c.entries()) {
            Validation.Verdict v = Validation.of(e);
            if (!v.ok()) bad.add(e.id() + ": " + v.errors());
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        assertEquals(14, c.entries().size());
    }

    @Test
    void theLessonsAreCovered() {
        Course c = Course.open(EXAMPLE);
        List<Exercise.Submit> kinds = new ArrayList<>();
        for (Course.Entry e : c.entries()) kinds.add(e.exercise().submit());
        for (Exercise.Submit k : Exercise.Submit.values()) assertTrue(kinds.contains(k), "no exercise of kind " + k);
        Exercise fat = c.entry("fat-slices").orElseThrow().exercise();
        assertEquals(List.of(Exercise.Form.FAT), fat.accept());
        Exercise fact = c.entry("factorial").orElseThrow().exercise();
        assertTrue(fact.tests().stream().anyMatch(t -> !t.memory().isEmpty() && t.hidden()), "factorial limits the stack depth");
        assertTrue(fact.runs().stream().anyMatch(r -> r.engine() == toyisa.vm.Engine.TRANSLATED));
    }

    @Test
    void theBuiltInCourseIsTheStudentEditionOfTheExample() {
        Course built = Course.builtIn();
        Course full = Course.open(EXAMPLE);
        assertEquals(full.entries().size(), built.entries().size());
        for (Course.Entry e : built.entries()) {
            assertFalse(e.broken(), e.id() + ": " + e.problem());
            Exercise x = e.exercise();
            assertEquals(null, x.solution(), e.id() + " carries its solution");
            assertFalse(x.hasHidden(), e.id() + " carries hidden tests");
            assertTrue(x.tests().stream().noneMatch(TestCase::hidden), e.id());
        }
    }
}
