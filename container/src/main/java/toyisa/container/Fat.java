package toyisa.container;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fat file: several complete TXF files ("slices"), one per machine, in one file — like FatELF
 * or a Mach-O universal binary. The loader picks the slice whose machine byte is its own CPU.
 *
 * <pre>
 *  0  4  magic 7F 46 41 54 ("\x7fFAT")
 *  4  1  version 1
 *  5  1  reserved, 0
 *  6  2  slice count (1..255)
 *  8  …  slice table, 12 bytes each: u8 machine, 3 reserved zero bytes, u32 offset, u32 length
 *  …     the slices, each a whole TXF file, at the offsets the table gives
 * </pre>
 * All fields little-endian. The machine byte in the table must equal the slice's own header byte
 * (so a loader can choose without parsing every slice); two slices for one machine are an error.
 */
public final class Fat {
    /** The four magic bytes, {@code \x7fFAT}. */
    public static final byte[] MAGIC = {0x7F, 0x46, 0x41, 0x54};
    public static final int VERSION = 1;
    public static final int MAX_SLICES = 255;
    private static final int TABLE_START = 8;
    private static final int ENTRY_SIZE = 12;

    private Fat() {}

    /** True when {@code b} starts with the fat magic. */
    public static boolean isFat(byte[] b) {
        return b != null && b.length >= 4 && b[0] == MAGIC[0] && b[1] == MAGIC[1] && b[2] == MAGIC[2] && b[3] == MAGIC[3];
    }

    /** The slices in table order, each a complete TXF file (not yet parsed by {@link Txf#read}). */
    public static List<byte[]> slices(byte[] b) throws FormatException {
        if (b == null) throw new FormatException("no fat file data");
        if (b.length > Txf.MAX_FILE_SIZE) throw new FormatException("fat file too large: " + b.length + " bytes");
        if (!isFat(b)) throw new FormatException("not a fat file: the first bytes are not 7F 46 41 54");
        ByteReader r = new ByteReader(b, 4, "fat file");
        int version = r.u8("version");
        if (version != VERSION) throw new FormatException("unsupported fat file version " + version);
        r.u8("reserved");
        int count = r.u16("slice count");
        if (count == 0 || count > MAX_SLICES) throw new FormatException("corrupt fat file: " + count + " slices (expected 1.." + MAX_SLICES + ")");
        r.need((long) count * ENTRY_SIZE, "slice table");
        List<byte[]> out = new ArrayList<>(count);
        Set<Integer> machines = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int machine = r.u8("slice " + i + " machine");
            r.u8("reserved");
            r.u8("reserved");
            r.u8("reserved");
            long offset = r.u32("slice " + i + " offset");
            long length = r.u32("slice " + i + " length");
            if (offset + length > b.length)
                throw new FormatException("corrupt fat file: slice " + i + " (offset " + offset + ", " + length + " bytes) runs past the end of the file (" + b.length + " bytes)");
            if (offset < TABLE_START + (long) count * ENTRY_SIZE)
                throw new FormatException("corrupt fat file: slice " + i + " starts at offset " + offset + ", inside the slice table");
            byte[] slice = new ByteReader(b, (int) offset, "fat file").bytes(length, "slice " + i);
            if (!Txf.isTxf(slice) || slice.length < 8)
                throw new FormatException("corrupt fat file: slice " + i + " is not a TXF file");
            if ((slice[7] & 0xFF) != machine)
                throw new FormatException(String.format(java.util.Locale.ROOT, "corrupt fat file: slice %d is listed for machine %02Xh but its header says %02Xh", i, machine, slice[7] & 0xFF));
            if (!machines.add(machine))
                throw new FormatException(String.format(java.util.Locale.ROOT, "corrupt fat file: two slices for machine %02Xh", machine));
            out.add(slice);
        }
        return out;
    }

    /** Bundles TXF files (each must start with the TXF header) into one fat file. */
    public static byte[] write(List<byte[]> txfSlices) {
        if (txfSlices.isEmpty() || txfSlices.size() > MAX_SLICES)
            throw new IllegalArgumentException("a fat file holds 1.." + MAX_SLICES + " slices, not " + txfSlices.size());
        ByteWriter w = new ByteWriter();
        w.bytes(MAGIC).u8(VERSION).u8(0).u16(txfSlices.size());
        long offset = TABLE_START + (long) txfSlices.size() * ENTRY_SIZE;
        Set<Integer> machines = new HashSet<>();
        for (byte[] s : txfSlices) {
            int machine = Txf.machineOf(s);
            if (machine < 0) throw new IllegalArgumentException("a fat slice must be a TXF file");
            if (!machines.add(machine)) throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "two slices for machine %02Xh", machine));
            w.u8(machine).u8(0).u8(0).u8(0).u32(offset).u32(s.length);
            offset += s.length;
        }
        for (byte[] s : txfSlices) w.bytes(s);
        return w.toByteArray();
    }
}
