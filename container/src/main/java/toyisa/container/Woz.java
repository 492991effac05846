package toyisa.container;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A {@code .woz} fat binary, after the "wozbin" answer in the reference design's seed: a zip file
 * whose folders {@code MACHINE/OS/PLATFORM/} hold one program per machine, e.g.
 * {@code armistice/toyisa/hal-1/prog} and {@code intellio/toyisa/hal-1/prog}. An extension-type
 * binfmt entry hands {@code prog.woz} to an interpreter that picks the folder of the machine it runs
 * on and runs {@code prog} from it.
 *
 * <p>{@link #read} treats the zip as hostile: it unpacks into memory only (nothing is written to
 * disk), and refuses paths that could escape a folder ({@code ..}, absolute paths, backslashes, drive
 * letters), duplicate names, more than {@link #MAX_ENTRIES} entries, and entries or totals that
 * unpack to more than {@link #MAX_ENTRY_BYTES} / {@link #MAX_TOTAL_BYTES} (a zip bomb stops there,
 * counted as it inflates, whatever sizes its headers claim).
 */
public final class Woz {
    /** The OS folder: the platform every toyisa program runs on. */
    public static final String OS = "toyisa";
    /** The platform-version folder (the seed's {@code glibc-2.17}): the HAL's version. */
    public static final String PLATFORM = "hal-1";
    public static final int MAX_ENTRIES = 256;
    public static final int MAX_ENTRY_BYTES = 1 << 20;
    public static final int MAX_TOTAL_BYTES = 8 << 20;

    private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Woz() {}

    /** True when the bytes start like a zip file ({@code PK\3\4}). */
    public static boolean isZip(byte[] b) {
        return b != null && b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** Where the program for a machine lives in the zip: {@code MACHINE/toyisa/hal-1/PROGRAM}. */
    public static String slicePath(String machine, String program) {
        return machine + "/" + OS + "/" + PLATFORM + "/" + program;
    }

    /** The program's name for a {@code .woz} file name: its base name without the extension. */
    public static String programName(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        return base.endsWith(".woz") ? base.substring(0, base.length() - 4) : base;
    }

    /**
     * Writes a {@code .woz} zip: for each machine (folder name, e.g. {@code armistice}) its program
     * at {@link #slicePath}, with the folders before it, as {@code zip -r} would. Fixed timestamps,
     * so the same input gives the same bytes.
     */
    public static byte[] write(String program, Map<String, byte[]> byMachine) {
        if (program.isEmpty() || program.contains("/")) throw new IllegalArgumentException("bad program name '" + program + "'");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> m : byMachine.entrySet()) {
                String path = slicePath(m.getKey(), program);
                String[] parts = path.split("/");
                StringBuilder dir = new StringBuilder();
                for (int i = 0; i < parts.length - 1; i++) {
                    dir.append(parts[i]).append('/');
                    zip.putNextEntry(entry(dir.toString()));
                    zip.closeEntry();
                }
                zip.putNextEntry(entry(path));
                zip.write(m.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static ZipEntry entry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(EPOCH);
        return e;
    }

    /**
     * The files of a {@code .woz} zip, by path, in the order they appear (folders left out), unpacked
     * into memory under the limits above. Anything hostile or broken is a FormatException that says
     * what was refused.
     */
    public static Map<String, byte[]> read(byte[] zip) throws FormatException {
        if (!isZip(zip)) throw new FormatException("not a zip file: the first bytes are not 50 4B 03 04 (PK\\3\\4)");
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        int count = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (++count > MAX_ENTRIES) throw new FormatException("more than " + MAX_ENTRIES + " entries: refused");
                String name = e.getName();
                checkPath(name);
                if (e.isDirectory()) continue;
                if (files.containsKey(name)) throw new FormatException("two entries named " + name + ": refused");
                byte[] data = inflate(in, name, MAX_TOTAL_BYTES - total);
                total += data.length;
                files.put(name, data);
            }
        } catch (ZipException e) {
            throw new FormatException("not a readable zip file: " + e.getMessage());
        } catch (IOException e) {
            throw new FormatException("not a readable zip file: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new FormatException("not a readable zip file: " + e.getMessage()); // e.g. a name that is not valid UTF-8
        }
        if (files.isEmpty()) throw new FormatException("the zip file holds no files");
        return files;
    }

    /** Reads one entry, stopping as soon as it passes a limit (the header's size is not trusted). */
    private static byte[] inflate(InputStream in, String name, long totalLeft) throws IOException, FormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
            if (out.size() > MAX_ENTRY_BYTES)
                throw new FormatException(name + " unpacks to more than " + (MAX_ENTRY_BYTES >> 20)
                        + " MiB, far more than any toyisa program (a zip bomb?): refused");
            if (out.size() > totalLeft)
                throw new FormatException("the entries unpack to more than " + (MAX_TOTAL_BYTES >> 20) + " MiB in all (a zip bomb?): refused");
        }
        return out.toByteArray();
    }

    /** A path that stays inside the folder it is unpacked in: relative, '/'-separated, no '.' or '..' parts. */
    static void checkPath(String name) throws FormatException {
        if (name.isEmpty()) throw new FormatException("an entry has an empty name: refused");
        if (name.startsWith("/")) throw new FormatException("the entry " + name + " has an absolute path: refused");
        if (name.contains("\\")) throw new FormatException("the entry " + name + " has a backslash in its path: refused");
        if (name.length() > 1 && name.charAt(1) == ':') throw new FormatException("the entry " + name + " names a drive: refused");
        for (char c : name.toCharArray())
            if (c < 0x20 || c == 0x7F) throw new FormatException("the entry name " + name.replaceAll("\\p{Cntrl}", "?") + " has control characters: refused");
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String part : trimmed.split("/", -1)) {
            if (part.equals("..")) throw new FormatException("the entry " + name + " climbs out of its folder with '..': refused");
            if (part.equals(".") || part.isEmpty()) throw new FormatException("the entry " + name + " has an empty or '.' part in its path: refused");
        }
    }
}
