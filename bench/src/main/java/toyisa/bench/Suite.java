package toyisa.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark suite: six small programs that stress different parts of an interpreter, each in
 * the portable assembly (so one source runs on both CPUs and through the translator) and each with a
 * native C twin in {@code bench/native/} that does the same work with 16-bit arithmetic.
 *
 * <ul>
 *   <li>{@code sieve} — byte loads and stores, tight compare-and-branch loops;</li>
 *   <li>{@code fib} — register moves and adds only: pure dispatch cost;</li>
 *   <li>{@code sort} — word loads and stores, a data-dependent branch (bubble sort);</li>
 *   <li>{@code crc16} — shifts, xor and an unpredictable branch per bit;</li>
 *   <li>{@code matmul} — multiplies and strided word loads;</li>
 *   <li>{@code strings} — calls and returns, byte copy and compare.</li>
 * </ul>
 */
public final class Suite {
    /** The programs in table order. */
    public static final List<String> NAMES = List.of("sieve", "fib", "sort", "crc16", "matmul", "strings");

    private static final String ROOT = "/toyisa/bench/suite/";

    private Suite() {}

    /** Every program of the suite, in table order. */
    public static List<BenchProgram> all() {
        List<BenchProgram> all = new ArrayList<>();
        for (String name : NAMES) all.add(named(name));
        return all;
    }

    /** One program by name. */
    public static BenchProgram named(String name) {
        if (!NAMES.contains(name)) throw new IllegalArgumentException("no benchmark program '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        return BenchProgram.of(name, resource(name + ".pasm"), resource(name + ".out"));
    }

    private static String resource(String file) {
        try (InputStream in = Suite.class.getResourceAsStream(ROOT + file)) {
            if (in == null) throw new IllegalStateException("the suite file " + file + " is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
