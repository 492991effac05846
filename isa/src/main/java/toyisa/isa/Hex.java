package toyisa.isa;

/** Number spelling shared by every listing: Intel style, {@code 2Ah}, {@code 0100h}. */
public final class Hex {
    private Hex() {}

    /** A constant: small numbers in decimal (they read the same), others as {@code 1022h}. */
    public static String imm(int value) {
        value &= 0xFFFF;
        return value < 10 ? Integer.toString(value) : intel(Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT));
    }

    /** An address: always four digits, {@code 0100h}, {@code 0FFFEh}. */
    public static String addr(int value) {
        return intel(String.format(java.util.Locale.ROOT, "%04X", value & 0xFFFF));
    }

    /** Bytes as {@code 36 01 00 10}. */
    public static String bytes(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(String.format(java.util.Locale.ROOT, "%02X", b & 0xFF));
        }
        return sb.toString();
    }

    public static String byteHex(int b) {
        return String.format(java.util.Locale.ROOT, "%02X", b & 0xFF);
    }

    // A hex number must start with a digit, or it would read as a name.
    private static String intel(String digits) {
        return (Character.isLetter(digits.charAt(0)) ? "0" : "") + digits + "h";
    }
}
