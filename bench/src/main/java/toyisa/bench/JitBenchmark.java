package toyisa.bench;

import java.util.concurrent.TimeUnit;
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
 * The jit engine on each suite program, as {@link InterpreterBenchmark} measures the interpreter:
 * one operation loads the binary and runs it to the end. Regions compiled in one run are reused by
 * the next (a grading run's case), so this measures compiled code, not compiling.
 * {@code engine = translated+jit} is the emulator with its host code on the jit engine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Thread)
public class JitBenchmark {
    @Param({"sieve", "fib", "sort", "crc16", "matmul", "strings"})
    public String program;

    /** {@code armistice} and {@code intellio} on the jit engine; {@code translated+jit}: Intellio code via the translator. */
    @Param({"armistice", "intellio", "translated+jit"})
    public String engine;

    @Param("0.1")
    public double scale;

    private Runner runner;

    @Setup(Level.Trial)
    public void prepare() {
        BenchProgram p = Suite.named(program);
        Engine e = engine.equals("translated+jit") ? Engine.TRANSLATED_JIT : Engine.JIT;
        runner = Runner.prepare(p, e == Engine.JIT ? engine : "intellio", e, p.repeat(scale));
        runner.run();
        runner.check();
    }

    @Benchmark
    public long run(InterpreterBenchmark.GuestInstructions counter) {
        long n = runner.run();
        counter.instructions += n;
        return n;
    }

    @TearDown(Level.Trial)
    public void verify() {
        runner.check();
    }
}
