package toyisa.vm;

/**
 * What runs a machine's guest code in place of the interpreter while attached to it (the jit
 * engine, see {@link Core#attach}). It runs the machine's {@code run}: it executes what it has made
 * of the guest code and hands everything else to {@link Core#interpret}, so the result is the
 * interpreter's to the instruction. The machine tells it when guest code changes ({@link #forget})
 * and when memory is reset ({@link #clear}). Stepping never uses it: a single instruction is the
 * interpreter's.
 */
public abstract class Accelerator {
    /** Runs the machine until {@code limit} instructions have run in all, or it stops. */
    protected abstract void execute(long limit);

    /** Bytes {@code addr..addr+n-1} changed under pre-decoded code: what was made of them is stale. */
    protected abstract void forget(int addr, int n);

    /** Memory was reset: nothing made of the guest code holds any more. */
    protected abstract void clear();
}
