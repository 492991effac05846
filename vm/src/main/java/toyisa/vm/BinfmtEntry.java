package toyisa.vm;

import java.util.Arrays;

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
 */
public record BinfmtEntry(String name, boolean enabled, String packageName, Type type, int offset,
                          byte[] magic, byte[] mask, String interpreter) {

    public enum Type { MAGIC, EXTENSION }

    public BinfmtEntry {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\n"))
            throw new IllegalArgumentException("a binfmt entry needs a one-word name, not '" + name + "'");
        if (offset < 0 || offset > 0xFFFF) throw new IllegalArgumentException("binfmt offset " + offset + " is out of range");
        if (mask.length != 0 && mask.length != magic.length)
            throw new IllegalArgumentException("binfmt entry " + name + ": the mask has " + mask.length
                    + " bytes but the magic has " + magic.length);
        magic = magic.clone();
        mask = mask.clone();
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
        return new BinfmtEntry(name, on, packageName, type, offset, magic, mask, interpreter);
    }

    /** True when this (enabled) entry claims the file. */
    public boolean matches(byte[] file, String fileName) {
        if (!enabled) return false;
        if (type == Type.EXTENSION) {
            String ext = new String(magic, java.nio.charset.StandardCharsets.UTF_8);
            return fileName != null && fileName.endsWith("." + ext);
        }
        if (file.length < offset + magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            int m = mask.length == 0 ? 0xFF : mask[i] & 0xFF;
            if ((file[offset + i] & m) != (magic[i] & m)) return false;
        }
        return true;
    }

    /** The entry in the layout of {@code update-binfmts --display}. */
    public String display() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(enabled ? " (enabled):" : " (disabled):").append('\n');
        sb.append("     package = ").append(packageName).append('\n');
        sb.append("     type = ").append(type == Type.MAGIC ? "magic" : "extension").append('\n');
        sb.append("     offset = ").append(offset).append('\n');
        sb.append("     magic = ").append(type == Type.MAGIC ? escape(magic) : new String(magic, java.nio.charset.StandardCharsets.UTF_8)).append('\n');
        sb.append("     mask = ").append(escape(mask)).append('\n');
        sb.append("     interpreter = ").append(interpreter).append('\n');
        sb.append("     detector =").append('\n');
        return sb.toString();
    }

    /** {@code \x7f\x54...}, the way binfmt_misc spells bytes. */
    public static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(String.format("\\x%02x", b & 0xFF));
        return sb.toString();
    }

    /** The inverse of {@link #escape}; null if the text is not a run of {@code \xNN}. */
    public static byte[] unescape(String s) {
        if (s.length() % 4 != 0) return null;
        byte[] out = new byte[s.length() / 4];
        for (int i = 0; i < out.length; i++) {
            String part = s.substring(4 * i, 4 * i + 4);
            if (!part.startsWith("\\x")) return null;
            try {
                out[i] = (byte) Integer.parseInt(part.substring(2), 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinfmtEntry e && e.name.equals(name) && e.enabled == enabled && e.packageName.equals(packageName)
                && e.type == type && e.offset == offset && Arrays.equals(e.magic, magic) && Arrays.equals(e.mask, mask)
                && e.interpreter.equals(interpreter);
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
