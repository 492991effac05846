package toyisa.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * What the code cache knows of any translated block, whichever the host: the guest block it came
 * from, where its host code lies, the jumps from other blocks that lead into it, and whether it
 * still stands for the guest's bytes.
 */
abstract class CachedBlock {
    final GuestBlock block;
    /** Host address of the first instruction (the entry). */
    final int base;
    final byte[] code;
    /**
     * Places in other blocks that jump here, each as its host address followed by the bytes that
     * were there before (put back when this block is invalidated).
     */
    final List<int[]> incoming = new ArrayList<>();
    boolean valid = true;

    CachedBlock(GuestBlock block, int base, byte[] code) {
        this.block = block;
        this.base = base;
        this.code = code;
    }
}
