package toyisa.translate;

import toyisa.intellio.IntellioOp;
import toyisa.isa.Instruction;

/**
 * Which guest flags are still to be read after each instruction of a block — a backward walk over
 * the block, from the tables alone: an instruction kills the flags its row's flags column writes or
 * clears, and reads those its condition reads. The translator computes a flag only where it is live,
 * which is most of the speed of translated Intellio code (Armistice's arithmetic sets no flags).
 */
final class FlagLiveness {
    /** Per instruction: the flags read after it (by later instructions of the block, or after the block). */
    final int[] liveAfter;
    /** Per instruction: the flags it writes or clears. */
    final int[] kills;
    /** True when the block reads flags it does not set first: they must be known on entry. */
    final boolean readsOnEntry;

    private FlagLiveness(int[] liveAfter, int[] kills, boolean readsOnEntry) {
        this.liveAfter = liveAfter;
        this.kills = kills;
        this.readsOnEntry = readsOnEntry;
    }

    static FlagLiveness of(GuestBlock block) {
        int n = block.size();
        int[] liveAfter = new int[n], kills = new int[n];
        int live = liveOut(block);
        for (int i = n - 1; i >= 0; i--) {
            Instruction g = block.instructions.get(i);
            liveAfter[i] = live;
            kills[i] = kills(g);
            live = (live & ~kills[i]) | reads(g);
        }
        return new FlagLiveness(liveAfter, kills, live != 0);
    }

    /** Flags read after the instruction and not set by it: what host code must keep through it. */
    int through(int index) {
        return liveAfter[index] & ~kills[index];
    }

    /**
     * Flags the code after the block may read: all of them — and a {@code hlt} "reads" them too, as
     * the final state shows them. (Only a fault stops where they may be unknown; its report then
     * recovers them by replaying the program on the interpreter.)
     */
    private static int liveOut(GuestBlock b) {
        if (b.end == GuestBlock.End.ILLEGAL || b.end == GuestBlock.End.FETCH_FAULT) return 0;
        return LazyFlags.ALL;
    }

    /** The guest flags an instruction writes or clears: its table row's flags column (laid out as LazyFlags' bits). */
    static int kills(Instruction g) {
        return g.row().effects().changed();
    }

    /** The guest flags an instruction reads: its table row's condition. */
    static int reads(Instruction g) {
        if (g.row().op() == IntellioOp.INT) return LazyFlags.ALL; // the HAL may end the program here: its final state shows the flags
        return g.row().condition() == null ? 0 : g.row().condition().reads();
    }
}
