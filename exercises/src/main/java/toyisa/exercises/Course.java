package toyisa.exercises;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import toyisa.container.Utf8;

/**
 * A course folder: many exercises, each a folder of its own (see {@code docs/exercises.md}), and an
 * optional {@code course.toml} with the course's title and the order of its exercises. A broken
 * exercise is kept as an entry with its reason, so one bad folder never hides the others.
 */
public final class Course {
    /** The environment variable naming the default course folder. */
    public static final String ENV = "TOYISA_COURSE";
    static final String COURSE_FILE = "course.toml";
    /** Where the student edition of the example course is inside the jar. */
    static final String BUILT_IN = "/toyisa/course/";
    /** More exercise folders than this in one course is a mistake (the wrong folder named). */
    static final int MAX_EXERCISES = 1000;

    /** One exercise folder: the exercise, or why it cannot be used. */
    public record Entry(String id, Exercise exercise, ExerciseException problem) {
        public boolean broken() {
            return exercise == null;
        }
    }

    private final Path root;
    private final String shownAs;
    private final String title;
    private final List<Entry> entries;
    private final ExerciseException problem;
    private final boolean builtIn;

    private Course(Path root, String shownAs, String title, List<Entry> entries, ExerciseException problem, boolean builtIn) {
        this.root = root;
        this.shownAs = shownAs;
        this.title = title;
        this.entries = List.copyOf(entries);
        this.problem = problem;
        this.builtIn = builtIn;
    }

    /**
     * Opens a course folder.
     *
     * @throws IllegalArgumentException when the path is not a folder
     */
    public static Course open(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is not a course folder (no such directory)");
        return read(dir, dir.toString(), false);
    }

    /** The example course's student edition, carried in the jar: statements, starters, visible tests. */
    public static Course builtIn() {
        URL url = Course.class.getResource(BUILT_IN + COURSE_FILE);
        if (url == null) return new Course(null, "(built-in)", "no built-in course", List.of(), null, true);
        try {
            URI uri = url.toURI();
            Path file;
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                file = fs.getPath(BUILT_IN + COURSE_FILE);
            } else {
                file = Path.of(uri);
            }
            return read(file.getParent(), "(built-in course)", true);
        } catch (URISyntaxException | IOException e) {
            return new Course(null, "(built-in)", "no built-in course", List.of(),
                    new ExerciseException("(built-in course)", 0, null, "cannot be read: " + e.getMessage()), true);
        }
    }

    private static Course read(Path dir, String shownAs, boolean builtIn) {
        String title = dir.getFileName() == null ? "course" : dir.getFileName().toString();
        List<String> order = null;
        ExerciseException problem = null;
        Path courseFile = dir.resolve(COURSE_FILE);
        if (Files.isRegularFile(courseFile, LinkOption.NOFOLLOW_LINKS)) {
            try {
                String text = Files.size(courseFile) > ExerciseReader.MAX_FILE_BYTES ? null : Utf8.text(Files.readAllBytes(courseFile));
                if (text == null) throw new ExerciseException(shownAs + "/" + COURSE_FILE, 0, null, "is not UTF-8 text of at most 1 MiB");
                TomlFields top = TomlFields.parse(shownAs + "/" + COURSE_FILE, text);
                top.allowOnly(Set.of("title", "exercises"));
                title = top.string("title", title);
                order = top.strings("exercises", null);
            } catch (ExerciseException e) {
                problem = e;
            } catch (IOException | RuntimeException e) {
                problem = new ExerciseException(shownAs + "/" + COURSE_FILE, 0, null, "cannot be read: " + e.getMessage());
            }
        }
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.limit(MAX_EXERCISES * 4L).forEach(p -> {
                String name = p.getFileName().toString().replace("/", "");
                if (!name.startsWith(".") && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.exists(p.resolve(ExerciseReader.EXERCISE_FILE), LinkOption.NOFOLLOW_LINKS)) folders.add(name);
            });
        } catch (IOException e) {
            problem = new ExerciseException(shownAs, 0, null, "cannot be listed: " + e.getMessage());
        }
        List<String> ids = new ArrayList<>();
        if (order != null) ids.addAll(order);
        for (String f : folders) if (!ids.contains(f)) ids.add(f);
        List<Entry> entries = new ArrayList<>();
        for (String id : ids) {
            if (entries.size() >= MAX_EXERCISES) break;
            if (!ExerciseReader.ID.matcher(id).matches()) {
                entries.add(new Entry(id, null, new ExerciseException(shownAs + "/" + COURSE_FILE, 0, "exercises",
                        "'" + id + "' is not an exercise id (lower-case letters, digits, - and _)")));
                continue;
            }
            Path ex = dir.resolve(id);
            if (!Files.isDirectory(ex, LinkOption.NOFOLLOW_LINKS)) {
                entries.add(new Entry(id, null, new ExerciseException(shownAs + "/" + COURSE_FILE, 0, "exercises",
                        "lists '" + id + "', but there is no folder " + id)));
                continue;
            }
            try {
                entries.add(new Entry(id, ExerciseReader.read(ex, shownAs + "/" + id), null));
            } catch (ExerciseException e) {
                entries.add(new Entry(id, null, e));
            } catch (RuntimeException e) {
                entries.add(new Entry(id, null, new ExerciseException(shownAs + "/" + id, 0, null, "cannot be read: " + e)));
            }
        }
        return new Course(dir, shownAs, title, entries, problem, builtIn);
    }

    public String title() {
        return title;
    }

    /** Every exercise folder, broken ones included, in the course's order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The course file's own problem (a broken course.toml), or null. */
    public ExerciseException problem() {
        return problem;
    }

    public Optional<Entry> entry(String id) {
        for (Entry e : entries) if (e.id().equals(id)) return Optional.of(e);
        return Optional.empty();
    }

    /** The folder (inside the jar for the built-in course). */
    public Path root() {
        return root;
    }

    /** How the course is named in messages. */
    public String shownAs() {
        return shownAs;
    }

    public boolean isBuiltIn() {
        return builtIn;
    }
}
