package toyisa.bench;

import toyisa.translate.Emulator;

/**
 * The emulator's engine: an Intellio guest translated to Armistice host code and run on the
 * Armistice core. Each run starts from an empty code cache, so translation is part of the time,
 * as it is for a user of {@code toyisa emulate}.
 */
final class Translated extends Runner {
    private final byte[] binary;
    private long host;

    private Translated(BenchProgram program, int repeat, byte[] binary) {
        super(program, "intellio", repeat);
        this.binary = binary;
    }

    static Runner prepare(BenchProgram program, int repeat, byte[] binary) {
        return new Translated(program, repeat, binary);
    }

    /** True when this build has the translator. */
    static boolean available() {
        return true;
    }

    @Override
    public long run() {
        Emulator.Result r = Emulator.run(binary, Emulator.options().budget(Long.MAX_VALUE));
        last = r.result();
        host = r.stats().hostInstructions();
        return r.stats().guestInstructions();
    }

    @Override
    public long hostInstructions() {
        return host;
    }

    @Override
    public Engine engine() {
        return Engine.TRANSLATED;
    }
}
