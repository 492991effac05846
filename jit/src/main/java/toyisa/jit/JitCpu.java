package toyisa.jit;

import toyisa.armistice.Armistice;
import toyisa.intellio.Intellio;
import toyisa.vm.Core;

/**
 * What the jit engine needs to know of one CPU's pre-decoded form (its core's kinds): which kinds
 * it compiles, how long each is, how a block ends, and the compiler that writes the bytecode.
 * The semantics themselves are the core's fast loop, mirrored by each CPU's {@link RegionCompiler}.
 */
abstract class JitCpu {
    /** The kind word at {@code at}, decoding it as the core's careful loop would on a first visit. */
    final int kindWord(Core m, int at) {
        return m.kindWord(at);
    }

    /** The core's register slots. */
    abstract int registers();

    /** True for a register slot that always reads 0 (Armistice r0, Intellio's base of absolute addresses). */
    abstract boolean zero(int k);

    /** The stack pointer's register. */
    abstract int sp();

    /** True for big-endian words (Armistice), false for little-endian (Intellio). */
    abstract boolean bigEndian();

    /** True for the kinds the core's fast loop executes (what a region may hold). */
    abstract boolean compiles(int kind);

    /** True for a fused compare-and-branch (two guest instructions in one slot). */
    abstract boolean fused(int kind);

    /** Bytes of the instruction in the slot (both instructions of a fused pair). */
    abstract int bytes(Core m, int at, int w);

    /** How an instruction of this kind ends a block, or null when it does not. */
    abstract Region.End ends(int kind);

    /** The direct target of the jump, call or fused branch at {@code at}. */
    abstract int target(Core m, int at, int w);

    /** Done by the fast loop without a check or a bail-out, setting its flags (if any) before any jump. */
    abstract boolean pure(int kind);

    /** Sets all the flags, reading none (a fused jump comes after the flags it sets). */
    abstract boolean setsAllFlags(int kind);

    /** Reads the flags before it to keep some of them (an Intellio shift keeps O). */
    abstract boolean readsFlags(int kind);

    /**
     * Whether each instruction of {@code b} (by slot) must leave its flags: false only where the
     * flags it sets are overwritten further on in the block before anything could see them. The
     * flags are live at the block's end when {@code liveAtEnd} (for the page, always: its next block
     * may leave at its budget check), and before any instruction that is not {@link #pure} (it may bail out or leave before setting flags of its
     * own, and then the interpreter must find the flags it would have made); an instruction that
     * {@link #setsAllFlags} makes them dead before it; one that {@link #readsFlags} makes them live
     * before it when its own are live after it. Both back ends then skip the dead flags' work.
     */
    final boolean[] liveFlags(int[] code, Region.Block b, boolean liveAtEnd) {
        boolean[] live = new boolean[b.slots().length];
        liveness(code, b, liveAtEnd, live);
        return live;
    }

    /** Whether the flags are live at the start of block {@code b} ({@link #liveFlags}). */
    final boolean flagsLiveIn(int[] code, Region.Block b, boolean liveAtEnd) {
        return liveness(code, b, liveAtEnd, new boolean[b.slots().length]);
    }

    private boolean liveness(int[] code, Region.Block b, boolean liveAtEnd, boolean[] live) {
        int[] slots = b.slots();
        boolean after = liveAtEnd;
        for (int i = slots.length - 1; i >= 0; i--) {
            int kind = code[slots[i] << 2] & 0xFF;
            live[i] = after;
            if (!pure(kind)) after = true;
            else if (setsAllFlags(kind)) after = false;
            else if (readsFlags(kind)) after = live[i];
        }
        return after;
    }

    abstract RegionCompiler compiler(Core m, Region region);

    /** The compiler of the region to JavaScript, for the page. */
    abstract ScriptCompiler script(Core m, Region region);

    static JitCpu of(Core m) {
        if (m.isa().machine() == Armistice.ISA.machine()) return ArmisticeJitCpu.CPU;
        if (m.isa().machine() == Intellio.ISA.machine()) return IntellioJitCpu.CPU;
        return null;
    }
}
