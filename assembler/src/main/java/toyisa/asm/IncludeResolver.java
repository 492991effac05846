package toyisa.asm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** Files on disk, relative to the directory of the including file. */
    static IncludeResolver files() {
        return (from, name) -> {
            Path base = Path.of(from).toAbsolutePath().getParent();
            Path p = base == null ? Path.of(name) : base.resolve(name);
            if (!Files.isRegularFile(p)) throw new IOException("cannot find '" + name + "' (looked for " + p.normalize() + ")");
            Path shown = Path.of(from).getParent() == null ? Path.of(name) : Path.of(from).getParent().resolve(name);
            return new Source(shown.normalize().toString(), toyisa.container.HostFiles.readText(p, Assembler.MAX_SOURCE_CHARS));
        };
    }
}
