package toyisa.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes exercise folders for tests: {@code write(dir, "exercise.toml", "...", "statement.md", "...")}. */
final class Folders {
    private Folders() {}

    static Path write(Path dir, String... nameThenText) {
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < nameThenText.length; i += 2) {
                Path p = dir.resolve(nameThenText[i]);
                Files.createDirectories(p.getParent());
                Files.writeString(p, nameThenText[i + 1], StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal source exercise with the given exercise.toml body (title and statement are added). */
    static Exercise source(Path course, String id, String toml) throws ExerciseException {
        write(course.resolve(id), "exercise.toml", "title = \"t\"\n" + toml, "statement.md", "# t\n", "starter.pasm", "halt\n");
        return ExerciseReader.read(course.resolve(id), id);
    }

    static Grader.Grade grade(Exercise e, String submission) {
        return Grader.grade(e, Submission.prepare(e, "s" + e.submissionExtension(), submission.getBytes(StandardCharsets.UTF_8)));
    }
}
