package toyisa.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way toyisa reads a file the user named: a regular file only (a device such as
 * {@code /dev/zero}, a pipe or a socket is refused before it is opened, so it can neither hang the
 * reader nor feed it forever), and never more than a bound, whatever size the file claims.
 */
public final class HostFiles {
    private HostFiles() {}

    /** Why a file could not be read, in words for the user. */
    public static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        public Unreadable(String message) {
            super(message);
        }
    }

    /** The bytes of a regular file of at most {@code limit} bytes. */
    public static byte[] read(Path path, int limit) throws Unreadable {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Unreadable("cannot read " + path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Unreadable("cannot read " + path + ": permission denied");
        } catch (IOException e) {
            throw new Unreadable("cannot read " + path + ": " + e.getMessage());
        }
        if (a.isDirectory()) throw new Unreadable(path + " is a directory");
        if (!a.isRegularFile()) throw new Unreadable(path + " is not a regular file (a device, a pipe or a socket): toyisa reads only files");
        if (a.size() > limit) throw new Unreadable(path + " is too large (over " + describe(limit) + ")");
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(limit + 1); // the size can change between the look and the read
            if (b.length > limit) throw new Unreadable(path + " is too large (over " + describe(limit) + ")");
            return b;
        } catch (AccessDeniedException e) {
            throw new Unreadable("cannot read " + path + ": permission denied");
        } catch (Unreadable e) {
            throw e;
        } catch (IOException e) {
            throw new Unreadable("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** A regular file as UTF-8 text, read by {@link Utf8#text} (no byte-order mark, LF line ends); other bytes are an error. */
    public static String readText(Path path, int limit) throws Unreadable {
        String text = Utf8.text(read(path, limit));
        if (text == null) throw new Unreadable(path + " is not UTF-8 text");
        return text;
    }

    private static String describe(int limit) {
        if (limit % (1 << 20) == 0) return (limit >> 20) + " MiB";
        if (limit % 1024 == 0) return (limit >> 10) + " KiB";
        return String.format(java.util.Locale.ROOT, "%,d bytes", limit);
    }
}
