package toyisa.jit;

import toyisa.vm.Core;
import toyisa.vm.Machine;

/**
 * A region compiled to a JavaScript function ({@link ScriptCompiler}), as the host that made the
 * function calls it: the page's worker. {@link #run} copies the core's flags into the function's
 * array and back around the call, so the machine's fields are what the interpreter would have left.
 * Script regions do not chain: each exit returns to the engine, which enters the next region.
 */
public abstract class ScriptRegion implements RegionCode {
    private final int[] io = new int[ScriptCompiler.SLOTS];
    /** The core of the machine last run, kept so that each entry does not make another. */
    private Core core;

    protected ScriptRegion() {}

    /** Calls the function with the parameters {@link ScriptCompiler#PARAMS}; returns what it returns. */
    protected abstract int call(int[] r, byte[] m, byte[] cb, int[] f, int room);

    @Override
    public int run(Machine mc, int[] r, byte[] m, byte[] cb, int room, LinkedRegion[] next, int depth) {
        Core c = core;
        if (c == null || c.machine() != mc) core = c = Core.of(mc);
        int[] f = io;
        c.saveFlagFields(f);
        f[ScriptCompiler.BAILED] = 0;
        int done = call(r, m, cb, f, room);
        c.restoreFlagFields(f);
        c.leaveAt(f[ScriptCompiler.PC], f[ScriptCompiler.BAILED]);
        return done;
    }
}
