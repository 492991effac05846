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

    abstract RegionCompiler compiler(Core m, Region region);

    /** The compiler of the region to JavaScript, for the page. */
    abstract ScriptCompiler script(Core m, Region region);

    static JitCpu of(Core m) {
        if (m.isa().machine() == Armistice.ISA.machine()) return ArmisticeJitCpu.CPU;
        if (m.isa().machine() == Intellio.ISA.machine()) return IntellioJitCpu.CPU;
        return null;
    }
}
