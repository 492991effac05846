package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.isa.Isa;
import toyisa.vm.Engine;
import toyisa.vm.Run;

/** {@code engines = ["jit"]}: a submission graded on the jit exactly as on the interpreter. */
class JitGradingTest {
    @TempDir
    Path course;

    /** Adds 3 two thousand times, in a loop hot enough for the jit to compile, then prints the sum. */
    static final String SUM = "mov b, 0\nmov d, 2000\nagain: add b, 3\nsub d, 1\ncmp d, 0\njnz again\n"
            + "mov a, 10h\nmov c, b\nint 13h\nhalt\n";

    private static List<String> failures(Grader.Grade g) {
        return g.results().stream().flatMap(r -> r.failures().stream().map(f -> r.name() + ": " + f)).toList();
    }

    @Test
    void theJitIsHereToGradeOn() {
        Isa armistice = Isa.byName("armistice");
        assertTrue(Run.raw(armistice, new byte[] {0}).engine(Engine.JIT).start().jitAttached(),
                "the jit engine is not found on the class path (or TOYISA_JIT=off)");
    }

    @Test
    void aTestOnTheJitPassesAndFailsAsOnTheInterpreter() throws Exception {
        Exercise e = Folders.source(course, "sum", """
                cpus = ["armistice", "intellio"]
                engines = ["interpreter", "jit"]
                [[test]]
                name = "sum"
                stdout = "6000\\n"
                registers = { d = 0 }
                """);
        assertEquals(List.of("Armistice", "Armistice (jit)", "Intellio", "Intellio (jit)"),
                e.tests().get(0).runs().stream().map(Exercise.Run::label).toList());
        Grader.Grade good = Folders.grade(e, SUM);
        assertTrue(good.passed(), Feedback.report(good));
        assertEquals(1, good.score());

        Grader.Grade wrong = Folders.grade(e, SUM.replace("sub d, 1", "sub d, 2"));
        assertEquals(List.of("Armistice: sum: output differs", "Armistice (jit): sum: output differs",
                "Intellio: sum: output differs", "Intellio (jit): sum: output differs"), failures(wrong));
        List<Grader.Result> r = wrong.results();
        for (int i = 0; i < r.size(); i += 2) {
            assertEquals(r.get(i).output(), r.get(i + 1).output());
            assertEquals(r.get(i).steps(), r.get(i + 1).steps());
        }
    }

    @Test
    void aFaultAndAHangOnTheJitAreGradedAsTheInterpretersAre() throws Exception {
        Exercise e = Folders.source(course, "ending", """
                cpus = ["armistice"]
                engines = ["interpreter", "jit"]
                budget = 100000
                [[test]]
                name = "dies"
                fault = "SIGFPE"
                """);
        String divides = SUM.replace("mov a, 10h", "mov d, 0\ndivu b, d");
        assertTrue(Folders.grade(e, divides).passed(), Feedback.report(Folders.grade(e, divides)));
        Grader.Grade hangs = Folders.grade(e, SUM.replace("jnz again", "jmp again"));
        List<Grader.Result> r = hangs.results();
        assertEquals(2, r.size());
        assertEquals(r.get(0).failures(), r.get(1).failures());
        assertEquals(r.get(0).report(), r.get(1).report());
        assertTrue(r.get(1).failures().get(0).startsWith("expected it to die of divide by zero"), r.get(1).failures().toString());
    }

    @Test
    void translatedEnginesStayIntellios() throws Exception {
        Exercise e = Folders.source(course, "tr", """
                cpus = ["armistice", "intellio"]
                engines = ["jit", "translated+jit"]
                [[test]]
                name = "sum"
                stdout = "6000\\n"
                """);
        assertEquals(List.of("Armistice (jit)", "Intellio (jit)", "Intellio (translated+jit)"),
                e.tests().get(0).runs().stream().map(Exercise.Run::label).toList());
        assertTrue(Folders.grade(e, SUM).passed());
        ExerciseException bad = org.junit.jupiter.api.Assertions.assertThrows(ExerciseException.class,
                () -> Folders.source(course, "bad", "engines = [\"turbo\"]\n[[test]]\nname = \"t\"\n"));
        assertTrue(bad.getMessage().contains("'turbo' is not one of interpreter, translated, jit, translated+jit"), bad.getMessage());
    }

    @Test
    void oneEngineSaidInOneWord() throws Exception {
        Exercise e = Folders.source(course, "one", """
                cpus = ["armistice", "intellio"]
                engine = "jit"
                [[test]]
                name = "sum"
                stdout = "6000\\n"
                [[test]]
                name = "sum on the interpreter too"
                engine = "interpreter"
                stdout = "6000\\n"
                """);
        assertEquals(List.of("Armistice (jit)", "Intellio (jit)"), e.tests().get(0).runs().stream().map(Exercise.Run::label).toList());
        assertEquals(List.of("Armistice", "Intellio"), e.tests().get(1).runs().stream().map(Exercise.Run::label).toList());
        Grader.Grade good = Folders.grade(e, SUM);
        assertTrue(good.passed(), Feedback.report(good));
        assertEquals(List.of("Armistice (jit): sum: output differs", "Intellio (jit): sum: output differs",
                "Armistice: sum on the interpreter too: output differs", "Intellio: sum on the interpreter too: output differs"),
                failures(Folders.grade(e, SUM.replace("add b, 3", "add b, 2"))));
        ExerciseException both = org.junit.jupiter.api.Assertions.assertThrows(ExerciseException.class,
                () -> Folders.source(course, "both", "engine = \"jit\"\nengines = [\"jit\"]\n[[test]]\nname = \"t\"\n"));
        assertTrue(both.getMessage().contains("give engine or engines, not both"), both.getMessage());
    }
}
