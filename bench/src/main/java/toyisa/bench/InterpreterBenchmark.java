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
 * Each CPU's fast loop on each suite program. One benchmark operation loads the binary and runs it
 * to the end (a tenth of the full size by default: about 25 million guest instructions).
 *
 * <p>The score that matters is the secondary result {@code instructions}: guest instructions per
 * second ({@link GuestInstructions}). The primary score, whole runs per second, depends on each
 * program's size. {@code bench/run jmh} runs this and prints MIPS with the geometric mean per CPU.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Thread)
public class InterpreterBenchmark {
    @Param({"sieve", "fib", "sort", "crc16", "matmul", "strings"})
    public String program;

    @Param({"armistice", "intellio"})
    public String cpu;

    /** Fraction of the full-size program (1.0 = about 250 million guest instructions). */
    @Param("0.1")
    public double scale;

    private Runner runner;

    @Setup(Level.Trial)
    public void prepare() {
        BenchProgram p = Suite.named(program);
        runner = Runner.prepare(p, cpu, Engine.INTERPRETER, p.repeat(scale));
        runner.run();
        runner.check();
    }

    @Benchmark
    public long run(GuestInstructions counter) {
        long n = runner.run();
        counter.instructions += n;
        return n;
    }

    /** The last measured run must still print the checked result. */
    @TearDown(Level.Trial)
    public void verify() {
        runner.check();
    }

    /**
     * Guest instructions executed, which JMH reports per second beside the primary score (an
     * auxiliary counter of type OPERATIONS is normalised by time like the score itself).
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class GuestInstructions {
        public long instructions;

        @Setup(Level.Iteration)
        public void clear() {
            instructions = 0;
        }
    }
}
