package toyisa.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import toyisa.vm.Engine;

/**
 * Translated execution: each suite program assembled for Intellio and run by the emulator on the
 * Armistice host (translation included). Secondary results: {@code instructions}, guest
 * instructions per second, and {@code hostInstructions}, the Armistice instructions the translated
 * code executed per second; their ratio is the host instructions per guest instruction.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Thread)
public class TranslatedBenchmark {
    @Param({"sieve", "fib", "sort", "crc16", "matmul", "strings"})
    public String program;

    /** Fraction of the full-size program (1.0 = about 250 million guest instructions). */
    @Param("0.1")
    public double scale;

    private Runner runner;

    @Setup(Level.Trial)
    public void prepare() {
        BenchProgram p = Suite.named(program);
        runner = Runner.prepare(p, "intellio", Engine.TRANSLATED, p.repeat(scale));
        runner.run();
        runner.check();
    }

    @Benchmark
    public long run(Counters counters) {
        long n = runner.run();
        counters.instructions += n;
        counters.hostInstructions += runner.hostInstructions();
        return n;
    }

    @TearDown(Level.Trial)
    public void verify() {
        runner.check();
    }

    /** Guest and host instructions executed, reported per second beside the primary score. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long instructions;
        public long hostInstructions;

        @Setup(Level.Iteration)
        public void clear() {
            instructions = 0;
            hostInstructions = 0;
        }
    }
}
