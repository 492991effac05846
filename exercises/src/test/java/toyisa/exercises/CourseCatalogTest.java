package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course as the page reads it: what students may see, and nothing of the instructor's. */
class CourseCatalogTest {
    @Test
    void theCatalogOfTheInstructorsCourseIsThatOfItsStudentEdition() throws Exception {
        Course full = Course.open(ExampleCourseTest.EXAMPLE);
        JsonNode root = new ObjectMapper().readTree(CourseCatalog.json(full));
        assertEquals(full.entries().size(), root.get("exercises").size());
        for (int i = 0; i < full.entries().size(); i++) {
            Exercise x = full.entries().get(i).exercise();
            assertEquals(x.visibleTests().size(), root.get("exercises").get(i).get("tests").size(), x.id());
        }
        assertEquals(CourseCatalog.json(Course.builtIn()), CourseCatalog.json(full));
    }

    @Test
    void nothingOfAHiddenTestOrASolutionReachesThePage(@TempDir Path course) throws Exception {
        Folders.write(course.resolve("x"), "exercise.toml", "title = \"t\"\n[[test]]\nname = \"seen\"\ninput = \"1\\n\"\nstdout = \"1\\n\"\n",
                "statement.md", "# t\n", "starter.pasm", "halt\n",
                "hidden.toml", "[[test]]\nname = \"secret-name-7731\"\ninput = \"secret-input-5512\\n\"\nstdout = \"secret-output-0934\\n\"\n",
                "solution.pasm", "; secret-solution-4471\nhalt\n");
        Course c = Course.open(course);
        assertTrue(c.entries().get(0).exercise().hasHidden());
        String json = CourseCatalog.script(c);
        assertTrue(json.contains("\"seen\""), json);
        for (String secret : List.of("secret-name", "secret-input", "secret-output", "secret-solution", "solution.pasm"))
            assertFalse(json.contains(secret), secret + " in " + json);
    }

    @Test
    void aBrokenExerciseIsListedWithItsReasonAndTheOthersStay(@TempDir Path course) throws Exception {
        Folders.source(course, "good", "[[test]]\nname = \"one\"\nstdout = \"\"\n");
        Folders.write(course.resolve("bad"), "exercise.toml", "title = \"t\"\nsubmit = \"sourcecode\"\n", "statement.md", "x");
        JsonNode root = new ObjectMapper().readTree(CourseCatalog.json(Course.open(course)));
        assertEquals(1, root.get("exercises").size());
        assertEquals("good", root.get("exercises").get(0).get("id").asText());
        assertEquals("bad", root.get("broken").get(0).get("id").asText());
        assertTrue(root.get("broken").get(0).get("problem").asText().contains("submit"));
    }

    @Test
    void theScriptCannotEndTheElementThatCarriesIt(@TempDir Path course) throws Exception {
        Folders.write(course.resolve("x"), "exercise.toml", "title = \"</script><script>alert(1)</script>\"\n[[test]]\nname = \"one\"\nstdout = \"\"\n",
                "statement.md", "\u2028", "starter.pasm", "halt\n");
        String js = CourseCatalog.script(Course.open(course));
        assertFalse(js.contains("</script"), js);
        assertFalse(js.contains("\u2028"), js);
        assertTrue(js.startsWith("self.TOYISA_COURSE = {"), js);
        Path out = course.resolve("course.js");
        Files.writeString(out, js);
        assertTrue(Files.size(out) > 0);
    }

}
