package toyisa.exercises;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import toyisa.container.HostWrites;

/**
 * The one rule for what of a course students may have: everything but each exercise's
 * {@code solution.*}, {@code hidden.toml} and {@code hidden/} folder. The build applies it to the
 * example course that goes into the jar; {@code toyisa exercise export} applies it for a handout;
 * {@code package} applies the part about solutions (an autograder needs the hidden tests).
 */
public final class StudentEdition {
    private StudentEdition() {}

    /** True for a path inside an exercise folder (relative to it) that only the instructor may have. */
    public static boolean instructorOnly(Path inExercise) {
        if (inExercise.getNameCount() == 0) return false;
        String first = inExercise.getName(0).toString();
        return first.equals(ExerciseReader.HIDDEN_FILE) || first.equals("hidden") || isSolution(first);
    }

    /** True for a reference solution's file name. */
    public static boolean isSolution(String fileName) {
        return fileName.startsWith("solution.") || fileName.equals("solution");
    }

    /**
     * Copies a course folder without what only the instructor may have; symbolic links and dotfiles
     * are not copied. Returns the number of files written.
     */
    public static int export(Path course, Path out, boolean keepHidden) throws IOException {
        int[] n = {0};
        HostWrites.directory(out);
        Files.walkFileTree(course, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = course.relativize(dir);
                if (rel.getNameCount() > 0 && (skip(rel, keepHidden) || rel.getFileName().toString().startsWith(".")))
                    return FileVisitResult.SKIP_SUBTREE;
                HostWrites.directory(out.resolve(rel.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = course.relativize(file);
                if (!attrs.isRegularFile() || Files.isSymbolicLink(file) || skip(rel, keepHidden)
                        || rel.getFileName().toString().startsWith(".")) return FileVisitResult.CONTINUE;
                HostWrites.write(out.resolve(rel.toString()), Files.readAllBytes(file));
                n[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        return n[0];
    }

    /** Within a course: the first name is the exercise folder, the rest is inside it. */
    private static boolean skip(Path inCourse, boolean keepHidden) {
        if (inCourse.getNameCount() < 2) return false;
        Path inside = inCourse.subpath(1, inCourse.getNameCount());
        if (keepHidden) return isSolution(inside.getName(0).toString());
        return instructorOnly(inside);
    }

    /** {@code StudentEdition COURSE OUT}: what the build runs to put the example course into the jar. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StudentEdition COURSE OUT");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) deleteTree(out);
        int n = export(Path.of(args[0]), out, false);
        System.out.println("student edition: " + n + " files in " + out);
    }

    static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(p)) {
                for (Path q : (Iterable<Path>) s::iterator) deleteTree(q);
            }
        }
        Files.delete(p);
    }
}
