package toyisa.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import toyisa.debug.UserError;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.asm.IncludeResolver;
import toyisa.container.FormatException;
import toyisa.container.HexText;
import toyisa.container.LineEntry;
import toyisa.container.Symbol;
import toyisa.container.TxfImage;
import toyisa.isa.Isa;
import toyisa.vm.Loader;
import toyisa.vm.Program;

/**
 * A program as the debugger holds it: the bytes to load and, when there is any, the debug
 * information that maps addresses back to labels and source lines.
 *
 * <p>The debug information describes the <em>bytes</em>, not a CPU: after {@code cpu} reloads the
 * same bytes on the other CPU, a label still names the same address — which is exactly what makes
 * the misdecode visible (the PC walks through the middle of what the source calls one instruction).
 */
final class Image {
    /** Largest file the REPL reads. */
    static final long MAX_FILE = 16L << 20;

    /** How the program reached the debugger. */
    enum Kind { SOURCE, RAW, TXF, FAT }

    /** One source line's code: {@code length} bytes from {@code address}. */
    record Line(int address, int length, String file, int line) {}

    final String name;
    final Path path;
    final Kind kind;
    /** The CPU the bytes were built for, or null for a raw binary (which says nothing about it). */
    final Isa builtFor;
    final Program program;
    /** Labels by name, in address order. */
    final Map<String, Integer> labels;
    final List<Line> lines;
    /** Source text per file name of the line table (missing when the file cannot be read). */
    final Map<String, List<String>> sources;
    /** Things worth telling the user about the load (assembler warnings, a foreign TXF). */
    final String notes;

    private final TreeMap<Integer, String> labelAt = new TreeMap<>();
    /** Bytes the assembler emitted for data directives ({@code .byte}, {@code .word}, {@code .asciz}, ...). */
    private final java.util.BitSet data = new java.util.BitSet(0x10000);

    private Image(String name, Path path, Kind kind, Isa builtFor, Program program, Map<String, Integer> labels,
                  List<Line> lines, Map<String, List<String>> sources, String notes) {
        this.name = name;
        this.path = path;
        this.kind = kind;
        this.builtFor = builtFor;
        this.program = program;
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(labels.entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        Map<String, Integer> byAddress = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : sorted) {
            byAddress.put(e.getKey(), e.getValue());
            labelAt.putIfAbsent(e.getValue(), e.getKey());
        }
        this.labels = Collections.unmodifiableMap(byAddress);
        this.lines = List.copyOf(lines);
        this.sources = sources;
        this.notes = notes;
    }

    /** A raw program with no file behind it (tests, {@code asm} into an empty machine). */
    static Image raw(String name, byte[] code) {
        return new Image(name, null, Kind.RAW, null, Program.raw(code), Map.of(), List.of(), Map.of(), "");
    }

    /** True for file names the REPL assembles instead of loading as a binary. */
    static boolean isSource(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".pasm") || n.endsWith(".s") || n.endsWith(".asm");
    }

    /**
     * Loads a file for a CPU: a source file is assembled for it, a fat file gives that CPU's slice,
     * a TXF or raw file gives its bytes whatever CPU they were made for.
     *
     * @param shown the name as the user wrote it (what messages and the line table print)
     */
    static Image load(Path path, String shown, Isa cpu) throws LoadException {
        if (Files.isDirectory(path)) throw new LoadException("cannot load '" + shown + "': it is a directory");
        if (!Files.isRegularFile(path)) throw new LoadException("cannot open '" + shown + "': no such file");
        try {
            if (Files.size(path) > MAX_FILE) throw new LoadException("'" + shown + "' is too large (over 16 MiB)");
            if (isSource(shown)) return assemble(path, shown, Files.readString(path, StandardCharsets.UTF_8), cpu);
            return binary(path, shown, Files.readAllBytes(path), cpu);
        } catch (IOException e) {
            throw new LoadException("cannot read '" + shown + "': " + e.getMessage());
        }
    }

    static Image assemble(Path path, String shown, String text, Isa cpu) throws LoadException {
        Path dir = path.toAbsolutePath().getParent();
        IncludeResolver includes = (from, name) -> {
            Path p;
            try {
                p = dir.resolve(name);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IOException("'" + name + "' is not a file name");
            }
            if (!Files.isRegularFile(p)) throw new IOException("cannot find '" + name + "'");
            return new IncludeResolver.Source(name, Files.readString(p, StandardCharsets.UTF_8));
        };
        Assembly a = Assembler.assemble(shown, text, cpu, Assembler.DEFAULT_ORIGIN, includes);
        if (!a.ok()) throw new LoadException("cannot assemble '" + shown + "' for " + cpu.name() + ":\n" + a.formatDiagnostics().stripTrailing());
        List<Line> lines = new ArrayList<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        sources.put(shown, text.lines().toList());
        for (Assembly.SourceLine l : a.lines()) {
            if (l.length() == 0) continue;
            lines.add(new Line(l.address(), l.length(), l.file(), l.line()));
            if (!sources.containsKey(l.file())) sources.put(l.file(), readLines(dir, l.file()));
        }
        Program program = Program.raw(a.binary());
        Image img = new Image(shown, path, Kind.SOURCE, cpu, program, a.labels(), lines, sources,
                a.warnings().isEmpty() ? "" : a.formatDiagnostics().stripTrailing());
        for (Assembly.SourceLine l : a.lines()) {
            if (l.length() > 0 && isDataLine(l.text())) img.data.set(l.address(), Math.min(0x10000, l.address() + l.length()));
        }
        return img;
    }

    /** A binary through the VM's loader: raw at 0100h, a TXF's segments, a fat file's slice for {@code cpu}. */
    static Image binary(Path path, String shown, byte[] bytes, Isa cpu) throws LoadException {
        Program program;
        try {
            if (HexText.isText(bytes)) bytes = HexText.parse(bytes); // hand-written hex
            program = Loader.load(bytes, cpu);
        } catch (FormatException e) {
            throw new LoadException("'" + shown + "': " + e.getMessage());
        }
        TxfImage img = program.image();
        if (img == null) return new Image(shown, path, Kind.RAW, null, program, Map.of(), List.of(), Map.of(), "");
        String note = "";
        if (img.machine() != cpu.machine()) {
            // exec would refuse this file; the debugger loads it anyway, to show why.
            note = "note: the TXF header says " + Loader.machineName(img.machine()) + "; loading its bytes on " + cpu.name()
                    + " anyway (exec would refuse it: exec format error)";
        }
        return withDebugInfo(path, shown, program, program.format() == Program.Format.FAT ? Kind.FAT : Kind.TXF, note);
    }

    /** Labels and the line table of a TXF image; source text from files beside the binary, when they are there. */
    private static Image withDebugInfo(Path path, String shown, Program program, Kind kind, String note) {
        TxfImage img = program.image();
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (Symbol s : img.symbols()) labels.putIfAbsent(s.name(), s.address());
        List<LineEntry> entries = new ArrayList<>(img.lines());
        entries.sort((x, y) -> Integer.compare(x.address(), y.address()));
        List<Line> lines = new ArrayList<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        Path dir = path == null ? null : path.toAbsolutePath().getParent();
        for (int i = 0; i < entries.size(); i++) {
            LineEntry e = entries.get(i);
            if (e.file() < 0 || e.file() >= img.files().size()) continue;
            // The line table has no lengths: a line's code ends where the next one begins.
            int end = i + 1 < entries.size() ? entries.get(i + 1).address() : segmentEnd(img, e.address());
            String file = img.files().get(e.file());
            lines.add(new Line(e.address(), Math.max(1, end - e.address()), file, e.line()));
            if (!sources.containsKey(file) && dir != null) sources.put(file, readLines(dir, file));
        }
        return new Image(shown, path, kind, Isa.byMachine(img.machine()), program, labels, lines, sources, note);
    }

    private static int segmentEnd(TxfImage img, int address) {
        for (var s : img.segments()) if (address >= s.address() && address < s.address() + s.size()) return s.address() + s.size();
        return address + 1;
    }

    /** The most bytes of a source file the debugger shows. */
    static final int MAX_SOURCE_SHOWN = 1 << 20;

    /**
     * The lines of a source file beside the program, or null. A file name from a TXF may be anything
     * ({@code /proc/self/environ}, {@code ../secret}): only a regular text file in the program's own
     * folder (or below it), reached without a symbolic link, is shown.
     */
    static List<String> readLines(Path dir, String name) {
        try {
            Path base = dir.toAbsolutePath().normalize();
            Path p = base.resolve(name).normalize();
            if (Path.of(name).isAbsolute() || !p.startsWith(base) || p.equals(base)) return null;
            for (Path q = p; q != null && !q.equals(base); q = q.getParent()) if (Files.isSymbolicLink(q)) return null;
            return toyisa.container.HostFiles.readText(p, MAX_SOURCE_SHOWN).lines().toList();
        } catch (IOException | RuntimeException e) {
            // No source text: 'list' says so; stepping still shows file:line.
        }
        return null;
    }

    /** A source line that emits data: a directive after an optional label ({@code msg: .asciz "hi"}). */
    static boolean isDataLine(String text) {
        if (text == null) return false;
        String t = text.strip();
        int colon = t.indexOf(':');
        if (colon > 0 && t.substring(0, colon).matches("[A-Za-z_.][A-Za-z0-9_.]*")) t = t.substring(colon + 1).strip();
        return t.startsWith(".");
    }

    // ------------------------------------------------------------------ lookups

    /** True when the assembler put data (not an instruction) at an address. */
    boolean isData(int address) {
        return data.get(address & 0xFFFF);
    }

    /** The line whose code covers an address, or null. */
    Line lineAt(int address) {
        for (Line l : lines) if (address >= l.address() && address < l.address() + l.length()) return l;
        return null;
    }

    /** The first address of a source line (file matched by name or by its last path element), or -1. */
    int addressOf(String file, int line) {
        for (Line l : lines) if (l.line() == line && sameFile(l.file(), file)) return l.address();
        return -1;
    }

    /** The first line at or after {@code line} that has code, so 'break 3' on a comment takes the next instruction. */
    Line firstLineFrom(String file, int line) {
        Line best = null;
        for (Line l : lines) {
            if (!sameFile(l.file(), file) || l.line() < line) continue;
            if (best == null || l.line() < best.line() || (l.line() == best.line() && l.address() < best.address())) best = l;
        }
        return best;
    }

    static boolean sameFile(String a, String b) {
        return a.equals(b) || lastElement(a).equals(lastElement(b));
    }

    // Not Path.of: a name the user typed may not be a valid path at all.
    private static String lastElement(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** The file of the main source, or null when there is no line table. */
    String mainFile() {
        return lines.isEmpty() ? null : (kind == Kind.SOURCE ? name : lines.get(0).file());
    }

    /** {@code loop} or {@code loop+4} for an address inside the program, or null. */
    String symbolize(int address) {
        Map.Entry<Integer, String> e = labelAt.floorEntry(address);
        if (e == null || !inProgram(address)) return null;
        int off = address - e.getKey();
        if (off > 0x40) return null;
        return off == 0 ? e.getValue() : e.getValue() + "+" + off;
    }

    /** The label exactly at an address, or null. */
    String labelAt(int address) {
        return labelAt.get(address);
    }

    boolean inProgram(int address) {
        for (var s : program.segments()) if (address >= s.address() && address < s.address() + s.size()) return true;
        return false;
    }

    /** The text of a source line, or null when the file could not be read. */
    String sourceText(String file, int line) {
        List<String> text = source(file);
        return text == null || line < 1 || line > text.size() ? null : text.get(line - 1);
    }

    List<String> source(String file) {
        for (Map.Entry<String, List<String>> e : sources.entrySet()) if (sameFile(e.getKey(), file)) return e.getValue();
        return null;
    }

    /** Raised when a file cannot be loaded; the message is for the user. */
    static final class LoadException extends Exception {
        LoadException(String message) {
            super(message);
        }
    }

    /**
     * The address of a source location: {@code FILE:LINE}, or a bare line number of the file the
     * program is in at {@code pc} (gdb's {@code break 12}); -1 when the text is neither (an address
     * expression, say).
     *
     * @throws UserError when it names a file or line with no code
     */
    int sourceLocation(String a, int pc) {
        int colon = a.lastIndexOf(':');
        if (colon > 0 && a.substring(colon + 1).strip().matches("\\d+")) {
            String file = a.substring(0, colon).strip();
            int line = Words.lineNumber(a.substring(colon + 1).strip());
            if (lines.stream().noneMatch(l -> sameFile(l.file(), file)))
                throw new UserError("no line information for '" + file + "'" + (lines.isEmpty() ? " (the program has no source lines)" : ""));
            Line l = firstLineFrom(file, line);
            if (l == null) throw new UserError(file + ":" + line + " has no code, and neither has any line after it");
            return l.address();
        }
        if (a.matches("\\d+") && !lines.isEmpty()) {
            Line here = lineAt(pc);
            String file = here != null ? here.file() : mainFile();
            Line l = firstLineFrom(file, Words.lineNumber(a));
            if (l == null) throw new UserError(file + ":" + a + " has no code, and neither has any line after it");
            return l.address();
        }
        return -1;
    }
}
