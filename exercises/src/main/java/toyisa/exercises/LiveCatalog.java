package toyisa.exercises;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The page's catalog of a course folder that the instructor may still be editing: each request looks
 * at the names, sizes and modification times of the course's files (cheap: no file is opened), and
 * only when one of them changed is the course read again. A lecturer who fixes an exercise during
 * the lecture sees it on the students' next reload.
 */
public final class LiveCatalog {
    /** How deep the look goes: course / exercise / hidden / a folder / a file. */
    static final int DEPTH = 5;
    /** Files looked at before the look stops (a course folder is a few hundred). */
    static final int MAX_FILES = 20_000;

    private final Path dir;
    private final Consumer<Course> onReload;
    private long stamp;
    private Course course;
    private byte[] script;

    /**
     * Reads the course now.
     *
     * @param onReload told of each later re-read (not of this first one)
     */
    public LiveCatalog(Path dir, Consumer<Course> onReload) {
        this.dir = dir;
        this.onReload = onReload;
        refresh();
    }

    /** The course as it is now. */
    public synchronized Course course() {
        if (stamp(dir) != stamp) {
            Course before = course;
            byte[] was = script;
            try {
                refresh();
            } catch (IllegalArgumentException e) {
                // The folder is gone (moved, being replaced): keep serving what was read last.
                course = before;
                script = was;
                return course;
            }
            onReload.accept(course);
        }
        return course;
    }

    /** The page's {@code course.js} for the course as it is now. */
    public synchronized byte[] script() {
        course();
        return script.clone();
    }

    private void refresh() {
        // The stamp is taken first: an edit made while the course is read shows as a change next time.
        stamp = stamp(dir);
        course = Course.open(dir);
        script = CourseCatalog.script(course).getBytes(StandardCharsets.UTF_8);
    }

    /** A fingerprint of the folder's files: their paths, sizes and modification times. Symbolic links are not followed. */
    static long stamp(Path dir) {
        long h = 17;
        try (Stream<Path> s = Files.walk(dir, DEPTH)) {
            for (Path p : (Iterable<Path>) s.limit(MAX_FILES)::iterator) {
                long mtime, size;
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    mtime = a.lastModifiedTime().toMillis() * 1_000_003L + a.lastModifiedTime().toInstant().getNano();
                    size = a.size();
                } catch (IOException e) {
                    mtime = -1;
                    size = -1;
                }
                h = h * 31 + p.toString().hashCode();
                h = h * 31 + mtime;
                h = h * 31 + size;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return h;
    }
}
