package toyisa.jit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;

/**
 * A loop that is not a {@link CountedLoop}: one or more blocks that come back to a head, and leave
 * on what they read (strings' {@code copy} until the NUL, {@code compare} until two bytes differ), so
 * nothing tells beforehand how many passes it will make. It has no loop inside it: every pass runs
 * each of its blocks at most once. {@link RegionCompiler} writes it twice:
 * <ul>
 * <li>as any blocks, except that their jumps back skip the test at the head;</li>
 * <li>a <em>proven</em> copy, entered from that test ({@link RegionCompiler#boundedProof}), which
 * works out how many passes may run without any of them faulting or storing into code, and with
 * room in the budget for all of them. A register stored only by one {@code add v, step} of a step
 * the loop does not change moves by at most that step a pass, so after {@code k} passes it is at
 * most {@code k} steps on; the addresses of loads and stores based on such registers, or on
 * registers the loop does not write, then span known ranges. The copy counts its passes down and
 * goes back to the first copy when they are used up; until then it does those accesses without
 * tests or masks.</li>
 * </ul>
 */
final class BoundedLoop {
    /** Loops with more slots than this get no proven copy: the method must stay small enough for HotSpot to compile. */
    static final int MAX_SLOTS = 32;

    /** Which copy is being written. */
    enum Copy { FIRST, PROVEN }

    final Region.Block head;
    /** The loop's blocks, its head first. */
    final List<Region.Block> blocks;
    /** The longest pass, in instructions, from the head round to it again. */
    final int longestPass;
    /** The head of the first copy (after the test), and the counting head of the proven copy. */
    final Label first = new Label(), top = new Label();
    private final Map<Integer, Label> proven = new HashMap<>();
    /** How often the loop stores each register, as learnt by writing it once to nowhere. */
    private final int[] stores;
    private boolean learning = true;
    /** The inductions ({@link CountedLoop.Induction#addIndex} is the add's slot address here). */
    final List<CountedLoop.Induction> inductions = new ArrayList<>();
    /** The accesses the proven copy does unchecked; {@link CountedLoop.Proven#index} is the slot's address here. */
    final List<CountedLoop.Proven> unchecked = new ArrayList<>();
    Copy copy = Copy.FIRST;

    private BoundedLoop(List<Region.Block> blocks, int longestPass, int registers) {
        this.head = blocks.get(0);
        this.blocks = blocks;
        this.longestPass = longestPass;
        this.stores = new int[registers];
        for (Region.Block b : blocks) proven.put(b.start(), new Label());
    }

    /**
     * The loop of {@code body} (its head first) as a bounded loop, or null: it must have no loop inside
     * it (no other block of it is in {@code heads}), end its blocks only in jumps, branches and
     * falls, and be short.
     */
    static BoundedLoop of(Region region, List<Integer> body, java.util.Set<Integer> heads, int registers) {
        List<Region.Block> blocks = new ArrayList<>();
        int slots = 0;
        for (int start : body) {
            Region.Block b = region.blocks.get(start);
            if (start != body.get(0) && heads.contains(start)) return null;
            switch (b.end()) {
                case BRANCH: case JUMP: case FALL_THROUGH: case HAND_BACK: break;
                default: return null;
            }
            slots += b.slots().length;
            blocks.add(b);
        }
        if (slots > MAX_SLOTS) return null;
        return new BoundedLoop(blocks, longest(region, body, body.get(0), new HashMap<>()), registers);
    }

    /** The longest way from the start of {@code start} round to the head, inside the loop. */
    private static int longest(Region region, List<Integer> body, int start, Map<Integer, Integer> memo) {
        Integer known = memo.get(start);
        if (known != null) return known;
        Region.Block b = region.blocks.get(start);
        int most = 0;
        for (int s : region.successors(b)) if (s != body.get(0) && body.contains(s)) most = Math.max(most, longest(region, body, s, memo));
        memo.put(start, b.length() + most);
        return b.length() + most;
    }

    boolean contains(int pc) {
        return proven.containsKey(pc);
    }

    /** The proven copy's label of the block at {@code start}. */
    Label proven(int start) {
        return proven.get(start);
    }

    /** The loop being written stores register {@code x}. */
    void stored(int x) {
        if (learning && x < stores.length) stores[x]++;
    }

    /** The loop has been written once: its stores are known. */
    void learnt() {
        learning = false;
    }

    /**
     * Finds the accesses the proven copy may do unchecked: those whose base is the zero register, a
     * register the loop does not write, or an induction. A word access by an odd constant step is
     * left checked on a CPU that wants words aligned.
     */
    void prove(int[] code, RegionCompiler c) {
        for (Region.Block b : blocks) {
            for (int at : b.slots()) {
                int s = at << 2;
                CountedLoop.Access a = c.access(code[s], code[s + 1], code[s + 2], code[s + 3]);
                if (a == null) continue;
                CountedLoop.Induction v = null;
                if (!c.zero(a.base()) && stores[a.base()] != 0) {
                    v = induction(a.base(), code, c);
                    if (v == null) continue;
                }
                if (a.word() && c.alignedWords() && v != null && !v.step().register() && (v.step().value() & 1) != 0) continue;
                if (v != null && !inductions.contains(v)) inductions.add(v);
                unchecked.add(new CountedLoop.Proven(at, a, v));
            }
        }
    }

    /** Register {@code x} as an induction: stored once, by an add of a nonzero step the loop does not change; or null. */
    private CountedLoop.Induction induction(int x, int[] code, RegionCompiler c) {
        for (CountedLoop.Induction v : inductions) if (v.reg() == x) return v;
        if (stores[x] != 1) return null;
        for (Region.Block b : blocks) {
            for (int at : b.slots()) {
                int s = at << 2;
                CountedLoop.Operand o = c.step(code[s], code[s + 1], code[s + 2], code[s + 3], x);
                if (o == null) continue;
                if (o.register() ? c.zero(o.value()) || stores[o.value()] != 0 : o.value() == 0) return null;
                return new CountedLoop.Induction(x, o, at);
            }
        }
        return null;
    }

    /** Whether the add at {@code at} needs no mask in the copy being written: an induction's, in the proven copy. */
    boolean unmaskedAdd(int at) {
        if (copy != Copy.PROVEN) return false;
        for (CountedLoop.Induction v : inductions) if (v.addIndex() == at) return true;
        return false;
    }

    /** The access at slot {@code at}, when the copy being written does it unchecked; else null. */
    CountedLoop.Proven unchecked(int at) {
        if (copy != Copy.PROVEN) return null;
        for (CountedLoop.Proven p : unchecked) if (p.index() == at) return p;
        return null;
    }
}
