package toyisa.vm;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import toyisa.isa.Isa;

/**
 * One run of a guest program, as every command, the grader, the bench and the page describe it:
 * the program and its CPU, the engine, the bounds (instructions, output, log), the input, an echo of
 * the output as it is printed, and whether the engines keep their logs (the translation log, the
 * jit's regions). Immutable; each {@code with} gives a new value.
 *
 * <pre>
 * Execution e = Run.of(cpu, program).engine(Engine.JIT).budget(1_000_000).input("5\n").start();
 * RunResult r = e.run();
 * </pre>
 */
public final class Run {
    /** The logs' default bound: a program that keeps retranslating cannot fill the host's memory. */
    public static final long DEFAULT_LOG_CAP = 16L << 20;

    private final Isa cpu;
    private final Program program;
    private final Engine engine;
    private final long budget;
    private final int outputCap;
    private final byte[] input;
    private final InputStream inputStream;
    private final Consumer<String> echo;
    private final boolean log;
    private final long logCap;

    private Run(Isa cpu, Program program, Engine engine, long budget, int outputCap, byte[] input, InputStream inputStream,
                Consumer<String> echo, boolean log, long logCap) {
        if (cpu == null) throw new IllegalArgumentException("no CPU given");
        if (program == null) throw new IllegalArgumentException("no program given");
        if (engine == null) throw new IllegalArgumentException("no engine given");
        if (budget < 0) throw new IllegalArgumentException("the instruction budget must not be negative");
        if (outputCap < 0) throw new IllegalArgumentException("the output cap must not be negative");
        if (logCap < 0) throw new IllegalArgumentException("the log cap must not be negative");
        this.cpu = cpu;
        this.program = program;
        this.engine = engine;
        this.budget = budget;
        this.outputCap = outputCap;
        this.input = input;
        this.inputStream = inputStream;
        this.echo = echo;
        this.log = log;
        this.logCap = logCap;
    }

    /** The program on its CPU's interpreter, with the machine's default bounds and no input. */
    public static Run of(Isa cpu, Program program) {
        return new Run(cpu, program, Engine.INTERPRETER, Machine.DEFAULT_BUDGET, Machine.DEFAULT_OUTPUT_CAP, new byte[0], null,
                null, false, DEFAULT_LOG_CAP);
    }

    /** A raw binary (loaded and entered at 0100h) on its CPU's interpreter. */
    public static Run raw(Isa cpu, byte[] binary) {
        return of(cpu, Program.raw(binary));
    }

    public Run engine(Engine e) {
        return new Run(cpu, program, e, budget, outputCap, input, inputStream, echo, log, logCap);
    }

    /** The most guest instructions the run may execute before it counts as hung. */
    public Run budget(long instructions) {
        return new Run(cpu, program, engine, instructions, outputCap, input, inputStream, echo, log, logCap);
    }

    /** The most characters the program may print; beyond them the run stops with status 153. */
    public Run outputCap(int chars) {
        return new Run(cpu, program, engine, budget, chars, input, inputStream, echo, log, logCap);
    }

    public Run input(byte[] bytes) {
        return new Run(cpu, program, engine, budget, outputCap, bytes.clone(), null, echo, log, logCap);
    }

    public Run input(String text) {
        return input(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Standard input read lazily from a stream (a terminal, say). */
    public Run input(InputStream in) {
        return new Run(cpu, program, engine, budget, outputCap, new byte[0], in, echo, log, logCap);
    }

    /** Hands every piece of output to {@code echo} as it is printed. */
    public Run echo(Consumer<String> echo) {
        return new Run(cpu, program, engine, budget, outputCap, input, inputStream, echo, log, logCap);
    }

    /** Keeps the engines' logs: the translation log (guest blocks, host code), the jit's regions beside their code. */
    public Run log(boolean on) {
        return new Run(cpu, program, engine, budget, outputCap, input, inputStream, echo, on, logCap);
    }

    /** The most characters of translation log kept; the blocks after them are counted, not logged. */
    public Run logCap(long chars) {
        return new Run(cpu, program, engine, budget, outputCap, input, inputStream, echo, log, chars);
    }

    /** Sets the run up on the engines this program has installed ({@link Engines#installed()}). */
    public Execution start() {
        return Engines.installed().start(this);
    }

    public Isa cpu() {
        return cpu;
    }

    public Program program() {
        return program;
    }

    public Engine engine() {
        return engine;
    }

    public long budget() {
        return budget;
    }

    public int outputCap() {
        return outputCap;
    }

    /** The input as bytes (empty when it comes from a stream). */
    public byte[] input() {
        return input.clone();
    }

    /** The input stream, or null when the input is bytes. */
    public InputStream inputStream() {
        return inputStream;
    }

    /** The output's echo, or null. */
    public Consumer<String> echo() {
        return echo;
    }

    public boolean log() {
        return log;
    }

    public long logCap() {
        return logCap;
    }

    /** Gives a machine (the guest's own, or a translator's host core) this run's bounds, input and echo. */
    public void applyTo(Machine m) {
        m.setBudget(budget);
        m.setOutputCap(outputCap);
        if (inputStream != null) m.setInput(inputStream);
        else m.setInput(input);
        if (echo != null) m.setOutputEcho(echo);
    }
}
