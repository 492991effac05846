package toyisa.asm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the file an {@code .include "name"} names. The assembler never touches the file system
 * itself: the command line passes {@link #files()}, tests pass a map, the REPL passes {@link #NONE}.
 */
@FunctionalInterface
public interface IncludeResolver {
    /** A source file: the name diagnostics print, and its text. */
    record Source(String name, String text) {}

    /**
     * The source {@code name} names, seen from the file {@code from} that includes it.
     *
     * @throws IOException when there is no such file (the message becomes the diagnostic)
     */
    Source resolve(String from, String name) throws IOException;

    /** No includes at all. */
    IncludeResolver NONE = (from, name) -> {
        throw new IOException("includes are not available here");
    };

    /**
     * Files on disk, relative to the folder of the including file, that stay inside the folder of
     * {@code source} (the file being assembled) or one of {@code dirs} ({@code -I DIR}). An include
     * reaches no file outside them — {@code /proc/self/environ}, {@code ../../secret} — and goes
     * through no symbolic link; a device, a pipe or a folder is refused before it is opened. What is
     * not included is never read, so none of its lines can appear in a diagnostic.
     */
    static IncludeResolver files(Path source, List<Path> dirs) {
        List<Path> roots = new ArrayList<>();
        Path top = source.toAbsolutePath().normalize().getParent();
        if (top != null) roots.add(top);
        for (Path d : dirs) roots.add(d.toAbsolutePath().normalize());
        return (from, name) -> {
            Path asked;
            try {
                asked = Path.of(name);
            } catch (InvalidPathException e) {
                throw new IOException("'" + name + "' is not a file name");
            }
            List<Path> tries = new ArrayList<>();
            Path base = Path.of(from).toAbsolutePath().normalize().getParent();
            if (asked.isAbsolute()) tries.add(asked.normalize());
            else {
                if (base != null) tries.add(base.resolve(asked).normalize());
                for (Path r : roots.subList(top == null ? 0 : 1, roots.size())) tries.add(r.resolve(asked).normalize());
            }
            for (Path p : tries) {
                Path root = rootOf(roots, p);
                if (root == null) continue;
                linkFree(root, p, name);
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
                Path shown = Path.of(from).getParent() == null ? asked : Path.of(from).getParent().resolve(asked);
                if (!p.startsWith(base == null ? root : base)) shown = p;
                return new Source(shown.normalize().toString(), toyisa.container.HostFiles.readText(p, Assembler.MAX_SOURCE_CHARS));
            }
            for (Path p : tries)
                if (rootOf(roots, p) != null) throw new IOException("cannot find '" + name + "' (looked for " + p + ")");
            throw new IOException("'" + name + "' is outside the source's folder: an include stays in the folder of the file"
                    + " being assembled (or a folder named with -I DIR)");
        };
    }

    /** The folder of {@code roots} that holds {@code p}, or null. */
    private static Path rootOf(List<Path> roots, Path p) {
        for (Path r : roots) if (p.startsWith(r) && !p.equals(r)) return r;
        return null;
    }

    /** Refuses a path that passes through a symbolic link below its root. */
    private static void linkFree(Path root, Path p, String name) throws IOException {
        for (Path q = p; q != null && !q.equals(root); q = q.getParent())
            if (Files.isSymbolicLink(q)) throw new IOException("'" + name + "' goes through a symbolic link (" + q + "): an include follows none");
    }

    /** Files on disk relative to the including file, inside the folder of the first file assembled (no {@code -I}). */
    static IncludeResolver files() {
        return (from, name) -> files(Path.of(from), List.of()).resolve(from, name);
    }
}
