package toyisa.vm.exec;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * A binfmt entry as a user writes it on the command line, like {@code update-binfmts --install NAME
 * INTERPRETER --magic BYTES [--mask BYTES] [--offset N]} or {@code --extension EXT}, checked by the
 * rules the kernel applies when the line is written to {@code /proc/sys/fs/binfmt_misc/register}.
 * Every mistake is a {@link ConfigException} whose message says what is wrong and how to write it.
 */
public final class BinfmtSpec {
    /** The kernel refuses an interpreter path longer than this. */
    public static final int MAX_INTERPRETER = 127;
    /** The kernel refuses a register line longer than this. */
    public static final int MAX_REGISTER_LINE = 1920;

    private BinfmtSpec() {}

    /**
     * Builds a checked entry. Exactly one of {@code magic} and {@code extension} is given; {@code mask}
     * and {@code offset} only with {@code magic}; null means "not given".
     */
    public static BinfmtEntry entry(String name, String interpreter, String magic, String mask, String offset,
                                    String extension, String flags, String packageName) throws ConfigException {
        checkName(name);
        if (interpreter == null || interpreter.isEmpty())
            throw new ConfigException("binfmt entry " + name + ": the interpreter is missing");
        if (interpreter.contains(":") || interpreter.chars().anyMatch(c -> c < 0x20 || c == 0x7F))
            throw new ConfigException("binfmt entry " + name + ": the interpreter '" + interpreter
                    + "' may not contain ':' (the register line's delimiter) or control characters");
        if (interpreter.length() > MAX_INTERPRETER)
            throw new ConfigException("binfmt entry " + name + ": the interpreter has " + interpreter.length()
                    + " characters; the kernel takes at most " + MAX_INTERPRETER);
        String f = flags == null ? "" : flags;
        for (char c : f.toCharArray())
            if (BinfmtEntry.FLAGS.indexOf(c) < 0)
                throw new ConfigException("binfmt entry " + name + ": unknown flag '" + c
                        + "'; the kernel knows P (preserve argv[0]), O (open binary), C (credentials), F (fix binary)");
        String pkg = packageName == null || packageName.isBlank() ? "<local>" : packageName;
        BinfmtEntry e;
        if (magic != null && extension != null)
            throw new ConfigException("binfmt entry " + name + ": give --magic or --extension, not both");
        if (magic == null && extension == null)
            throw new ConfigException("binfmt entry " + name + ": give --magic BYTES (with --mask and --offset) or --extension EXT");
        if (extension != null) {
            if (mask != null || offset != null)
                throw new ConfigException("binfmt entry " + name + ": --mask and --offset go with --magic; an extension entry matches the file name only");
            if (extension.isEmpty() || extension.startsWith("."))
                throw new ConfigException("binfmt entry " + name + ": write the extension without its dot, e.g. --extension woz");
            for (char c : extension.toCharArray())
                if (c == '/' || c == ':' || c == '.' || c == '\\' || c <= 0x20 || c >= 0x7F)
                    throw new ConfigException("binfmt entry " + name + ": the extension '" + extension
                            + "' may only hold printable ASCII without '/', ':', '.' or '\\' (the kernel does not unescape it)");
            e = new BinfmtEntry(name, true, pkg, BinfmtEntry.Type.EXTENSION, 0,
                    extension.getBytes(java.nio.charset.StandardCharsets.US_ASCII), new byte[0], interpreter, f);
        } else {
            byte[] m = bytes(magic, "--magic");
            if (m.length == 0) throw new ConfigException("binfmt entry " + name + ": --magic is empty");
            byte[] k = mask == null ? new byte[0] : bytes(mask, "--mask");
            if (mask != null && k.length != m.length)
                throw new ConfigException("binfmt entry " + name + ": --mask has " + bytesWord(k.length) + " but --magic has "
                        + bytesWord(m.length) + "; the mask covers the magic byte for byte");
            int off = 0;
            if (offset != null) {
                if (offset.isEmpty() || !offset.chars().allMatch(c -> c >= '0' && c <= '9') || offset.length() > 6)
                    throw new ConfigException("binfmt entry " + name + ": --offset '" + offset + "' is not a whole number of bytes");
                off = Integer.parseInt(offset);
            }
            if (off + m.length > BinfmtEntry.MAGIC_WINDOW)
                throw new ConfigException(String.format(Locale.ROOT,
                        "binfmt entry %s: the magic would end at byte %d (offset %d + %d bytes), past the first %d bytes"
                                + " of the file, which is all the kernel reads to match",
                        name, off + m.length, off, m.length, BinfmtEntry.MAGIC_WINDOW));
            e = new BinfmtEntry(name, true, pkg, BinfmtEntry.Type.MAGIC, off, m, k, interpreter, f);
        }
        if (e.registerLine().length() > MAX_REGISTER_LINE)
            throw new ConfigException("binfmt entry " + name + ": its register line has " + e.registerLine().length()
                    + " characters; the kernel takes at most " + MAX_REGISTER_LINE);
        return e;
    }

    /** The kernel's rules for a name: it becomes a file under /proc/sys/fs/binfmt_misc. */
    public static void checkName(String name) throws ConfigException {
        if (name == null || name.isEmpty()) throw new ConfigException("a binfmt entry needs a name");
        if (name.equals(".") || name.equals("..") || name.equals("register") || name.equals("status"))
            throw new ConfigException("binfmt entry name '" + name + "' is reserved (it is a file of binfmt_misc itself)");
        for (char c : name.toCharArray())
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '+'))
                throw new ConfigException("binfmt entry name '" + name + "' may only hold letters, digits and - _ . +"
                        + " (it becomes a file name, and ':' is the register line's delimiter)");
    }

    /**
     * A byte sequence as binfmt_misc and update-binfmts take it: printable ASCII characters stand for
     * themselves, {@code \xNN} (two hex digits) for any byte.
     */
    public static byte[] bytes(String text, String what) throws ConfigException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                String esc = text.substring(i, Math.min(text.length(), i + 4));
                if (esc.length() < 4 || esc.charAt(1) != 'x' || hexDigit(esc.charAt(2)) < 0 || hexDigit(esc.charAt(3)) < 0)
                    throw new ConfigException(what + ": bad escape '" + esc + "' at character " + (i + 1)
                            + "; write a byte as \\x and two hex digits, e.g. \\x7f");
                out.write(hexDigit(esc.charAt(2)) * 16 + hexDigit(esc.charAt(3)));
                i += 3;
            } else if (c > 0x20 && c < 0x7F) {
                out.write(c);
            } else {
                throw new ConfigException(what + ": character " + (i + 1) + " is not printable ASCII; write it as \\xNN"
                        + (c < 0x80 ? String.format(Locale.ROOT, " (\\x%02x)", (int) c) : ""));
            }
        }
        return out.toByteArray();
    }

    private static String bytesWord(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    /** The value of an ASCII hex digit, or -1. */
    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
