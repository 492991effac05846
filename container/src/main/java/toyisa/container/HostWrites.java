package toyisa.container;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * The one way toyisa writes a file: never through a link. A shared folder (a submissions folder,
 * {@code /tmp}) may hold a link planted where toyisa is about to write, pointing at a file of the
 * person running it; writing through it would overwrite that file. So a file is written to a new
 * temporary file beside it (created exclusively, which follows no link) and renamed into place
 * (a rename replaces a name, never what a link points at), and a file or folder that already is a
 * link is refused with a message that says so.
 */
public final class HostWrites {
    private HostWrites() {}

    /** What writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Why toyisa refused to write somewhere, in words for the user. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes {@code bytes} as the whole of {@code file}. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8 as the whole of {@code file}. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code file} from {@code content}: readers see the old file or the whole new one. A file
     * that exists keeps its permissions; a new one gets the usual ones (umask).
     */
    public static void write(Path file, Content content) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null) throw new Refused("cannot write " + file + ": it is not a file name");
        BasicFileAttributes old = attributes(abs);
        if (old != null && old.isSymbolicLink()) throw linked(file);
        if (old != null && old.isDirectory()) throw new Refused("cannot write " + file + ": it is a folder");
        if (old != null && !old.isRegularFile()) throw new Refused("cannot write " + file + ": it is not a regular file (a device, a pipe or a socket)");
        Path tmp = createTemporary(dir, abs.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                content.writeTo(out);
            }
            if (old != null) keepPermissions(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A folder to write into: made when missing (with its parents), accepted when it is a real
     * folder, refused when it is a link or not a folder. The parents of a folder the user named are
     * the user's business; the folder itself, and each one toyisa makes below it, is checked here.
     */
    public static Path directory(Path dir) throws IOException {
        BasicFileAttributes a = attributes(dir.toAbsolutePath());
        if (a == null) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                a = attributes(dir.toAbsolutePath());
            }
            if (a == null) return dir;
        }
        if (a.isSymbolicLink()) throw linked(dir);
        if (!a.isDirectory()) throw new Refused("cannot write into " + dir + ": it is not a folder");
        return dir;
    }

    /** True when {@code path} is a link (a planted one, most likely). */
    public static boolean isLink(Path path) {
        BasicFileAttributes a = attributes(path.toAbsolutePath());
        return a != null && a.isSymbolicLink();
    }

    /** The refusal of a link where toyisa would write. */
    public static Refused linked(Path p) {
        return new Refused(p + " is a symbolic link: toyisa does not write through a link it did not make (remove it, or pick another place)");
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** A new file beside the target, created exclusively (O_EXCL: never an existing file or link). */
    private static Path createTemporary(Path dir, String name) throws IOException {
        String base = "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".";
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(base + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) throw e;
            }
        }
    }

    private static void keepPermissions(Path from, Path to) {
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (src == null || dst == null) return;
        try {
            dst.setPermissions(src.readAttributes().permissions());
        } catch (IOException | UnsupportedOperationException e) {
            // the umask's permissions then; the content is what matters
        }
    }
}
