package toyisa.vm;

import java.util.ArrayList;
import java.util.List;
import toyisa.container.Fat;
import toyisa.container.FormatException;
import toyisa.container.Segment;
import toyisa.container.Txf;
import toyisa.container.TxfImage;
import toyisa.isa.Hex;
import toyisa.isa.Isa;

/**
 * Turns a file into a {@link Program}: a raw binary (loaded at 0100h), a TXF file (its segments and
 * entry), or a fat file (the slice for the CPU). The loader does not judge whether the code is for
 * this CPU — running a foreign file on purpose is how the misdecode demo works; {@code exec.Exec} applies
 * the rules of {@code exec}.
 */
public final class Loader {
    private Loader() {}

    /** How a file is packaged, judged by its first bytes. */
    public static Program.Format formatOf(byte[] file) {
        if (Txf.isTxf(file)) return Program.Format.TXF;
        if (Fat.isFat(file)) return Program.Format.FAT;
        return Program.Format.RAW;
    }

    /**
     * Loads a file to run on {@code cpu}.
     *
     * @throws FormatException for a corrupt TXF or fat file, a fat file without a slice for {@code cpu},
     *                         a segment in the null page, or a raw binary too large for memory
     */
    public static Program load(byte[] file, Isa cpu) throws FormatException {
        switch (formatOf(file)) {
            case TXF:
                return fromImage(Txf.read(file), Program.Format.TXF);
            case FAT: {
                byte[] slice = sliceFor(file, cpu.machine());
                if (slice == null)
                    throw new FormatException("the fat file has no slice for " + cpu.name() + " (it has: " + describeSlices(file) + ")");
                return fromImage(Txf.read(slice), Program.Format.FAT);
            }
            default:
                if (file.length > Program.MAX_RAW_SIZE)
                    throw new FormatException("a raw binary of " + file.length + " bytes does not fit between 0100h and FFFFh");
                return Program.raw(file);
        }
    }

    /** The slice of a fat file for a machine byte, or null when there is none. */
    public static byte[] sliceFor(byte[] fat, int machine) throws FormatException {
        for (byte[] s : Fat.slices(fat)) if (Txf.machineOf(s) == machine) return s;
        return null;
    }

    /** "Armistice, Intellio": the machines of a fat file's slices. */
    public static String describeSlices(byte[] fat) throws FormatException {
        List<String> names = new ArrayList<>();
        for (byte[] s : Fat.slices(fat)) names.add(machineName(Txf.machineOf(s)));
        return String.join(", ", names);
    }

    /** The CPU name for a machine byte, or e.g. {@code machine 42h} for one no CPU here has. */
    public static String machineName(int machine) {
        Isa isa = Isa.byMachine(machine);
        return isa != null ? isa.name() : "machine " + Hex.byteHex(machine) + "h";
    }

    static Program fromImage(TxfImage img, Program.Format format) throws FormatException {
        for (Segment s : img.segments()) {
            if (s.size() > 0 && s.address() < Machine.NULL_PAGE_END)
                throw new FormatException("segment at " + Hex.addr(s.address()) + " lies in the null page (0000h–00FFh), which is unmapped");
        }
        return new Program(img.segments(), img.entry(), format, img);
    }
}
