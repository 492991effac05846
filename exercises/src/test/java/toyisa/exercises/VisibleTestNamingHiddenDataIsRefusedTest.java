package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A visible test could name input_file = "hidden/…" or stdout_file = "hidden/…": validate said ok,
 * show printed the hidden data and web --export put it into course.js. The course loader refuses it —
 * however the path is spelt — so nothing downstream can show it.
 */
class VisibleTestNamingHiddenDataIsRefusedTest {
    @TempDir
    Path tmp;

    static final String SECRET = "SECRET-31337";

    private Path course(String testLines) throws IOException {
        Path course = tmp.resolve("c" + Math.abs(testLines.hashCode()));
        Folders.write(course.resolve("double"),
                "exercise.toml", "title = \"Double\"\n[[test]]\nname = \"one\"\n" + testLines,
                "hidden.toml", "[[test]]\nname = \"large\"\ninput_file = \"hidden/large.in\"\nstdout_file = \"hidden/large.out\"\n",
                "hidden/large.in", SECRET + "\n", "hidden/large.out", SECRET + "\n",
                "tests/one.in", "2\n", "tests/one.out", "4\n",
                "statement.md", "# Double\n", "starter.pasm", "halt\n", "solution.pasm", "halt\n");
        return course;
    }

    private void refused(Path course, String field) {
        Course.Entry e = Course.open(course).entry("double").orElseThrow();
        assertTrue(e.broken(), "a visible test naming hidden data must not load");
        String m = e.problem().getMessage();
        assertTrue(m.contains("exercise.toml") && m.contains(field) && m.contains("instructor-only"), m);
        assertFalse(m.contains(SECRET), m);
        assertFalse(CourseCatalog.json(Course.open(course)).contains(SECRET), "nothing of it in the page's catalog");
        Validation.Verdict v = Validation.of(e);
        assertFalse(v.ok(), "validate says it is invalid");
    }

    @Test
    void visibleInputFileInHiddenFolderIsRefused() throws IOException {
        refused(course("input_file = \"hidden/large.in\"\nstdout = \"4\\n\"\n"), "input_file");
    }

    @Test
    void visibleStdoutFileInHiddenFolderIsRefused() throws IOException {
        refused(course("input = \"2\\n\"\nstdout_file = \"hidden/large.out\"\n"), "stdout_file");
    }

    @Test
    void hiddenFolderReachedThroughDotDotIsRefused() throws IOException {
        refused(course("input = \"2\\n\"\nstdout_file = \"tests/../hidden/large.out\"\n"), "stdout_file");
    }

    @Test
    void hiddenFolderSpeltInOtherCaseIsRefused() throws IOException {
        // On a case-insensitive file system (macOS, Windows) Hidden/ is hidden/.
        refused(course("input = \"2\\n\"\nstdout_file = \"HIDDEN/large.out\"\n"), "stdout_file");
    }

    @Test
    void hiddenTomlAndSolutionAreRefusedAsData() throws IOException {
        refused(course("input = \"2\\n\"\nstdout_file = \"hidden.toml\"\n"), "stdout_file");
        refused(course("input_file = \"solution.pasm\"\nstdout = \"4\\n\"\n"), "input_file");
    }

    @Test
    void hardLinkToHiddenDataIsRefused() throws IOException {
        Path c = course("input = \"2\\n\"\nstdout_file = \"tests/copy.out\"\n");
        Path ex = c.resolve("double");
        Files.createLink(ex.resolve("tests/copy.out"), ex.resolve("hidden/large.out"));
        refused(c, "stdout_file");
    }

    @Test
    void symbolicLinkToHiddenDataIsRefused() throws IOException {
        Path c = course("input = \"2\\n\"\nstdout_file = \"tests/link.out\"\n");
        Path ex = c.resolve("double");
        Files.createSymbolicLink(ex.resolve("tests/link.out"), Path.of("../hidden/large.out"));
        Course.Entry e = Course.open(c).entry("double").orElseThrow();
        assertTrue(e.broken());
        assertFalse(CourseCatalog.json(Course.open(c)).contains(SECRET));
    }

    @Test
    void starterInHiddenFolderIsRefused() throws IOException {
        Path c = course("input = \"2\\n\"\nstdout = \"4\\n\"\n");
        Files.writeString(c.resolve("double/exercise.toml"), "title = \"Double\"\nstarter = \"hidden/large.in\"\n[[test]]\nname = \"one\"\ninput = \"2\\n\"\nstdout = \"4\\n\"\n");
        refused(c, "starter");
    }

    @Test
    void hiddenTestsStillReadTheHiddenFolder() throws IOException {
        Course.Entry e = Course.open(course("input_file = \"tests/one.in\"\nstdout_file = \"tests/one.out\"\n")).entry("double").orElseThrow();
        assertFalse(e.broken(), () -> e.problem().getMessage());
        assertTrue(e.exercise().tests().stream().anyMatch(t -> t.hidden() && t.input().equals(SECRET + "\n")));
        assertThrows(IllegalArgumentException.class, () -> Course.open(tmp.resolve("nothing")));
    }
}
