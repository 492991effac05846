package toyisa.container;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian output for the writers; range errors are programming errors (IllegalArgumentException). */
final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ByteWriter u8(int v) {
        check(v, 0xFF, "byte");
        out.write(v);
        return this;
    }

    ByteWriter u16(int v) {
        check(v, 0xFFFF, "16-bit field");
        out.write(v & 0xFF);
        out.write(v >>> 8);
        return this;
    }

    ByteWriter u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) throw new IllegalArgumentException("value " + v + " does not fit a 32-bit field");
        for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)) & 0xFF);
        return this;
    }

    ByteWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    ByteWriter string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u16(utf8.length);
        return bytes(utf8);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private static void check(int v, int max, String what) {
        if (v < 0 || v > max) throw new IllegalArgumentException("value " + v + " does not fit a " + what);
    }
}
