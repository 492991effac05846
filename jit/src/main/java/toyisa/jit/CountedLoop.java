package toyisa.jit;

import java.util.BitSet;
import org.objectweb.asm.Label;

/**
 * A block that loops on itself by {@code add r, k} … {@code cmp r, bound} / {@code jb} back to its
 * start (sieve's {@code fill} and {@code cross}), where only the add writes {@code r} and the block
 * changes neither {@code k} nor {@code bound}. {@link RegionCompiler} gives it a second copy, entered
 * from its own jump back when {@code bound + k <= 10000h}: there {@code r < bound} at the top of every
 * pass, so {@code r + k} never passes FFFFh, the add needs no mask and HotSpot sees {@code r} as a
 * plain counter. Every other pass runs the block's first copy, as any block.
 */
final class CountedLoop {
    /** A register or a constant operand of the step or the bound. */
    record Operand(boolean register, int value) {}

    /** The fused jump that ends a block, when it is jb back to the block's start after cmp {@code r}, {@code bound}. */
    record Test(int r, Operand bound) {}

    final Region.Block block;
    final Test test;
    final Operand step;
    /** The slot of the add. */
    private final int addAt;
    /** The registers the block stores to while it is written, and how often it stores {@code r}. */
    private final BitSet stores = new BitSet();
    private int storesOfCounter;
    /** Where the jump back goes in the copy being written (the guard, then the second copy), and whether that copy's add is unmasked. */
    Label back;
    boolean unmasked;

    private CountedLoop(Region.Block block, Test test, Operand step, int addAt) {
        this.block = block;
        this.test = test;
        this.step = step;
        this.addAt = addAt;
    }

    /** The block as a counted loop, as far as its instructions show (the stores are seen as it is written), or null. */
    static CountedLoop find(Region.Block b, int[] code, RegionCompiler c) {
        int[] slots = b.slots();
        int last = slots[slots.length - 1] << 2;
        if (b.end() != Region.End.BRANCH || b.target() != b.start()) return null;
        Test test = c.loopTest(code[last], code[last + 1], code[last + 2], code[last + 3]);
        if (test == null || c.zero(test.r()) || test.bound().register() && test.bound().value() == test.r()) return null;
        int addAt = -1;
        Operand k = null;
        for (int at : slots) {
            int slot = at << 2;
            Operand o = c.step(code[slot], code[slot + 1], code[slot + 2], code[slot + 3], test.r());
            if (o == null) continue;
            if (addAt >= 0) return null; // two adds: not this form
            addAt = at;
            k = o;
        }
        return addAt < 0 ? null : new CountedLoop(b, test, k, addAt);
    }

    /** The block being written stores register {@code x}. */
    void stored(int x) {
        stores.set(x);
        if (x == test.r()) storesOfCounter++;
    }

    /** After the first copy is written: whether only the add wrote {@code r} and neither {@code k} nor the bound changed. */
    boolean counted() {
        return storesOfCounter == 1 && !(step.register() && stores.get(step.value()))
                && !(test.bound().register() && stores.get(test.bound().value()));
    }

    /** Whether the add at {@code at} is this loop's, in the copy whose sum needs no mask. */
    boolean unmaskedAdd(int at) {
        return unmasked && at == addAt;
    }
}
