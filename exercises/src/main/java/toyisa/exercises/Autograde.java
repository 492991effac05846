package toyisa.exercises;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import toyisa.container.HostWrites;

/**
 * What an autograder package runs on the platform for one submission: find it, grade it, write the
 * platform's results.json — always, even when the submission is missing or junk.
 */
public final class Autograde {
    private Autograde() {}

    /** Grades and writes the results; returns the grade. */
    public static Grader.Grade run(Exercise e, Path submission, Path results, Platform platform) throws IOException {
        Grader.Grade g = ClassGrading.gradeOne(e, submission);
        if (results.toAbsolutePath().getParent() != null) Files.createDirectories(results.toAbsolutePath().getParent());
        HostWrites.writeString(results, platform.results(g));
        return g;
    }
}
