package toyisa.asm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import toyisa.isa.Isa;

/**
 * The portable assembler: one source, any CPU. This class is the public entry point; the work is
 * done by {@link Front} (parsing, includes, macros, choosing native instructions) and {@link Layout}
 * (addresses, jump relaxation, encoding).
 *
 * <pre>
 * Assembly a = Assembler.assemble("print.pasm", "mov a, 10h\nmov c, 42\nint 13h\nhalt\n", Intellio.ISA);
 * if (a.ok()) Files.write(out, a.binary());          // 20 10 22 2A CD 13 F4
 * else System.err.print(a.formatDiagnostics());
 * </pre>
 *
 * Nothing here throws on bad input: every problem of the source becomes a {@link Diagnostic}.
 */
public final class Assembler {
    /** Where a raw binary is loaded and entered, like an MS-DOS {@code .COM} file. */
    public static final int DEFAULT_ORIGIN = 0x0100;
    /** Longest source (or included file) the assembler reads, in characters. */
    public static final int MAX_SOURCE_CHARS = 4_000_000;
    /** Most diagnostics one assembly reports (the rest are counted, not shown). */
    public static final int MAX_DIAGNOSTICS = 200;

    private Assembler() {}

    /** Assembles a source for a CPU, loaded at {@link #DEFAULT_ORIGIN}, without includes. */
    public static Assembly assemble(String fileName, String source, Isa target) {
        return assemble(fileName, source, target, DEFAULT_ORIGIN, IncludeResolver.NONE);
    }

    /**
     * Assembles a source for a CPU.
     *
     * @param fileName the name diagnostics print (and includes are resolved from)
     * @param source   the text
     * @param target   the CPU
     * @param origin   load address of the raw binary (where {@code $} starts)
     * @param includes how {@code .include} finds files
     */
    public static Assembly assemble(String fileName, String source, Isa target, int origin, IncludeResolver includes) {
        try {
            Front front = new Front(target, includes);
            List<Stmt> stmts = front.run(fileName, source == null ? "" : source);
            Layout layout = new Layout(target, origin & 0xFFFF, stmts);
            layout.run();
            List<Diagnostic> diags = new ArrayList<>(front.diagnostics());
            diags.addAll(layout.diagnostics());
            sortBySource(diags);
            return new Assembly(target, fileName, origin & 0xFFFF, layout, List.copyOf(dedupe(diags)), List.copyOf(front.definitions()));
        } catch (StackOverflowError e) {
            // A pathological input (thousands of nested parentheses): a diagnostic, not a crash.
            Diagnostic d = new Diagnostic(Diagnostic.Severity.ERROR, fileName, 1, 1,
                    "the source is nested too deeply to assemble", "simplify deeply nested expressions or macros", null, null);
            return Assembly.failed(target, fileName, origin & 0xFFFF, List.of(d));
        }
    }

    /** Files in the order they first appear, then line and column: the order a reader goes through them. */
    private static void sortBySource(List<Diagnostic> diags) {
        java.util.Map<String, Integer> fileOrder = new java.util.HashMap<>();
        for (Diagnostic d : diags) fileOrder.putIfAbsent(d.file(), fileOrder.size());
        diags.sort(java.util.Comparator.<Diagnostic>comparingInt(d -> fileOrder.get(d.file()))
                .thenComparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
    }

    /** Each diagnostic once, and no more than {@link #MAX_DIAGNOSTICS} of them. */
    private static List<Diagnostic> dedupe(Collection<Diagnostic> diags) {
        List<Diagnostic> out = new ArrayList<>(new java.util.LinkedHashSet<>(diags));
        if (out.size() <= MAX_DIAGNOSTICS) return out;
        int more = out.size() - MAX_DIAGNOSTICS;
        Diagnostic last = out.get(MAX_DIAGNOSTICS);
        List<Diagnostic> shown = new ArrayList<>(out.subList(0, MAX_DIAGNOSTICS));
        shown.add(new Diagnostic(last.severity(), last.file(), last.line(), last.column(),
                "… and " + more + " more; stopping here", "fix the first ones: later messages are often their echoes", null, null));
        return shown;
    }

    /** Assembles one source for every CPU there is, and packs the TXF images into a fat file. */
    public static FatAssembly assembleFat(String fileName, String source, IncludeResolver includes) {
        List<Assembly> slices = new ArrayList<>();
        for (Isa isa : Isa.all()) slices.add(assemble(fileName, source, isa, DEFAULT_ORIGIN, includes));
        return new FatAssembly(slices);
    }
}
