package toyisa.exercises;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import toyisa.container.HostWrites;

/** {@code toyisa exercise new ID}: a new exercise folder that validates, to be edited from there. */
public final class Scaffold {
    private Scaffold() {}

    /** The files written, relative to the course. */
    public static List<String> create(Path course, String id) throws IOException {
        if (!ExerciseReader.ID.matcher(id).matches())
            throw new IllegalArgumentException("'" + id + "' is not an exercise id: lower-case letters, digits, - and _ (up to 64)");
        Path dir = course.resolve(id);
        if (Files.exists(dir)) throw new IllegalArgumentException(dir + " already exists");
        HostWrites.directory(dir);
        write(dir, "exercise.toml", """
                # The exercise, as students see it (docs/exercises.md has every field).
                title = "Print 7 on both CPUs"
                lesson = "the HAL"
                submit = "source"                 # source | binary | text | binfmt
                cpus = ["armistice", "intellio"]
                engines = ["interpreter", "translated"]
                budget = 10000                    # instructions per run
                time_limit = 5                    # seconds per run

                [[test]]
                name = "prints-7"
                stdout = "7\\n"
                points = 1
                """);
        write(dir, "hidden.toml", """
                # Hidden tests: graded, shown to students by name and pass/fail only.
                # This file, hidden/ and solution.* never reach students.

                [[test]]
                name = "halts-cleanly"
                stdout = "7\\n"
                status = 0
                max_steps = 10
                """);
        write(dir, "statement.md", """
                # Print 7

                Write one portable source that prints `7` on Armistice and on Intellio, through the
                HAL (`mov a, 10h` / `mov c, …` / `int 13h`), and halts.
                """);
        write(dir, "starter.pasm", "; Print 7 through the HAL, then halt.\n        halt\n");
        write(dir, "solution.pasm", "        mov a, 10h\n        mov c, 7\n        int 13h\n        halt\n");
        return List.of(id + "/exercise.toml", id + "/hidden.toml", id + "/statement.md", id + "/starter.pasm", id + "/solution.pasm");
    }

    private static void write(Path dir, String name, String text) throws IOException {
        HostWrites.writeString(dir.resolve(name), text);
    }
}
