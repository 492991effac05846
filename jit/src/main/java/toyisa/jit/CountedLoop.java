package toyisa.jit;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;

/**
 * A block that loops on itself by {@code add r, k} … {@code cmp r, bound} / {@code jb} back to its
 * start (sieve's {@code fill} and {@code cross}, matmul's {@code dot}), where only the add writes
 * {@code r} and the block changes neither {@code k} nor {@code bound}. {@link RegionCompiler} writes
 * it up to three times:
 * <ul>
 * <li>the first copy, as any block;</li>
 * <li>a second copy, entered from the first one's jump back when {@code bound + k <= 10000h}: there
 * {@code r < bound} at the top of every pass, so {@code r + k} never passes FFFFh, the add needs no
 * mask and HotSpot sees {@code r} as a plain counter;</li>
 * <li>a third copy, the <em>proven</em> one, entered when the block is entered, if a test there
 * ({@link RegionCompiler#proof}) shows that none of the passes still to come can fault or store into
 * code. Those passes are counted from the registers: {@code r} and every other register that one
 * {@code add v, step} moves by a step the block does not change run through known ranges, and so do
 * the addresses of the loads and stores based on them or on registers the block does not write.
 * The copy does those accesses without tests or masks, which lets HotSpot take even the bounds
 * check of the memory array out of the loop.</li>
 * </ul>
 */
final class CountedLoop {
    /** A register or a constant operand of the step or the bound. */
    record Operand(boolean register, int value) {}

    /** The fused jump that ends a block, when it is jb back to the block's start after cmp {@code r}, {@code bound}. */
    record Test(int r, Operand bound) {}

    /** A load or store of the block: {@code [base + disp]}, a byte or a word. */
    record Access(int base, int disp, boolean word, boolean write) {}

    /** A register the block moves by one add of a step it does not change, at slot index {@code addIndex}. */
    record Induction(int reg, Operand step, int addIndex) {}

    /**
     * An access the proven copy does unchecked, at slot index {@code index}: its base is an induction
     * ({@code induction} non-null) or a register the block does not write.
     */
    record Proven(int index, Access access, Induction induction) {
        /** Whether the access comes after its base's add in the block, so it sees the base one step on. */
        boolean afterAdd() {
            return induction != null && index > induction.addIndex();
        }

        /** The displacement as a signed offset: FFFEh is -2, so that base + disp needs no mask where it does not wrap. */
        int offset() {
            int d = access.disp() & 0xFFFF;
            return d >= 0x8000 ? d - 0x10000 : d;
        }
    }

    /** Which copy is being written. */
    enum Copy { FIRST, COUNTED, PROVEN }

    /** Blocks longer than this get no proven copy: the method must stay small enough for HotSpot to compile. */
    static final int MAX_PROVEN_SLOTS = 24;

    final Region.Block block;
    final Test test;
    final Operand step;
    /** The slot of the add. */
    private final int addAt;
    /** How often the block stores each register, as learnt by writing it once to nowhere ({@link #stored}). */
    private final int[] stores;
    private boolean learning = true;
    /** The inductions the proven copy counts on (r first) and the accesses it does unchecked; empty until {@link #prove}. */
    final List<Induction> inductions = new ArrayList<>();
    final List<Proven> proven = new ArrayList<>();
    private final int[] slots;
    /** Where the jump back goes in the copy being written, and which copy that is. */
    Label back;
    Copy copy = Copy.FIRST;

    private CountedLoop(Region.Block block, Test test, Operand step, int addAt, int registers) {
        this.block = block;
        this.test = test;
        this.step = step;
        this.addAt = addAt;
        this.stores = new int[registers];
        this.slots = block.slots();
    }

    /** The block as a counted loop, as far as its instructions show (its stores are learnt by writing it), or null. */
    static CountedLoop find(Region.Block b, int[] code, RegionCompiler c) {
        int[] slots = b.slots();
        int last = slots[slots.length - 1] << 2;
        if (b.end() != Region.End.BRANCH || b.target() != b.start()) return null;
        Test test = c.loopTest(code[last], code[last + 1], code[last + 2], code[last + 3]);
        if (test == null || c.zero(test.r()) || test.bound().register() && test.bound().value() == test.r()) return null;
        int addAt = -1;
        Operand k = null;
        for (int at : slots) {
            Operand o = c.step(code[at << 2], code[(at << 2) + 1], code[(at << 2) + 2], code[(at << 2) + 3], test.r());
            if (o == null) continue;
            if (addAt >= 0) return null; // two adds: not this form
            addAt = at;
            k = o;
        }
        return addAt < 0 ? null : new CountedLoop(b, test, k, addAt, c.cpu.registers());
    }

    /** The block being written stores register {@code x}. */
    void stored(int x) {
        if (learning && x < stores.length) stores[x]++;
    }

    /** The block has been written once: its stores are known. */
    void learnt() {
        learning = false;
    }

    /** After the block was written once: whether only the add wrote {@code r} and neither {@code k} nor the bound changed. */
    boolean counted() {
        return stores[test.r()] == 1 && invariant(step) && invariant(test.bound());
    }

    private boolean invariant(Operand o) {
        return !o.register() || stores[o.value()] == 0;
    }

    /**
     * Finds the accesses the proven copy may do unchecked (none if the block is long or has none):
     * those whose base is the zero register, a register the block does not write, or an induction.
     * A word access by an odd constant step is left checked on a CPU that wants words aligned.
     */
    void prove(int[] code, RegionCompiler c) {
        if (slots.length > MAX_PROVEN_SLOTS || !step.register() && step.value() == 0) return; // a zero step never ends
        inductions.add(new Induction(test.r(), step, index(addAt)));
        for (int i = 0; i < slots.length; i++) {
            int s = slots[i] << 2;
            Access a = c.access(code[s], code[s + 1], code[s + 2], code[s + 3]);
            if (a == null) continue;
            Induction v = null;
            if (!c.zero(a.base()) && stores[a.base()] != 0) {
                v = induction(a.base(), code, c);
                if (v == null) continue;
            }
            if (a.word() && c.alignedWords() && v != null && !v.step().register() && (v.step().value() & 1) != 0) continue;
            if (v != null && !inductions.contains(v)) inductions.add(v);
            proven.add(new Proven(i, a, v));
        }
        if (proven.isEmpty()) inductions.clear();
    }

    /** Register {@code x} as an induction: stored once, by an add of a step the block does not change; or null. */
    private Induction induction(int x, int[] code, RegionCompiler c) {
        if (x == test.r()) return inductions.get(0);
        if (stores[x] != 1) return null;
        for (int i = 0; i < slots.length; i++) {
            int s = slots[i] << 2;
            Operand o = c.step(code[s], code[s + 1], code[s + 2], code[s + 3], x);
            if (o != null) return invariant(o) ? new Induction(x, o, i) : null;
        }
        return null;
    }

    private int index(int at) {
        for (int i = 0; i < slots.length; i++) if (slots[i] == at) return i;
        throw new IllegalStateException("slot " + at + " is not in the block");
    }

    /** Whether the add at {@code at} needs no mask in the copy being written. */
    boolean unmaskedAdd(int at) {
        if (copy == Copy.COUNTED) return at == addAt;
        if (copy != Copy.PROVEN) return false;
        for (Induction v : inductions) if (slots[v.addIndex()] == at) return true;
        return false;
    }

    /** The access at slot {@code at}, when the copy being written does it unchecked; else null. */
    Proven unchecked(int at) {
        if (copy != Copy.PROVEN) return null;
        for (Proven p : proven) if (slots[p.index()] == at) return p;
        return null;
    }
}
