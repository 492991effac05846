package toyisa.container;


/**
 * A bounds-checked little-endian cursor over untrusted bytes. Every read checks the remaining
 * length first, so a truncated or hostile file ends in a {@link FormatException}, never in an
 * {@code ArrayIndexOutOfBoundsException}, and no count read from the file is trusted before the
 * bytes it promises have been seen to exist.
 */
final class ByteReader {
    private final byte[] b;
    private final String what;
    private int pos;

    ByteReader(byte[] b, int pos, String what) {
        this.b = b;
        this.pos = pos;
        this.what = what;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return b.length - pos;
    }

    void need(long n, String field) throws FormatException {
        if (n > remaining()) {
            throw new FormatException("truncated " + what + ": " + field + " needs " + n
                    + " byte(s) at offset " + pos + ", only " + remaining() + " left");
        }
    }

    int u8(String field) throws FormatException {
        need(1, field);
        return b[pos++] & 0xFF;
    }

    int u16(String field) throws FormatException {
        need(2, field);
        int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    /** An unsigned 32-bit value; returned as a long so huge values cannot turn negative. */
    long u32(String field) throws FormatException {
        need(4, field);
        long v = (b[pos] & 0xFFL) | (b[pos + 1] & 0xFFL) << 8 | (b[pos + 2] & 0xFFL) << 16 | (b[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return v;
    }

    byte[] bytes(long n, String field) throws FormatException {
        need(n, field);
        byte[] out = new byte[(int) n];
        System.arraycopy(b, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    /** A string stored as u16 length + UTF-8 bytes; malformed UTF-8 is a format error. */
    String string(String field) throws FormatException {
        int n = u16(field + " length");
        need(n, field);
        String s = Utf8.decode(b, pos, n);
        if (s == null) throw new FormatException("corrupt " + what + ": " + field + " at offset " + pos + " is not valid UTF-8");
        pos += n;
        return s;
    }
}
