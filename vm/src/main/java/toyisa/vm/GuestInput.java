package toyisa.vm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Standard input as the HAL read services see it: bytes read on demand from a stream and kept,
 * so that a position can be rewound (undo in the REPL) and a copied machine reads the same input.
 */
final class GuestInput {
    /** The most bytes one run reads from a stream: past them the guest sees end of input. */
    static final int MAX_INPUT = 16 << 20;

    private InputStream source;
    private byte[] buf = new byte[64];
    private int len;
    private int pos;
    private boolean eof;

    GuestInput(byte[] bytes) {
        buf = bytes.clone();
        len = buf.length;
        eof = true;
    }

    GuestInput(InputStream in) {
        source = in;
    }

    /** A copy holding the bytes read so far; it sees end of input after them (it never reads the stream). */
    GuestInput copy() {
        GuestInput g = new GuestInput(Arrays.copyOf(buf, len));
        g.pos = pos;
        return g;
    }

    /** The next byte (0..255), or -1 at end of input. */
    int read() {
        if (pos < len) return buf[pos++] & 0xFF;
        if (eof || source == null) return -1;
        if (len >= MAX_INPUT) {
            eof = true;
            return -1;
        }
        try {
            int b = source.read();
            if (b < 0) {
                eof = true;
                return -1;
            }
            if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[len++] = (byte) b;
            pos++;
            return b;
        } catch (IOException e) {
            eof = true; // a broken input stream looks like end of input to the guest
            return -1;
        }
    }

    int position() {
        return pos;
    }

    /** Bytes given and not read yet (a stream's unread bytes are not counted: they are not here). */
    int available() {
        return len - pos;
    }

    /** More input after the bytes given so far: the next reads see it, even after they saw its end. */
    void append(byte[] more) {
        if (source != null) throw new IllegalStateException("this input comes from a stream; nothing can be appended to it");
        if (len + more.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more.length));
        System.arraycopy(more, 0, buf, len, more.length);
        len += more.length;
    }

    void rewind(int position) {
        pos = Math.max(0, Math.min(position, len));
    }
}
