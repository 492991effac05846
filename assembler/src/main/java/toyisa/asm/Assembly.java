package toyisa.asm;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import toyisa.container.Segment;
import toyisa.container.Symbol;
import toyisa.container.Txf;
import toyisa.container.TxfImage;
import toyisa.isa.Hex;
import toyisa.isa.Isa;

/**
 * The result of assembling one source for one CPU: the bytes (when there were no errors), the
 * diagnostics, a listing, the symbols and the line table. Immutable.
 */
public final class Assembly {
    /**
     * Where the code of one source line is: the debugger's line table.
     *
     * @param address first byte
     * @param length  how many bytes the line produced
     * @param file    source file
     * @param line    1-based line
     * @param text    the source line
     */
    public record SourceLine(int address, int length, String file, int line, String text) {}

    /**
     * One row of the listing: its address, up to four bytes in hex ({@code "36 01 00 10"}; a fill's
     * first four, then {@code …}) and the source line, on an instruction's first row only.
     */
    public record ListingRow(int address, String bytes, String text) {}

    private final Isa target;
    private final String fileName;
    private final int origin;
    private final List<Diagnostic> diagnostics;
    private final byte[] binary;
    private final Map<String, Integer> symbols;
    private final Map<String, Integer> labels;
    private final List<SourceLine> lines;
    private final List<String> mnemonics;
    private final List<ListingRow> listing;
    private final List<Definition> definitions;

    Assembly(Isa target, String fileName, int origin, Layout layout, List<Diagnostic> diagnostics, List<Definition> definitions) {
        this.definitions = definitions;
        this.target = target;
        this.fileName = fileName;
        this.origin = origin;
        this.diagnostics = diagnostics;
        boolean ok = diagnostics.stream().noneMatch(Diagnostic::isError);
        this.binary = ok ? Arrays.copyOfRange(layout.image(), origin, layout.end()) : new byte[0];
        this.symbols = masked(layout.values());
        this.labels = masked(layout.labels());
        List<SourceLine> ls = new ArrayList<>();
        for (Layout.Line l : layout.lines()) ls.add(new SourceLine(l.address(), l.length(), l.file(), l.line(), l.text()));
        this.lines = List.copyOf(ls);
        List<String> ms = new ArrayList<>();
        for (Layout.Line l : layout.lines()) if (l.mnemonic() != null) ms.add(l.mnemonic());
        this.mnemonics = List.copyOf(ms);
        this.listing = rows(layout.listing());
    }

    private Assembly(Isa target, String fileName, int origin, List<Diagnostic> diagnostics) {
        this.target = target;
        this.fileName = fileName;
        this.origin = origin;
        this.diagnostics = diagnostics;
        this.binary = new byte[0];
        this.symbols = Map.of();
        this.labels = Map.of();
        this.lines = List.of();
        this.mnemonics = List.of();
        this.listing = List.of();
        this.definitions = List.of();
    }

    static Assembly failed(Isa target, String fileName, int origin, List<Diagnostic> diagnostics) {
        return new Assembly(target, fileName, origin, diagnostics);
    }

    private static Map<String, Integer> masked(Map<String, Long> values) {
        Map<String, Integer> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, (int) (v & 0xFFFF)));
        return Collections.unmodifiableMap(out);
    }

    /** The instructions of the source as written (portable or native mnemonics), in address order. */
    public List<String> mnemonics() {
        return mnemonics;
    }

    /** The CPU this was assembled for. */
    public Isa target() {
        return target;
    }

    public String fileName() {
        return fileName;
    }

    /** True when there were no errors (warnings allowed). */
    public boolean ok() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /** The raw binary, to be loaded at {@link #origin()}; empty when there were errors. */
    public byte[] binary() {
        return binary.clone();
    }

    /** The load address of {@link #binary()}. */
    public int origin() {
        return origin;
    }

    /** Where execution starts: the origin (like a {@code .COM} file). */
    public int entry() {
        return origin;
    }

    /** Errors and warnings, in source order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /** Every diagnostic, formatted with its source line and caret, as the command line prints them. */
    public String formatDiagnostics() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) sb.append(d.format());
        return sb.toString();
    }

    /** Labels and {@code .equ} constants with their 16-bit values, in definition order. */
    public Map<String, Integer> symbols() {
        return symbols;
    }

    /** Labels only (addresses), in definition order. */
    public Map<String, Integer> labels() {
        return labels;
    }

    /** Where each label, {@code .equ} constant and macro is defined (not those a macro expansion defines), in source order. */
    public List<Definition> definitions() {
        return definitions;
    }

    /** The line table: for each source line that produced bytes, where they are. */
    public List<SourceLine> lines() {
        return lines;
    }

    /** The source line whose code covers an address, or {@code null}. */
    public SourceLine lineAt(int address) {
        for (SourceLine l : lines) if (address >= l.address() && address < l.address() + l.length()) return l;
        return null;
    }

    /**
     * The listing: address, bytes (up to four per row) and the source line. An instruction lowered
     * to several native instructions has one row per native instruction; the source is on the first.
     */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        for (ListingRow r : listing) {
            String row = String.format(java.util.Locale.ROOT, "%04X  %-12s %s", r.address(), r.bytes(), r.text());
            sb.append(row.stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The listing's rows, as {@link #listing()} prints them. */
    public List<ListingRow> listingRows() {
        return listing;
    }

    private static List<ListingRow> rows(List<Layout.ListingRow> rows) {
        List<ListingRow> out = new ArrayList<>();
        for (Layout.ListingRow r : rows) {
            byte[] b = r.bytes();
            for (int i = 0; i < b.length; i += 4) {
                byte[] part = Arrays.copyOfRange(b, i, Math.min(b.length, i + 4));
                String text = i == 0 && r.loc() != null ? r.loc().text().strip() : "";
                // A .space or .align is one row: its bytes are all the same.
                boolean more = r.fill() && b.length > 4;
                out.add(new ListingRow(r.address() + i, Hex.bytes(part) + (more ? "…" : ""), text));
                if (r.fill()) break;
            }
        }
        return List.copyOf(out);
    }

    /**
     * The program as a TXF file: machine byte, byte order, entry, one segment, the labels as
     * symbols and the line table. Empty when there were errors.
     */
    public byte[] toTxf() {
        if (!ok()) return new byte[0];
        return Txf.write(txfImage());
    }

    /** The TXF image {@link #toTxf()} writes. */
    public TxfImage txfImage() {
        List<Symbol> syms = new ArrayList<>();
        labels.forEach((name, addr) -> syms.add(new Symbol(name, addr)));
        List<String> files = new ArrayList<>();
        List<toyisa.container.LineEntry> entries = new ArrayList<>();
        for (SourceLine l : lines) {
            int f = files.indexOf(l.file());
            if (f < 0) {
                files.add(l.file());
                f = files.size() - 1;
            }
            entries.add(new toyisa.container.LineEntry(l.address(), f, l.line()));
        }
        int order = target.byteOrder() == ByteOrder.BIG_ENDIAN ? TxfImage.BIG_ENDIAN : TxfImage.LITTLE_ENDIAN;
        List<Segment> segs = binary.length == 0 ? List.of() : List.of(new Segment(origin, binary.clone()));
        return new TxfImage(target.machine(), order, TxfImage.EXECUTABLE, entry(), segs, syms, files, entries);
    }
}
