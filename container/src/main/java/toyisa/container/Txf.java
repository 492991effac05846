package toyisa.container;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads and writes TXF, the toy executable format: an 8-byte identification header (like ELF's
 * {@code e_ident}, {@code e_type} and {@code e_machine} squeezed together) followed by the entry
 * point, the segments to load, and optional symbol and line tables.
 *
 * <pre>
 *  0  4  magic 7F 54 58 46 ("\x7fTXF")
 *  4  1  version 1
 *  5  1  byte order: 1 little, 2 big
 *  6  1  type: 2 executable, 3 position-independent
 *  7  1  machine: A7 Armistice, 1E Intellio
 *  8  2  entry address
 * 10  2  segment count
 * 12  2  symbol count
 * 14  2  source file count
 * 16  4  line entry count
 * 20  …  segments: u16 address, u32 size, size bytes
 *        symbols:  u16 address, string name
 *        files:    string name
 *        lines:    u16 address, u16 file index, u32 line
 * </pre>
 * All fields are little-endian; a string is a u16 length then UTF-8 bytes. Nothing may follow the
 * last table. {@code docs/txf.md} explains each field.
 *
 * <p>{@link #read} treats its input as hostile: any truncation, out-of-range value, overlap or
 * trailing garbage is a {@link FormatException} with a message that says what and where.
 */
public final class Txf {
    /** The four magic bytes, {@code \x7fTXF}. */
    public static final byte[] MAGIC = {0x7F, 0x54, 0x58, 0x46};
    /** The only version this code reads and writes. */
    public static final int VERSION = 1;
    /** Size of the fixed part before the segments. */
    public static final int HEADER_SIZE = 20;
    /** Largest file {@link #read} accepts (far more than 64 KiB of code plus its tables). */
    public static final int MAX_FILE_SIZE = 16 << 20;

    private Txf() {}

    /** True when {@code b} starts with the TXF magic (it says nothing about the rest being valid). */
    public static boolean isTxf(byte[] b) {
        return b != null && b.length >= 4 && b[0] == MAGIC[0] && b[1] == MAGIC[1] && b[2] == MAGIC[2] && b[3] == MAGIC[3];
    }

    /**
     * The machine byte of a TXF file (offset 7), read without validating the rest; -1 when the
     * file is not TXF or too short. Lets a loader decide "mine or foreign" before a full parse.
     */
    public static int machineOf(byte[] b) {
        return isTxf(b) && b.length >= 8 ? b[7] & 0xFF : -1;
    }

    /** Parses a whole TXF file. */
    public static TxfImage read(byte[] b) throws FormatException {
        if (b == null) throw new FormatException("no TXF data");
        if (b.length > MAX_FILE_SIZE) throw new FormatException("TXF file too large: " + b.length + " bytes (limit " + MAX_FILE_SIZE + ")");
        if (!isTxf(b)) throw new FormatException("not a TXF file: the first bytes are not 7F 54 58 46");
        ByteReader r = new ByteReader(b, 4, "TXF");
        int version = r.u8("version");
        if (version != VERSION) throw new FormatException("unsupported TXF version " + version + " (this reader knows version 1)");
        int order = r.u8("byte order");
        if (order != TxfImage.LITTLE_ENDIAN && order != TxfImage.BIG_ENDIAN)
            throw new FormatException("corrupt TXF: byte order " + order + " at offset 5 (expected 1 little or 2 big)");
        int type = r.u8("type");
        if (type != TxfImage.EXECUTABLE && type != TxfImage.POSITION_INDEPENDENT)
            throw new FormatException("corrupt TXF: type " + type + " at offset 6 (expected 2 executable or 3 position-independent)");
        int machine = r.u8("machine");
        int entry = r.u16("entry");
        int segCount = r.u16("segment count");
        int symCount = r.u16("symbol count");
        int fileCount = r.u16("file count");
        long lineCount = r.u32("line count");

        // Every count is checked against the bytes left before anything is allocated for it.
        r.need(segCount * 6L, segCount + " segment headers");
        List<Segment> segments = new ArrayList<>(segCount);
        for (int i = 0; i < segCount; i++) {
            int address = r.u16("segment " + i + " address");
            long size = r.u32("segment " + i + " size");
            if (address + size > 0x10000L)
                throw new FormatException(String.format(java.util.Locale.ROOT, "corrupt TXF: segment %d at %04Xh with %d bytes runs past the end of memory (FFFFh)", i, address, size));
            segments.add(new Segment(address, r.bytes(size, "segment " + i + " contents")));
        }
        checkNoOverlap(segments);

        r.need(symCount * 4L, symCount + " symbols");
        List<Symbol> symbols = new ArrayList<>(symCount);
        for (int i = 0; i < symCount; i++) {
            int address = r.u16("symbol " + i + " address");
            symbols.add(new Symbol(r.string("symbol " + i + " name"), address));
        }

        r.need(fileCount * 2L, fileCount + " file names");
        List<String> files = new ArrayList<>(fileCount);
        for (int i = 0; i < fileCount; i++) files.add(r.string("file name " + i));

        r.need(lineCount * 8L, lineCount + " line entries");
        List<LineEntry> lines = new ArrayList<>((int) lineCount);
        for (int i = 0; i < lineCount; i++) {
            int address = r.u16("line entry address");
            int file = r.u16("line entry file");
            long line = r.u32("line entry line");
            if (file >= fileCount)
                throw new FormatException("corrupt TXF: line entry " + i + " names file " + file + " but there are " + fileCount + " file name(s)");
            if (line > Integer.MAX_VALUE) throw new FormatException("corrupt TXF: line entry " + i + " has line number " + line);
            lines.add(new LineEntry(address, file, (int) line));
        }
        if (r.remaining() != 0)
            throw new FormatException("corrupt TXF: " + r.remaining() + " unexpected byte(s) after the tables at offset " + r.position());
        return new TxfImage(machine, order, type, entry, segments, symbols, files, lines);
    }

    /**
     * Encodes an image. The values must fit their fields (machine a byte, addresses 16-bit,
     * segments inside memory and not overlapping); otherwise {@link IllegalArgumentException},
     * since writing an unreadable file is a bug in the caller.
     */
    public static byte[] write(TxfImage img) {
        if (img.byteOrder() != TxfImage.LITTLE_ENDIAN && img.byteOrder() != TxfImage.BIG_ENDIAN)
            throw new IllegalArgumentException("byte order must be 1 or 2, not " + img.byteOrder());
        if (img.type() != TxfImage.EXECUTABLE && img.type() != TxfImage.POSITION_INDEPENDENT)
            throw new IllegalArgumentException("type must be 2 or 3, not " + img.type());
        try {
            checkNoOverlap(img.segments());
        } catch (FormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        ByteWriter w = new ByteWriter();
        w.bytes(MAGIC).u8(VERSION).u8(img.byteOrder()).u8(img.type()).u8(img.machine());
        w.u16(img.entry()).u16(img.segments().size()).u16(img.symbols().size()).u16(img.files().size()).u32(img.lines().size());
        for (Segment s : img.segments()) {
            if (s.address() < 0 || s.address() + (long) s.size() > 0x10000L)
                throw new IllegalArgumentException(s + " does not fit in 64 KiB");
            w.u16(s.address()).u32(s.size()).bytes(s.bytes());
        }
        for (Symbol s : img.symbols()) w.u16(s.address()).string(s.name());
        for (String f : img.files()) w.string(f);
        for (LineEntry l : img.lines()) {
            if (l.file() < 0 || l.file() >= img.files().size())
                throw new IllegalArgumentException("line entry " + l + " names a file that is not in the file list");
            w.u16(l.address()).u16(l.file()).u32(l.line());
        }
        return w.toByteArray();
    }

    private static void checkNoOverlap(List<Segment> segments) throws FormatException {
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingInt(Segment::address));
        for (int i = 1; i < sorted.size(); i++) {
            Segment prev = sorted.get(i - 1);
            Segment cur = sorted.get(i);
            if (prev.address() + prev.size() > cur.address())
                throw new FormatException(String.format(java.util.Locale.ROOT, "corrupt TXF: segments at %04Xh and %04Xh overlap", prev.address(), cur.address()));
        }
    }
}
