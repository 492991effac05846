package toyisa.vm;

/**
 * A region compiled to a JavaScript function ({@link ScriptCompiler}), as the host that made the
 * function calls it: the page's worker. {@link #run} copies the core's flags into the function's
 * array and back around the call, so the machine's fields are what the interpreter would have left.
 * Script regions do not chain: each exit returns to the engine, which enters the next region.
 */
public abstract class ScriptRegion implements RegionCode {
    private final int[] io = new int[ScriptCompiler.SLOTS];
    private ScriptCompiler.Flags flags;

    protected ScriptRegion() {}

    /** Calls the function with the parameters {@link ScriptCompiler#PARAMS}; returns what it returns. */
    protected abstract int call(int[] r, byte[] m, byte[] cb, int[] f, int room);

    void flags(ScriptCompiler.Flags f) {
        this.flags = f;
    }

    @Override
    public int run(Machine mc, int[] r, byte[] m, byte[] cb, int room, LinkedRegion[] next, int depth) {
        int[] f = io;
        flags.save(mc, f);
        f[ScriptCompiler.BAILED] = 0;
        int done = call(r, m, cb, f, room);
        flags.restore(f, mc);
        mc.pc = f[ScriptCompiler.PC];
        mc.bailouts += f[ScriptCompiler.BAILED];
        return done;
    }
}
