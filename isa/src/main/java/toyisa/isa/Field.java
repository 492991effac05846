package toyisa.isa;

/** One field of a row's encoding: where its bits are, and how they are read. */
public record Field(char name, FieldKind kind, int byteIndex, int shift, int width) {

    /** Reads the field from instruction bytes; relative fields become absolute targets. */
    int read(int[] b, int address, int length) {
        return switch (kind) {
            case BITS -> (b[byteIndex] >>> shift) & ((1 << width) - 1);
            case U8 -> b[byteIndex];
            case S8 -> (byte) b[byteIndex] & 0xFFFF;
            case BE16 -> b[byteIndex] << 8 | b[byteIndex + 1];
            case LE16 -> b[byteIndex + 1] << 8 | b[byteIndex];
            case REL8 -> (address + length + (byte) b[byteIndex]) & 0xFFFF;
            case REL16 -> (address + length + (b[byteIndex + 1] << 8 | b[byteIndex])) & 0xFFFF;
        };
    }

    /** Writes a 16-bit value into the bytes, or says why it does not fit. */
    void write(byte[] out, int value, int address, int length, String role) throws EncodingException {
        value &= 0xFFFF;
        switch (kind) {
            case BITS -> {
                if (value >= 1 << width)
                    throw new EncodingException(role + " " + value + " does not fit in " + width + " bits (0.." + ((1 << width) - 1) + ")");
                out[byteIndex] |= (byte) (value << shift);
            }
            case U8 -> {
                if (value > 0xFF) throw new EncodingException(role + " " + Hex.imm(value) + " does not fit in a byte (0..255)");
                out[byteIndex] = (byte) value;
            }
            case S8 -> {
                if (value > 0x7F && value < 0xFF80)
                    throw new EncodingException(role + " " + Hex.imm(value) + " does not fit in a signed byte (-128..127)");
                out[byteIndex] = (byte) value;
            }
            case BE16 -> {
                out[byteIndex] = (byte) (value >>> 8);
                out[byteIndex + 1] = (byte) value;
            }
            case LE16 -> {
                out[byteIndex] = (byte) value;
                out[byteIndex + 1] = (byte) (value >>> 8);
            }
            case REL8 -> {
                int d = (short) (value - address - length);
                if (d < -128 || d > 127)
                    throw new EncodingException("target " + Hex.addr(value) + " is " + d + " bytes away; a short jump reaches -128..127");
                out[byteIndex] = (byte) d;
            }
            case REL16 -> {
                int d = (value - address - length) & 0xFFFF;
                out[byteIndex] = (byte) d;
                out[byteIndex + 1] = (byte) (d >>> 8);
            }
        }
    }
}
