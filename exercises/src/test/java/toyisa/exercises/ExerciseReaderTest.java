package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An author's mistakes are reported with the file, the line and the field. */
class ExerciseReaderTest {
    @TempDir
    Path course;

    private ExerciseException error(String toml) {
        return assertThrows(ExerciseException.class, () -> Folders.source(course, "ex", toml));
    }

    @Test
    void aMisspeltFieldNamesItsLineAndSuggestsTheRightOne() {
        ExerciseException e = error("cpus = [\"armistice\"]\n\n[[test]]\nname = \"one\"\nstdot = \"1\\n\"\n");
        assertEquals("ex/exercise.toml", e.file());
        assertEquals(6, e.line());
        assertEquals("test 'one', field 'stdot'", e.field());
        assertTrue(e.reason().contains("did you mean 'stdout'"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatItFound() {
        ExerciseException e = error("budget = \"lots\"\n");
        assertEquals(2, e.line());
        assertEquals("ex/exercise.toml:2: field 'budget': must be a whole number, not the string \"lots\"", e.getMessage());
    }

    @Test
    void anUnknownCpuAndAnUnknownFaultAreNamed() {
        assertTrue(error("cpus = [\"armistce\"]\n").getMessage().contains("field 'cpus': unknown CPU 'armistce'"));
        ExerciseException f = error("[[test]]\nname = \"x\"\nfault = \"sigsev\"\n");
        assertEquals(4, f.line());
        assertTrue(f.getMessage().contains("'sigsev' is not a fault"), f.getMessage());
    }

    @Test
    void aTomlSyntaxErrorNamesItsLine() {
        ExerciseException e = error("cpus = [\"intellio\"]\nbudget = 10 20\n");
        assertTrue(e.getMessage().startsWith("ex/exercise.toml:3: not valid TOML"), e.getMessage());
    }

    @Test
    void testDataMustStayInsideTheExerciseFolder() {
        ExerciseException e = error("[[test]]\nname = \"x\"\ninput_file = \"../../etc/passwd\"\nstdout = \"\"\n");
        assertTrue(e.getMessage().contains("field 'input_file': '../../etc/passwd' must be a relative path inside the exercise folder"), e.getMessage());
    }

    @Test
    void theAnswersOfATextExerciseCannotBeVisible() {
        Folders.write(course.resolve("q"), "exercise.toml", "title = \"q\"\nsubmit = \"text\"\n[[question]]\nid = \"pc\"\nprompt = \"?\"\n"
                + "[[test]]\nname = \"pc\"\nquestion = \"pc\"\naccept = [\"0104h\"]\n", "statement.md", "q");
        ExerciseException e = assertThrows(ExerciseException.class, () -> ExerciseReader.read(course.resolve("q"), "q"));
        assertTrue(e.getMessage().contains("put them in hidden.toml"), e.getMessage());
    }

    @Test
    void statusAndFaultAreExclusive() {
        ExerciseException e = error("[[test]]\nname = \"x\"\nfault = \"SIGILL\"\nstatus = 132\n");
        assertTrue(e.getMessage().contains("give status or fault, not both"), e.getMessage());
    }

    @Test
    void oneBrokenExerciseIsListedWithItsReasonAndTheOthersStillLoad() throws Exception {
        Folders.source(course, "good", "[[test]]\nname = \"halts\"\nstatus = 0\n");
        Folders.write(course.resolve("bad"), "exercise.toml", "title = 3\n", "statement.md", "x");
        Course c = Course.open(course);
        assertEquals(2, c.entries().size());
        Course.Entry bad = c.entry("bad").orElseThrow();
        assertTrue(bad.broken());
        assertTrue(bad.problem().getMessage().contains("bad/exercise.toml:1: field 'title': must be a string"), bad.problem().getMessage());
        assertTrue(!c.entry("good").orElseThrow().broken());
    }
}
