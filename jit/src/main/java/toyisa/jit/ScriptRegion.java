package toyisa.jit;

import toyisa.vm.Core;
import toyisa.vm.Machine;

/**
 * A region compiled to a JavaScript function ({@link ScriptCompiler}), as the host that made the
 * function calls it: the page's worker. {@link #run} copies the core's flags into the function's
 * array and back around the call, so the machine's fields are what the interpreter would have left.
 * When a function leaves by a direct exit whose target is a region in use ({@code next}, by exit
 * number) and the budget has room for that region's entry block, {@link #run} calls that region's
 * function next, on the same arrays, without going back to the engine: a loop, not nested calls, so
 * a chain has no depth to bound.
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
        for (;;) {
            int x = f[ScriptCompiler.EXIT];
            if (x < 0) break; // not a direct exit: the budget, a bail-out, an indirect jump
            LinkedRegion n = next[x];
            if (n == null || room - done < n.entryLength) break;
            n.uses++;
            n.chained++;
            done += ((ScriptRegion) n.code).call(r, m, cb, f, room - done);
            next = n.next;
        }
        c.restoreFlagFields(f);
        c.leaveAt(f[ScriptCompiler.PC], f[ScriptCompiler.BAILED]);
        return done;
    }
}
