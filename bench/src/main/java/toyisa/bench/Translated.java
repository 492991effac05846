package toyisa.bench;

import toyisa.translate.Emulator;

/**
 * The emulator's engine: an Intellio guest translated to Armistice host code and run on the
 * Armistice core, or an Armistice guest translated to Intellio host code on the Intellio core. Each run starts from an empty code cache, so translation is part of the time,
 * as it is for a user of {@code toyisa emulate}.
 *
 * <p>Guest instructions are counted by the Intellio interpreter, once, when the runner is
 * prepared: the same binary executes the same instructions on every engine, and the interpreter's
 * count is the reference. The emulator's own count is kept in {@link #reportedGuestInstructions()}
 * so the table can say when the two differ.
 */
final class Translated extends Runner {
    private final byte[] binary;
    private final long guest;
    private long host;
    private long reported;

    private final boolean jit;
    private final toyisa.isa.Isa cpu;

    private Translated(BenchProgram program, toyisa.isa.Isa cpu, int repeat, byte[] binary, long guest, boolean jit) {
        super(program, cpu.id(), repeat);
        this.cpu = cpu;
        this.binary = binary;
        this.guest = guest;
        this.jit = jit;
    }

    static Runner prepare(BenchProgram program, toyisa.isa.Isa cpu, int repeat, byte[] binary, boolean jit) {
        Runner reference = Runner.prepare(program, cpu.id(), Engine.INTERPRETER, repeat);
        long guest = reference.run();
        reference.check();
        return new Translated(program, cpu, repeat, binary, guest, jit);
    }

    /** Guest instructions as the emulator counted them in the last run. */
    long reportedGuestInstructions() {
        return reported;
    }

    /** True when this build has the translator. */
    static boolean available() {
        return true;
    }

    @Override
    public long run() {
        Emulator.Options o = Emulator.options().guest(cpu).budget(Long.MAX_VALUE);
        if (jit) o.onHost(cpu -> toyisa.jit.Jit.attach(cpu.core(), toyisa.jit.Jit.Options.DEFAULT));
        Emulator.Result r = Emulator.run(binary, o);
        last = r.result();
        host = r.stats().hostInstructions();
        reported = r.stats().guestInstructions();
        return guest;
    }

    @Override
    public long hostInstructions() {
        return host;
    }

    @Override
    public Engine engine() {
        return jit ? Engine.TRANSLATED_JIT : Engine.TRANSLATED;
    }
}
