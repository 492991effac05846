package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * toyisa web --course served the course as it was at start, silently. The page's catalog is now made
 * again when a file of the course changed (and only then), and a broken exercise's message in it names
 * files relative to the course, never the instructor's absolute path.
 */
class EditedCourseIsServedAfterReloadTest {
    @TempDir
    Path tmp;

    private Path course() {
        Path c = tmp.resolve("cs101");
        Folders.write(c.resolve("double"), "exercise.toml", "title = \"Double\"\n[[test]]\nname = \"one\"\ninput = \"2\\n\"\nstdout = \"4\\n\"\n",
                "statement.md", "# Double\n", "starter.pasm", "halt\n");
        return c;
    }

    private static String script(LiveCatalog live) {
        return new String(live.script(), StandardCharsets.UTF_8);
    }

    @Test
    void editedStatementIsServedOnTheNextRequest() throws IOException {
        Path c = course();
        List<Course> reloads = new ArrayList<>();
        LiveCatalog live = new LiveCatalog(c, reloads::add);
        assertTrue(script(live).contains("# Double"));
        script(live);
        assertEquals(0, reloads.size(), "nothing changed, nothing re-read");
        Path statement = c.resolve("double/statement.md");
        Files.writeString(statement, "# Double it, now with a hint\n");
        // The same size and a time a coarse file system might give: the stamp still differs by the time.
        Files.setLastModifiedTime(statement, FileTime.fromMillis(Files.getLastModifiedTime(statement).toMillis() + 2000));
        assertTrue(script(live).contains("now with a hint"), "the edit is served");
        assertEquals(1, reloads.size());
        script(live);
        assertEquals(1, reloads.size());
    }

    @Test
    void newExerciseAndFixedExerciseAreServed() throws IOException {
        Path c = course();
        LiveCatalog live = new LiveCatalog(c, x -> {});
        Folders.write(c.resolve("triple"), "exercise.toml", "title = \"Triple\"\n[[test]]\nname = \"one\"\nstdot = \"6\\n\"\n",
                "statement.md", "# Triple\n", "starter.pasm", "halt\n");
        String broken = script(live);
        assertTrue(broken.contains("\"broken\":[{\"id\":\"triple\""), broken);
        Files.writeString(c.resolve("triple/exercise.toml"), "title = \"Triple\"\n[[test]]\nname = \"one\"\nstdout = \"6\\n\"\n");
        String fixed = script(live);
        assertTrue(fixed.contains("\"title\":\"Triple\""), fixed);
        assertTrue(fixed.contains("\"broken\":[]"), fixed);
    }

    @Test
    void brokenExerciseMessageHasNoInstructorPath() throws IOException {
        Path c = course();
        Files.writeString(c.resolve("double/exercise.toml"), "title = \"Double\"\n[[test]]\nname = \"one\"\nstdot = \"4\\n\"\n");
        Path absolute = c.toAbsolutePath();
        for (Course course : new Course[] {Course.open(absolute), Course.open(c)}) {
            assertTrue(course.entries().get(0).problem().getMessage().contains(absolute.toString()) || !course.shownAs().startsWith("/"),
                    "the instructor's own tools name the folder as given");
            String json = CourseCatalog.json(course);
            assertFalse(json.contains(absolute.toString()), json);
            assertFalse(json.contains(tmp.toString()), json);
            assertTrue(json.contains("double/exercise.toml:4: test 'one', field 'stdot'"), json);
        }
    }
}
