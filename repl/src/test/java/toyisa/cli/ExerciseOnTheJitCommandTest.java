package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engines = ["jit"]} in an exercise: {@code toyisa exercise check} grades on the jit as on the interpreter. */
class ExerciseOnTheJitCommandTest {
    @TempDir
    Path course;

    /** Adds 3 two thousand times: hot enough for the jit to compile the loop. */
    static final String SUM = "mov b, 0\nmov d, 2000\nagain: add b, 3\nsub d, 1\ncmp d, 0\njnz again\n"
            + "mov a, 10h\nmov c, b\nint 13h\nhalt\n";

    @Test
    void checkGradesOnTheJit() throws IOException {
        Files.writeString(course.resolve("course.toml"), "title = \"Hot loops\"\nexercises = [\"hot\"]\n");
        Path hot = Files.createDirectories(course.resolve("hot"));
        Files.writeString(hot.resolve("exercise.toml"), """
                title = "A hot loop"
                cpus = ["armistice", "intellio"]
                engines = ["interpreter", "jit"]
                [[test]]
                name = "six thousand"
                stdout = "6000\\n"
                """);
        Files.writeString(hot.resolve("statement.md"), "# A hot loop\n");
        Files.writeString(hot.resolve("starter.pasm"), "halt\n");
        Path good = Files.writeString(course.resolve("good.pasm"), SUM);
        Goldens.Ran ran = Goldens.toyisa("exercise", "--course", course.toString(), "check", "hot", good.toString());
        assertEquals(0, ran.status(), ran.out() + ran.err());
        assertTrue(ran.out().contains("Armistice (jit): six thousand") && ran.out().contains("Intellio (jit): six thousand"), ran.out());
        assertTrue(ran.out().contains("score: 1/1"), ran.out());

        Path wrong = Files.writeString(course.resolve("wrong.pasm"), SUM.replace("add b, 3", "add b, 2"));
        ran = Goldens.toyisa("exercise", "--course", course.toString(), "check", "hot", wrong.toString());
        assertNotEquals(0, ran.status(), ran.out());
        assertTrue(ran.out().contains("score: 0/1"), ran.out());
    }
}
