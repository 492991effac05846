package toyisa.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Isa;

/**
 * One program of the benchmark suite: portable assembly whose work is an outer loop run
 * {@code REPEAT} times, and the output it must print.
 *
 * <p>Every repetition redoes the same work, so the result does not depend on the repeat count: a
 * run at any scale is checked against the same {@code .out} file. The full-size count in the source
 * makes a run about 250 million guest instructions, a second on an interpreter at the bar of
 * 250 MIPS; the smoke test runs one repetition, the JMH benchmarks a tenth of the full size.
 *
 * @param name       the file name without {@code .pasm}: {@code sieve}, {@code fib}, ...
 * @param source     the portable assembly as written, with its full-size {@code .equ REPEAT}
 * @param fullRepeat the repeat count written in the source
 * @param expected   what the program prints (its {@code .out} file)
 */
public record BenchProgram(String name, String source, int fullRepeat, String expected) {
    /** The one line a scaled run rewrites; the repeat count lives in a 16-bit register or word. */
    static final Pattern REPEAT_LINE = Pattern.compile("(?m)^\\.equ\\s+REPEAT\\s*,\\s*(\\d+)");
    public static final int MAX_REPEAT = 0xFFFF;

    /** Reads the full-size repeat count from the source; fails if the source has no {@code .equ REPEAT, n} line. */
    static BenchProgram of(String name, String source, String expected) {
        Matcher m = REPEAT_LINE.matcher(source);
        if (!m.find()) throw new IllegalArgumentException(name + ".pasm has no '.equ REPEAT, n' line to scale it by");
        return new BenchProgram(name, source, Integer.parseInt(m.group(1)), expected);
    }

    /** The repeat count for a fraction of the full size ({@code 1.0} = full), at least 1. */
    public int repeat(double scale) {
        if (!(scale > 0)) throw new IllegalArgumentException("the scale must be positive, not " + scale);
        long r = Math.round(fullRepeat * scale);
        return (int) Math.max(1, Math.min(MAX_REPEAT, r));
    }

    /** The source with its repeat count replaced. */
    public String source(int repeat) {
        if (repeat < 1 || repeat > MAX_REPEAT) throw new IllegalArgumentException("repeat " + repeat + " is not in 1.." + MAX_REPEAT);
        return REPEAT_LINE.matcher(source).replaceFirst(".equ REPEAT, " + repeat);
    }

    /** Assembles the program for a CPU with the given repeat count: a raw binary for 0100h. */
    public byte[] assemble(Isa cpu, int repeat) {
        Assembly a = Assembler.assemble(name + ".pasm", source(repeat), cpu);
        if (!a.ok()) throw new IllegalStateException(name + ".pasm does not assemble for " + cpu.name() + ":\n" + a.formatDiagnostics());
        return a.binary();
    }
}
