package toyisa.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Isa;
import toyisa.vm.RunResult;

/**
 * The golden corpus: every {@code src/test/resources/corpus/NAME.pasm} is assembled for
 * {@link #target()} and run by {@link #run}; its output must equal {@code NAME.out} and its exit
 * status {@code NAME.status}. {@code NAME.in}, when present, is standard input. Where the CPUs
 * rightly differ (a misaligned word is fine on Intellio, a bus error on Armistice),
 * {@code NAME.armistice.out} / {@code NAME.intellio.status} and so on override the shared files
 * for that CPU.
 *
 * <p>What {@code toyisa run} prints on standard error when a run does not end normally
 * ({@link RunResult#report()}: the fault report with its postmortem, the hang report) is a golden
 * too: {@code NAME.CPU.report}, one per CPU, since the report names the CPU and shows its
 * registers. A program without one must report nothing. The {@code .out}, {@code .status} and
 * {@code .in} files say what a program must do and are written by hand; the reports are what the
 * code says, so {@code -Dtoyisa.regenerate=true} (or {@code scripts/regen-goldens}) rewrites them
 * from the current code, to be reviewed as a diff before committing.
 *
 * <p>One tiny subclass per backend: the interpreter of each CPU, and — running the same corpus —
 * the translator. A subclass says which CPU the source is assembled for and how to run the bytes;
 * a backend whose report may differ names its own golden files in {@link #reportGoldens}. The
 * page's build runs the same corpus, against the same goldens, under node
 * ({@code web/test/conformance.test.mjs}).
 */
abstract class CorpusSuite {
    /** Enough for every corpus program; the hang test runs into it. */
    static final long BUDGET = 1_000_000;

    /** Where the corpus is kept, relative to this module (the tests run in it); regeneration writes here. */
    static final Path SOURCE_DIRECTORY = Path.of("src", "test", "resources", "corpus");

    static final boolean REGENERATE = Boolean.getBoolean("toyisa.regenerate");

    /** What a backend observed: the program's output, its exit status and its report for standard error. */
    record Observed(String output, int exitStatus, String report) {
        static Observed of(RunResult r) {
            return new Observed(r.output(), r.exitStatus(), r.report());
        }
    }

    /** The CPU the corpus is assembled for; its expectations apply. */
    protected abstract Isa target();

    /** Runs a raw binary (loaded at 0100h) with the given standard input and budget {@link #BUDGET}. */
    protected abstract Observed run(byte[] binary, String input);

    /**
     * The files that may hold the expected report of {@code name}, the first that exists applies;
     * regeneration writes the first. By default the target CPU's {@code NAME.CPU.report}.
     */
    protected List<String> reportGoldens(String name) {
        return List.of(name + "." + target().id() + ".report");
    }

    /**
     * Regenerating: whether the report this backend observed needs no golden of its own (the first
     * of {@link #reportGoldens}): by default when it is empty.
     */
    protected boolean needsNoOwnReport(String name, byte[] binary, String input, String report) {
        return report.isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        Path dir = SOURCE_DIRECTORY;
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pasm")).sorted().toList()) {
                String name = p.getFileName().toString().replace(".pasm", "");
                tests.add(DynamicTest.dynamicTest(name + " on " + backend(), () -> check(dir, name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(tests.isEmpty(), "no corpus programs in " + dir.toAbsolutePath());
        return tests.stream();
    }

    /** How the tests are named: the target CPU, unless a backend says more. */
    protected String backend() {
        return target().name();
    }

    private void check(Path dir, String name) throws IOException {
        String source = Files.readString(dir.resolve(name + ".pasm"), StandardCharsets.UTF_8);
        Assembly asm = Assembler.assemble(name + ".pasm", source, target());
        assertTrue(asm.ok(), () -> asm.formatDiagnostics());
        String input = read(dir, name, "in", "");
        String expectedOut = read(dir, name, "out", null);
        String expectedStatus = read(dir, name, "status", null);
        assertNotNull(expectedOut, name + ".out is missing");
        assertNotNull(expectedStatus, name + ".status is missing");
        Observed o = run(asm.binary(), input);
        assertEquals(expectedOut, o.output(), name + ": output");
        assertEquals(Integer.parseInt(expectedStatus.trim()), o.exitStatus(), name + ": exit status");
        if (REGENERATE && hasOwnReports()) regenerateReport(dir, name, asm.binary(), input, o.report());
        else checkReport(dir, name, o.report());
    }

    private void checkReport(Path dir, String name, String actual) throws IOException {
        List<String> goldens = reportGoldens(name);
        for (String file : goldens) {
            Path p = dir.resolve(file);
            if (Files.exists(p)) {
                assertEquals(Files.readString(p, StandardCharsets.UTF_8), actual,
                        name + ": the report differs from " + file + " (if the change is meant: run scripts/regen-goldens and review the diff)");
                return;
            }
        }
        if (!actual.isEmpty())
            fail(name + " reports on " + backend() + " but there is no " + String.join(" or ", goldens)
                    + ": run scripts/regen-goldens and review the diff. The report:\n" + actual);
    }

    /** False for a backend held to another's reports, which regeneration leaves alone (the jit engine). */
    protected boolean hasOwnReports() {
        return true;
    }

    /** The backend's own golden is rewritten when it no longer agrees, and removed when the backend needs none. */
    private void regenerateReport(Path dir, String name, byte[] binary, String input, String actual) throws IOException {
        Path own = dir.resolve(reportGoldens(name).get(0));
        if (Files.exists(own) && Files.readString(own, StandardCharsets.UTF_8).equals(actual)) return;
        if (needsNoOwnReport(name, binary, input, actual)) Files.deleteIfExists(own);
        else Files.writeString(own, actual, StandardCharsets.UTF_8);
    }

    /** NAME.cpu.ext if present, else NAME.ext, else the default. */
    private String read(Path dir, String name, String ext, String fallback) throws IOException {
        Path specific = dir.resolve(name + "." + target().id() + "." + ext);
        if (Files.exists(specific)) return Files.readString(specific, StandardCharsets.UTF_8);
        Path shared = dir.resolve(name + "." + ext);
        if (Files.exists(shared)) return Files.readString(shared, StandardCharsets.UTF_8);
        return fallback;
    }
}
