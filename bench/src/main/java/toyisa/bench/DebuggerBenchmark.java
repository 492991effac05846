package toyisa.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;
import toyisa.isa.Isa;
import toyisa.repl.Session;
import toyisa.repl.Style;

/**
 * The REPL's {@code continue}: one operation is {@code run} (reload, then continue to the end) on a
 * suite program, with a breakpoint that is never reached, so every instruction is checked.
 * {@code how=fast} is the debugger as it is (the first instructions journaled, then the fast core
 * with breakpoint and watch checks); {@code how=stepped} adds an access watch on a word the program
 * never touches, which makes the debugger step and journal every instruction — what {@code continue}
 * did before it had a fast path. Guest instructions per second are the secondary result
 * {@code instructions}, as in {@link InterpreterBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(3)
@State(Scope.Thread)
public class DebuggerBenchmark {
    @Param({"sieve", "fib"})
    public String program;

    @Param({"armistice", "intellio"})
    public String cpu;

    @Param({"fast", "stepped"})
    public String how;

    @Param("0.02")
    public double scale;

    private Session session;
    private long instructions;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        BenchProgram p = Suite.named(program);
        Isa isa = Isa.byName(cpu);
        Path dir = Files.createTempDirectory("toyisa-bench");
        Path bin = dir.resolve(program + ".bin");
        Files.write(bin, p.assemble(isa, p.repeat(scale)));
        session = new Session(isa, new PrintWriter(OutputStream.nullOutputStream()), Style.PLAIN, dir);
        session.setBudget(Long.MAX_VALUE);
        session.loadFile(bin.getFileName().toString());
        session.execute("break 0FFF0h");
        if (how.equals("stepped")) session.execute("awatch 0FF00h");
        // One run to learn how many instructions a run is, from the history's own count.
        session.execute("run");
        StringWriter w = new StringWriter();
        Session probe = new Session(isa, new PrintWriter(w), Style.PLAIN, dir);
        probe.setBudget(Long.MAX_VALUE);
        probe.loadFile(bin.getFileName().toString());
        probe.execute("continue");
        probe.execute("info history");
        String text = w.toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) steps? can be undone").matcher(text);
        if (!m.find()) throw new IllegalStateException("cannot count the instructions of a run:\n" + text);
        instructions = Long.parseLong(m.group(1));
    }

    @Benchmark
    public long run(InterpreterBenchmark.GuestInstructions counter) {
        session.execute("run");
        counter.instructions += instructions;
        return instructions;
    }
}
