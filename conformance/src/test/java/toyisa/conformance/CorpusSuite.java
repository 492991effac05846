package toyisa.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Isa;

/**
 * The golden corpus: every {@code corpus/NAME.pasm} is assembled for {@link #target()} and run by
 * {@link #run}; its output must equal {@code NAME.out} and its exit status {@code NAME.status}.
 * {@code NAME.in}, when present, is standard input. Where the CPUs rightly differ (a misaligned
 * word is fine on Intellio, a bus error on Armistice), {@code NAME.armistice.out} /
 * {@code NAME.intellio.status} and so on override the shared files for that CPU.
 *
 * <p>One tiny subclass per backend: the interpreter of each CPU, and — running the same corpus —
 * the translator. A subclass says which CPU the source is assembled for and how to run the bytes.
 */
public abstract class CorpusSuite {
    /** Enough for every corpus program; the hang test runs into it. */
    public static final long BUDGET = 1_000_000;

    /** What a backend observed: the program's output and its exit status. */
    public record Observed(String output, int exitStatus) {}

    /** The CPU the corpus is assembled for; its expectations apply. */
    protected abstract Isa target();

    /** Runs a raw binary (loaded at 0100h) with the given standard input and budget {@link #BUDGET}. */
    protected abstract Observed run(byte[] binary, String input);

    @TestFactory
    Stream<DynamicTest> corpus() {
        Path dir = corpusDirectory();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pasm")).sorted().toList()) {
                String name = p.getFileName().toString().replace(".pasm", "");
                tests.add(DynamicTest.dynamicTest(name + " on " + target().name(), () -> check(dir, name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(tests.isEmpty(), "no corpus programs in " + dir);
        return tests.stream();
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
    }

    /** NAME.cpu.ext if present, else NAME.ext, else the default. */
    private String read(Path dir, String name, String ext, String fallback) throws IOException {
        Path specific = dir.resolve(name + "." + target().id() + "." + ext);
        if (Files.exists(specific)) return Files.readString(specific, StandardCharsets.UTF_8);
        Path shared = dir.resolve(name + "." + ext);
        if (Files.exists(shared)) return Files.readString(shared, StandardCharsets.UTF_8);
        return fallback;
    }

    /** The corpus directory on the test class path. */
    public static Path corpusDirectory() {
        try {
            return Paths.get(CorpusSuite.class.getResource("/corpus").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the corpus directory is not on the test class path", e);
        }
    }
}
