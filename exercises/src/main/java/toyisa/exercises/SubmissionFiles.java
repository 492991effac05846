package toyisa.exercises;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a student's submission is, by rules an instructor can predict (docs/exercises.md): the
 * file itself, or the one file in a folder whose extension fits the exercise (case-insensitive);
 * dotfiles, {@code __MACOSX} and other files (notes, PDFs) are ignored; a symbolic link is never
 * followed; a file is read only up to {@link Submission#MAX_BYTES}.
 */
public final class SubmissionFiles {
    /** How deep into a student's folder candidates are looked for. */
    static final int MAX_DEPTH = 3;
    /** Files looked at in one student's folder before giving up. */
    static final int MAX_FILES = 200;

    private SubmissionFiles() {}

    /** What was found: the file and its bytes, or why there is nothing to grade. */
    public record Found(Path file, byte[] bytes, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** The extensions a submission of this exercise may have, lower case, without the dot. */
    public static Set<String> extensions(Exercise e) {
        return switch (e.submit()) {
            case SOURCE -> Set.of("pasm", "s", "asm");
            case BINARY -> Set.of("hex", "bin", "raw", "txf", "fat");
            case TEXT -> Set.of("txt", "answers", "text");
            case BINFMT -> Set.of("binfmt", "txt");
        };
    }

    public static boolean candidate(Exercise e, Path file) {
        String n = file.getFileName().toString();
        if (n.startsWith(".")) return false;
        int dot = n.lastIndexOf('.');
        return dot > 0 && extensions(e).contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The submission in a file or a folder. */
    public static Found find(Exercise e, Path path) {
        if (Files.isSymbolicLink(path)) return new Found(path, null, path.getFileName() + " is a symbolic link: it is not followed");
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> found = new ArrayList<>();
            List<String> links = new ArrayList<>();
            try (Stream<Path> s = Files.walk(path, MAX_DEPTH)) {
                s.limit(MAX_FILES).forEach(p -> {
                    if (p.equals(path) || hiddenPart(path.relativize(p))) return;
                    if (Files.isSymbolicLink(p)) {
                        if (candidate(e, p)) links.add(path.relativize(p).toString());
                        return;
                    }
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && candidate(e, p)) found.add(p);
                });
            } catch (IOException | RuntimeException ex) {
                return new Found(path, null, "the folder cannot be read: " + ex.getMessage());
            }
            found.sort(null);
            if (found.size() > 1) {
                List<String> names = new ArrayList<>();
                for (Path p : found) names.add(path.relativize(p).toString());
                return new Found(path, null, "more than one submission (" + String.join(", ", names)
                        + "): hand in exactly one " + String.join("/", sorted(extensions(e))) + " file");
            }
            if (found.isEmpty()) {
                String why = links.isEmpty() ? "" : " (" + String.join(", ", links) + " is a symbolic link: it is not followed)";
                return new Found(path, null, "no submission: no ." + String.join(", .", sorted(extensions(e))) + " file in the folder" + why);
            }
            return read(found.get(0));
        }
        return read(path);
    }

    private static boolean hiddenPart(Path rel) {
        for (Path part : rel) {
            String n = part.toString();
            if (n.startsWith(".") || n.equals("__MACOSX")) return true;
        }
        return false;
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }

    /** Reads a regular file, at most {@link Submission#MAX_BYTES} (a device or a pipe is refused, not read). */
    public static Found read(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) return new Found(file, null, file.getFileName() + " is a symbolic link: it is not followed");
            if (!a.isRegularFile()) return new Found(file, null, file.getFileName() + " is not a regular file");
            if (a.size() > Submission.MAX_BYTES) return new Found(file, null, file.getFileName() + " is larger than 1 MiB");
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                byte[] b = in.readNBytes(Submission.MAX_BYTES + 1);
                if (b.length > Submission.MAX_BYTES) return new Found(file, null, file.getFileName() + " is larger than 1 MiB");
                return new Found(file, b, null);
            }
        } catch (IOException e) {
            return new Found(file, null, file.getFileName() + " cannot be read: " + e.getMessage());
        }
    }
}
