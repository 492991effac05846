package toyisa.container;

import java.util.Arrays;

/**
 * One block of bytes the loader copies into guest memory at {@code address}.
 *
 * <p>A segment never wraps around the end of the 64 KiB address space:
 * {@code address + bytes.length <= 0x10000}.
 *
 * @param address the 16-bit load address (0..0xFFFF)
 * @param bytes   the contents, copied as-is into memory
 */
public record Segment(int address, byte[] bytes) {
    public Segment {
        if (bytes == null) throw new IllegalArgumentException("segment bytes are null");
    }

    /** The number of bytes in this segment. */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segment s && s.address == address && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * address + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Segment[%04Xh, %d bytes]", address, bytes.length);
    }
}
