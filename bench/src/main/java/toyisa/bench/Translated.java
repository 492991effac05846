package toyisa.bench;

import toyisa.vm.Engine;
import toyisa.vm.Engines;
import toyisa.vm.Execution;
import toyisa.vm.Run;

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
    private final Run run;
    private final long guest;
    private long host;
    private long reported;

    private Translated(BenchProgram program, Run run, int repeat, long guest) {
        super(program, run.cpu().id(), repeat);
        this.run = run;
        this.guest = guest;
    }

    static Runner prepare(BenchProgram program, Run run, int repeat) {
        Runner reference = Runner.prepare(program, run.cpu().id(), Engine.INTERPRETER, repeat);
        long guest = reference.run();
        reference.check();
        return new Translated(program, run, repeat, guest);
    }

    /** Guest instructions as the emulator counted them in the last run. */
    long reportedGuestInstructions() {
        return reported;
    }

    /** True when this build has the translator. */
    static boolean available() {
        return Engines.installed().has(Engine.TRANSLATED);
    }

    @Override
    public long run() {
        Execution e = run.start();
        last = e.run();
        host = e.hostInstructions();
        reported = last.steps();
        return guest;
    }

    @Override
    public long hostInstructions() {
        return host;
    }

    @Override
    public Engine engine() {
        return run.engine();
    }
}
