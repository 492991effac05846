package toyisa.vm;

/**
 * Guest code compiled for the host, attached to one machine (see the {@code jit} module). While
 * attached it runs the machine's {@code run}: it executes its compiled regions and hands everything
 * else to {@link Machine#interpret}, so the result is the interpreter's to the instruction. The
 * machine tells it when guest code changes ({@link #forget}) and when memory is reset ({@link #clear}).
 */
public abstract class CompiledCode {
    /** Runs the machine until {@code limit} instructions have run in all, or it stops. */
    abstract void execute(long limit);

    /** Bytes {@code addr..addr+n-1} changed under pre-decoded code: compiled code holding them is stale. */
    abstract void forget(int addr, int n);

    /** Memory was reset: nothing compiled holds any more. */
    abstract void clear();
}
