package toyisa.vm;

import java.util.List;
import toyisa.container.Segment;
import toyisa.container.TxfImage;

/**
 * What the loader puts into memory: segments and an entry point, plus where it came from.
 *
 * @param segments what to copy where
 * @param entry    the first PC
 * @param format   RAW, TXF or FAT (the slice taken from a fat file)
 * @param image    the TXF image (symbols, line table) or null for a raw binary
 */
public record Program(List<Segment> segments, int entry, Format format, TxfImage image) {

    /** How the file was packaged. */
    public enum Format { RAW, TXF, FAT }

    /** Largest raw binary: everything from 0100h to the end of memory. */
    public static final int MAX_RAW_SIZE = 0x10000 - Machine.LOAD_ADDRESS;

    public Program {
        segments = List.copyOf(segments);
    }

    /** A raw binary: loaded at 0100h and entered there. */
    public static Program raw(byte[] code) {
        if (code.length > MAX_RAW_SIZE)
            throw new IllegalArgumentException("a raw binary of " + code.length + " bytes does not fit between 0100h and FFFFh ("
                    + MAX_RAW_SIZE + " bytes)");
        return new Program(List.of(new Segment(Machine.LOAD_ADDRESS, code.clone())), Machine.LOAD_ADDRESS, Format.RAW, null);
    }
}
