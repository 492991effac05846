package toyisa.container;

import java.util.List;

/**
 * The decoded contents of one TXF file: which machine it is for, where to start, and what to load.
 *
 * <p>The header fields mirror ELF's {@code e_ident}/{@code e_type}/{@code e_machine}; see
 * {@code docs/txf.md} for the byte layout.
 *
 * @param machine   the CPU the code is for: {@link #ARMISTICE} (A7h) or {@link #INTELLIO} (1Eh);
 *                  any other byte is legal in a file but no CPU here runs it
 * @param byteOrder {@link #LITTLE_ENDIAN} (1) or {@link #BIG_ENDIAN} (2), the byte order of the code
 * @param type      {@link #EXECUTABLE} (2) or {@link #POSITION_INDEPENDENT} (3)
 * @param entry     the address execution starts at
 * @param segments  what to load where (non-overlapping, none crossing 0x10000)
 * @param symbols   optional labels (may be empty)
 * @param files     source file names the line table refers to (may be empty)
 * @param lines     optional line table (may be empty)
 */
public record TxfImage(int machine, int byteOrder, int type, int entry,
                       List<Segment> segments, List<Symbol> symbols, List<String> files, List<LineEntry> lines) {

    /** Machine byte of the Armistice CPU. */
    public static final int ARMISTICE = 0xA7;
    /** Machine byte of the Intellio CPU. */
    public static final int INTELLIO = 0x1E;
    /** Byte order: little-endian (Intellio). */
    public static final int LITTLE_ENDIAN = 1;
    /** Byte order: big-endian (Armistice). */
    public static final int BIG_ENDIAN = 2;
    /** Type: executable at fixed addresses. */
    public static final int EXECUTABLE = 2;
    /** Type: position-independent executable. */
    public static final int POSITION_INDEPENDENT = 3;

    public TxfImage {
        segments = List.copyOf(segments);
        symbols = List.copyOf(symbols);
        files = List.copyOf(files);
        lines = List.copyOf(lines);
    }

    /** A minimal image: one segment at {@code address} entered at the same address, no symbols or lines. */
    public static TxfImage of(int machine, int byteOrder, int type, int address, byte[] code) {
        return new TxfImage(machine, byteOrder, type, address,
                List.of(new Segment(address, code)), List.of(), List.of(), List.of());
    }
}
