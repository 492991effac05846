package toyisa.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import toyisa.container.Fat;
import toyisa.container.FormatException;
import toyisa.container.Segment;
import toyisa.container.Symbol;
import toyisa.container.LineEntry;
import toyisa.container.Txf;
import toyisa.container.TxfImage;
import toyisa.isa.Printable;
import toyisa.vm.Loader;

/**
 * {@code toyisa readtxf}: a TXF or fat file taken apart, like {@code readelf -h -l -s} and
 * {@code otool -f}: the header field by field with its bytes and file offsets, the segments, the
 * symbols, the source files and line table; a fat file's header, its slice table and then each slice.
 */
@Command(name = "readtxf",
        mixinStandardHelpOptions = true,
        description = {
            "Show what a TXF or fat file holds, like readelf -h -l -s (and otool -f for",
            "fat files): the header field by field with its bytes and offsets, the",
            "segments, symbols, source files and line table; a fat file's slice table,",
            "then each slice; a .woz zip's files. The layouts are in docs/txf.md.",
            "",
            "Exit status: 0 shown, 2 unreadable or not a well-formed TXF or fat file."
        })
public final class ReadTxfCommand implements Callable<Integer> {
    /** Bytes of a segment shown before "...". */
    static final int SHOWN_BYTES = 16;

    @Parameters(index = "0", paramLabel = "FILE", description = "a TXF or fat file")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        byte[] bytes = InputFile.read(cl, file);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            cl.getOut().print(render(name, bytes));
            cl.getOut().flush();
            return 0;
        } catch (FormatException e) {
            cl.getErr().println("toyisa readtxf: " + file + ": " + e.getMessage());
            return Toyisa.USAGE;
        }
    }

    /** The whole report for a file's bytes; a FormatException (from the container's readers) when it is not well formed. */
    static String render(String name, byte[] b) throws FormatException {
        StringBuilder sb = new StringBuilder();
        if (Fat.isFat(b)) {
            List<byte[]> slices = Fat.slices(b); // validates the table and every slice's place
            sb.append(name).append(": fat file, ").append(b.length).append(" bytes, ").append(plural(slices.size(), "slice")).append("\n\n");
            sb.append("Fat header:\n");
            fieldHeader(sb);
            field(sb, b, 0, 4, "magic", "\\x7fFAT");
            field(sb, b, 4, 1, "version", Integer.toString(b[4] & 0xFF));
            field(sb, b, 5, 1, "reserved", Integer.toString(b[5] & 0xFF));
            field(sb, b, 6, 2, "slices", Integer.toString(u16(b, 6)));
            sb.append("\nSlice table (like otool -f):\n");
            sb.append("  #  offset  bytes                                 machine         file offset  length\n");
            for (int i = 0; i < slices.size(); i++) {
                int at = 8 + 12 * i;
                sb.append(String.format(Locale.ROOT, "  %d  %6d  %-36s  %-14s  %11d  %6d%n", i, at, hex(b, at, 12),
                        machine(b[at] & 0xFF), u32(b, at + 4), u32(b, at + 8)).replace(System.lineSeparator(), "\n"));
            }
            for (int i = 0; i < slices.size(); i++) {
                int at = 8 + 12 * i;
                long off = u32(b, at + 4);
                sb.append("\nSlice ").append(i).append(", ").append(Loader.machineName(b[at] & 0xFF)).append(", file offsets ")
                        .append(off).append(" to ").append(off + u32(b, at + 8) - 1).append(":\n");
                txf(sb, slices.get(i), (int) off);
            }
            return sb.toString();
        }
        if (toyisa.container.Woz.isZip(b)) {
            java.util.Map<String, byte[]> files = toyisa.container.Woz.read(b); // into memory, hostile zips refused
            sb.append(name).append(": .woz zip of ").append(plural(files.size(), "file")).append('\n');
            for (java.util.Map.Entry<String, byte[]> f : files.entrySet()) {
                sb.append("\n").append(f.getKey()).append(", ").append(f.getValue().length).append(" bytes")
                        .append(" (offsets within it):\n");
                if (Txf.isTxf(f.getValue())) txf(sb, f.getValue(), 0);
                else sb.append("  not a TXF file\n");
            }
            return sb.toString();
        }
        if (!Txf.isTxf(b))
            throw new FormatException("neither a TXF file (7F 54 58 46, \\x7fTXF), a fat file (7F 46 41 54, \\x7fFAT) nor a .woz zip:"
                    + " a raw binary has no header to read");
        sb.append(name).append(": TXF file, ").append(b.length).append(" bytes\n\n");
        txf(sb, b, 0);
        return sb.toString();
    }

    /** One TXF file (a whole file, or a fat slice starting at {@code base} in its fat file). */
    private static void txf(StringBuilder sb, byte[] b, int base) throws FormatException {
        TxfImage img = Txf.read(b); // validates everything, so the walk below stays inside the bytes
        sb.append("TXF header:\n");
        fieldHeader(sb);
        int o = base;
        field(sb, b, 0, 4, o, "magic", "\\x7fTXF");
        field(sb, b, 4, 1, o, "version", Integer.toString(b[4] & 0xFF));
        field(sb, b, 5, 1, o, "byte order", img.byteOrder() + ": " + (img.byteOrder() == TxfImage.LITTLE_ENDIAN
                ? "little-endian (the code's words; Intellio's order)" : "big-endian (the code's words; Armistice's order)"));
        field(sb, b, 6, 1, o, "type", img.type() + ": " + (img.type() == TxfImage.EXECUTABLE ? "executable" : "position-independent executable"));
        field(sb, b, 7, 1, o, "machine", machine(img.machine()));
        field(sb, b, 8, 2, o, "entry", addr(img.entry()));
        field(sb, b, 10, 2, o, "segments", Integer.toString(img.segments().size()));
        field(sb, b, 12, 2, o, "symbols", Integer.toString(img.symbols().size()));
        field(sb, b, 14, 2, o, "source files", Integer.toString(img.files().size()));
        field(sb, b, 16, 4, o, "line entries", Integer.toString(img.lines().size()));

        int at = Txf.HEADER_SIZE;
        sb.append("\nSegments (").append(img.segments().size()).append("), each: u16 load address, u32 size, the bytes:\n");
        if (img.segments().isEmpty()) sb.append("  none\n");
        else sb.append("  #  offset  load at  size   last   bytes\n");
        for (int i = 0; i < img.segments().size(); i++) {
            Segment s = img.segments().get(i);
            int shown = Math.min(s.size(), SHOWN_BYTES);
            String bytes = hex(b, at + 6, shown) + (s.size() > SHOWN_BYTES ? " ..." : "");
            sb.append(String.format(Locale.ROOT, "  %d  %6d  %7s  %5d  %5s  %s", i, base + at, addr(s.address()), s.size(),
                    s.size() == 0 ? "-" : addr(s.address() + s.size() - 1), bytes).stripTrailing()).append('\n');
            at += 6 + s.size();
        }

        sb.append("\nSymbols (").append(img.symbols().size()).append("), each: u16 address, name:\n");
        if (img.symbols().isEmpty()) sb.append("  none\n");
        else sb.append("  offset  address  name\n");
        for (Symbol s : img.symbols()) {
            sb.append(String.format(Locale.ROOT, "  %6d  %7s  %s%n", base + at, addr(s.address()), Printable.name(s.name())).replace(System.lineSeparator(), "\n"));
            at += 4 + s.name().getBytes(StandardCharsets.UTF_8).length;
        }

        sb.append("\nSource files (").append(img.files().size()).append("):\n");
        if (img.files().isEmpty()) sb.append("  none\n");
        for (int i = 0; i < img.files().size(); i++) {
            sb.append(String.format(Locale.ROOT, "  %d  %s (at offset %d)%n", i, Printable.name(img.files().get(i)), base + at).replace(System.lineSeparator(), "\n"));
            at += 2 + img.files().get(i).getBytes(StandardCharsets.UTF_8).length;
        }

        sb.append("\nLine table (").append(img.lines().size()).append("), each: u16 address, u16 file, u32 line");
        if (img.lines().isEmpty()) sb.append(":\n  none\n");
        else sb.append(", from offset ").append(base + at).append(":\n  address  line  file\n");
        for (LineEntry l : img.lines())
            sb.append(String.format(Locale.ROOT, "  %7s  %4d  %s%n", addr(l.address()), l.line(), Printable.name(img.files().get(l.file())))
                    .replace(System.lineSeparator(), "\n"));
    }

    private static void fieldHeader(StringBuilder sb) {
        sb.append("  offset  bytes        field         value\n");
    }

    private static void field(StringBuilder sb, byte[] b, int at, int len, String name, String value) {
        field(sb, b, at, len, 0, name, value);
    }

    private static void field(StringBuilder sb, byte[] b, int at, int len, int base, String name, String value) {
        sb.append(String.format(Locale.ROOT, "  %6d  %-11s  %-12s  %s", base + at, hex(b, at, len), name, value)).append('\n');
    }

    private static String machine(int m) {
        return String.format(Locale.ROOT, "%02Xh: %s", m, Loader.machineName(m));
    }

    private static String addr(int a) {
        return String.format(Locale.ROOT, "%04Xh", a);
    }

    private static String hex(byte[] b, int at, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0) sb.append(' ');
            sb.append(String.format(Locale.ROOT, "%02X", b[at + i] & 0xFF));
        }
        return sb.toString();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
