package toyisa.vm.exec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One rule of the binfmt registry, the fields of Linux's {@code binfmt_misc}: when a file matches,
 * {@code exec} hands it to {@code interpreter} instead of refusing it.
 *
 * @param name        the entry's name, e.g. {@code toyisa-intellio}
 * @param enabled     disabled entries never match
 * @param packageName who provides it ({@code package =} in the display)
 * @param type        match by magic bytes or by file name extension
 * @param offset      where in the file the magic starts (magic type)
 * @param magic       the bytes to compare (magic type); for the extension type, the extension's bytes
 * @param mask        ANDed with the file bytes and the magic before comparing; empty = all ones
 * @param interpreter the program that runs matching files
 * @param flags       the kernel's flags, a subset of {@code O C P F} in that order (see {@link #FLAGS})
 */
public record BinfmtEntry(String name, boolean enabled, String packageName, Type type, int offset,
                          byte[] magic, byte[] mask, String interpreter, String flags) {

    public enum Type { MAGIC, EXTENSION }

    /** The flags binfmt_misc knows, in the order this project writes them. */
    public static final String FLAGS = "OCPF";

    /** The kernel reads only this many bytes of a file to match a magic entry (offset + magic length must fit). */
    public static final int MAGIC_WINDOW = 128;

    public BinfmtEntry {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\n") || name.contains(":")
                || name.chars().anyMatch(Character::isWhitespace))
            throw new IllegalArgumentException("a binfmt entry needs a one-word name without '/' or ':', not '" + name + "'");
        if (offset < 0 || offset > 0xFFFF) throw new IllegalArgumentException("binfmt offset " + offset + " is out of range");
        if (mask.length != 0 && mask.length != magic.length)
            throw new IllegalArgumentException("binfmt entry " + name + ": the mask has " + mask.length
                    + " bytes but the magic has " + magic.length);
        if (flags == null) flags = "";
        StringBuilder canonical = new StringBuilder();
        for (char f : FLAGS.toCharArray()) if (flags.indexOf(f) >= 0) canonical.append(f);
        for (char f : flags.toCharArray())
            if (FLAGS.indexOf(f) < 0)
                throw new IllegalArgumentException("binfmt entry " + name + ": unknown flag '" + f + "' (the kernel knows P, O, C and F)");
        flags = canonical.toString();
        magic = magic.clone();
        mask = mask.clone();
    }

    /** An entry without flags. */
    public BinfmtEntry(String name, boolean enabled, String packageName, Type type, int offset,
                       byte[] magic, byte[] mask, String interpreter) {
        this(name, enabled, packageName, type, offset, magic, mask, interpreter, "");
    }

    /** The same entry with another interpreter (the host path the kernel is given for a toyisa name). */
    public BinfmtEntry withInterpreter(String path) {
        return new BinfmtEntry(name, enabled, packageName, type, offset, magic, mask, path, flags);
    }

    @Override
    public byte[] magic() {
        return magic.clone();
    }

    @Override
    public byte[] mask() {
        return mask.clone();
    }

    public BinfmtEntry withEnabled(boolean on) {
        return new BinfmtEntry(name, on, packageName, type, offset, magic, mask, interpreter, flags);
    }

    /** For the extension type: the extension, without its dot. */
    public String extension() {
        return new String(magic, StandardCharsets.UTF_8);
    }

    /** The mask byte that applies at position {@code i} of the magic (FFh when there is no mask). */
    public int maskAt(int i) {
        return mask.length == 0 ? 0xFF : mask[i] & 0xFF;
    }

    /** True when this (enabled) entry claims the file. */
    public boolean matches(byte[] file, String fileName) {
        if (!enabled) return false;
        return claims(file, fileName);
    }

    /**
     * True when the file fits this entry's rule, enabled or not: for the extension type, the name ends
     * in {@code .EXT} (case-sensitive); for the magic type, {@code (file[offset + i] & mask[i]) ==
     * (magic[i] & mask[i])} for every byte of the magic, as the kernel compares.
     */
    public boolean claims(byte[] file, String fileName) {
        if (type == Type.EXTENSION) return fileName != null && fileName.endsWith("." + extension());
        if (file.length < offset + magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            int m = maskAt(i);
            if ((file[offset + i] & m) != (magic[i] & m)) return false;
        }
        return true;
    }

    /**
     * The entry exactly as Debian's {@code update-binfmts --display NAME} prints it: the keys
     * right-aligned, the magic and mask as {@code \xNN}, an empty mask and the (always empty)
     * detector followed by their space.
     */
    public String display() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(enabled ? " (enabled):" : " (disabled):").append('\n');
        sb.append("     package = ").append(packageName).append('\n');
        sb.append("        type = ").append(type == Type.MAGIC ? "magic" : "extension").append('\n');
        sb.append("      offset = ").append(type == Type.MAGIC ? offset : 0).append('\n');
        sb.append("       magic = ").append(type == Type.MAGIC ? escape(magic) : extension()).append('\n');
        sb.append("        mask = ").append(type == Type.MAGIC ? escape(mask) : "").append('\n');
        sb.append(" interpreter = ").append(interpreter).append('\n');
        sb.append("    detector = ").append('\n');
        return sb.toString();
    }

    /**
     * The entry as a binfmt-support format file (what packages put in {@code /usr/share/binfmts/NAME}):
     * one {@code key value} per line. {@code update-binfmts --import NAME} reads it.
     *
     * @throws IllegalStateException when the entry has a flag that format cannot say (O without C)
     */
    public String formatFile() {
        if (flags.contains("O") && !flags.contains("C"))
            throw new IllegalStateException("entry " + name + " has the flag O (open-binary), which binfmt-support's"
                    + " format files cannot express (only credentials, which implies it)");
        StringBuilder sb = new StringBuilder();
        sb.append("package ").append(packageName).append('\n');
        sb.append("interpreter ").append(interpreter).append('\n');
        if (type == Type.MAGIC) {
            sb.append("magic ").append(escape(magic)).append('\n');
            if (mask.length > 0) sb.append("mask ").append(escape(mask)).append('\n');
            sb.append("offset ").append(offset).append('\n');
        } else {
            sb.append("extension ").append(extension()).append('\n');
        }
        if (flags.contains("C")) sb.append("credentials yes\n");
        if (flags.contains("P")) sb.append("preserve yes\n");
        if (flags.contains("F")) sb.append("fix_binary yes\n");
        return sb.toString();
    }

    /**
     * The line the kernel takes in {@code /proc/sys/fs/binfmt_misc/register}:
     * {@code :name:type:offset:magic:mask:interpreter:flags}. Every magic and mask byte is written
     * {@code \xNN}, so a byte that is the delimiter {@code :}, a NUL or a newline cannot end a field
     * early; an extension is written as it is (the kernel does not unescape it).
     */
    public String registerLine() {
        if (type == Type.MAGIC)
            return ":" + name + ":M:" + offset + ":" + escape(magic) + ":" + escape(mask) + ":" + interpreter + ":" + flags;
        return ":" + name + ":E:0:" + extension() + "::" + interpreter + ":" + flags;
    }

    /** What a flag letter makes the kernel do. */
    public static String explainFlag(char flag) {
        return switch (flag) {
            case 'P' -> "preserve-argv[0]: the interpreter gets the original argv[0] as an extra argument"
                    + " (argv: interpreter, full path of the file, original argv[0], then the arguments);"
                    + " without P the kernel replaces argv[0] with the full path of the file";
            case 'O' -> "open-binary: the kernel opens the file and passes it to the interpreter as a file descriptor"
                    + " (AT_EXECFD), so it can run a file the user may execute but not read";
            case 'C' -> "credentials: the new process gets the file's credentials (setuid/setgid), not the"
                    + " interpreter's; implies O";
            case 'F' -> "fix-binary: the kernel opens the interpreter when the entry is registered and keeps it open,"
                    + " so it works inside chroots and other mount namespaces";
            default -> throw new IllegalArgumentException("no binfmt flag " + flag);
        };
    }

    /** {@code \x7f\x54...}, the way binfmt_misc spells bytes (lower-case hex). */
    public static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(String.format(Locale.ROOT, "\\x%02x", b & 0xFF));
        return sb.toString();
    }

    /** The inverse of {@link #escape}; null if the text is not a run of {@code \xNN}. */
    public static byte[] unescape(String s) {
        if (s.length() % 4 != 0) return null;
        byte[] out = new byte[s.length() / 4];
        for (int i = 0; i < out.length; i++) {
            String part = s.substring(4 * i, 4 * i + 4);
            int hi = BinfmtSpec.hexDigit(part.charAt(2)), lo = BinfmtSpec.hexDigit(part.charAt(3));
            if (!part.startsWith("\\x") || hi < 0 || lo < 0) return null;
            out[i] = (byte) (hi * 16 + lo);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinfmtEntry e && e.name.equals(name) && e.enabled == enabled && e.packageName.equals(packageName)
                && e.type == type && e.offset == offset && Arrays.equals(e.magic, magic) && Arrays.equals(e.mask, mask)
                && e.interpreter.equals(interpreter) && e.flags.equals(flags);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return display();
    }
}
