package toyisa.jit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import toyisa.vm.Core;

/**
 * A hot region of guest code, found by following the pre-decoded instructions from an entry:
 * basic blocks linked by their direct jumps and fall-throughs. Each block is read from the core's
 * own pre-decoded slots ({@link Machine#code}), so foreign bytes are compiled exactly as the
 * decoder reads them, fused compare-and-branch pairs included. A block holds only what the fast
 * loop does; it ends after a jump, call or return, or before an instruction the careful loop owns
 * (I/O, the HAL, halt, an unfused jump, a fault on fetch), where the region hands back.
 */
final class Region {
    /** Most instructions in one block and in one region: a region's method stays small enough for HotSpot to compile. */
    static final int MAX_BLOCK = 48, MAX_INSTRUCTIONS = 160, MAX_BLOCKS = 24;

    /** How a block ends. */
    enum End { FALL_THROUGH, JUMP, BRANCH, CALL, INDIRECT, HAND_BACK }

    /**
     * One basic block: the addresses of its pre-decoded slots in order, how many guest instructions
     * they are (a fused pair counts two), how it ends, and where it goes.
     */
    record Block(int start, int[] slots, int length, End end, int target, int next, int lastByte) {
        /** True when {@code addr..addr+n-1} meets the bytes this block was compiled from. */
        boolean covers(int addr, int n) {
            for (int a = addr; a < addr + n; a++) {
                int b = a & 0xFFFF;
                if (start <= lastByte ? b >= start && b <= lastByte : b >= start || b <= lastByte) return true;
            }
            return false;
        }
    }

    final int entry;
    /** The blocks by start address, the entry first. */
    final Map<Integer, Block> blocks;
    final int instructions;

    private Region(int entry, Map<Integer, Block> blocks, int instructions) {
        this.entry = entry;
        this.blocks = blocks;
        this.instructions = instructions;
    }

    /** The basic block at {@code start}; its length is 0 when the first instruction is the careful loop's. */
    static Block block(Core m, JitCpu cpu, int start) {
        int[] slots = new int[MAX_BLOCK];
        int n = 0, length = 0, at = start;
        while (true) {
            if (n == MAX_BLOCK) return new Block(start, Arrays.copyOf(slots, n), length, End.FALL_THROUGH, -1, at, (at - 1) & 0xFFFF);
            int w = cpu.kindWord(m, at);
            int kind = w & 0xFF;
            if (!cpu.compiles(kind)) return new Block(start, Arrays.copyOf(slots, n), length, End.HAND_BACK, -1, at, (at - 1) & 0xFFFF);
            slots[n++] = at;
            int next = (at + cpu.bytes(m, at, w)) & 0xFFFF;
            length += cpu.fused(kind) ? 2 : 1;
            End end = cpu.ends(kind);
            if (end != null) {
                int target = end == End.INDIRECT ? -1 : cpu.target(m, at, w);
                // A call's next is where its return will most likely go.
                return new Block(start, Arrays.copyOf(slots, n), length, end, target, end == End.BRANCH || end == End.CALL ? next : -1, (next - 1) & 0xFFFF);
            }
            at = next;
        }
    }

    /** The region entered at {@code entry}, or null when there is nothing there to compile. */
    static Region form(Core m, JitCpu cpu, int entry) {
        Block first = block(m, cpu, entry);
        if (first.length() == 0) return null;
        Map<Integer, Block> blocks = new LinkedHashMap<>();
        Deque<Block> work = new ArrayDeque<>();
        blocks.put(entry, first);
        work.add(first);
        int total = first.length();
        while (!work.isEmpty()) {
            Block b = work.poll();
            List<Integer> successors = new ArrayList<>(2);
            if (b.end() == End.BRANCH || b.end() == End.JUMP || b.end() == End.CALL) successors.add(b.target());
            if (b.end() == End.BRANCH || b.end() == End.FALL_THROUGH || b.end() == End.CALL) successors.add(b.next());
            for (int s : successors) {
                if (blocks.containsKey(s) || blocks.size() >= MAX_BLOCKS) continue;
                Block c = block(m, cpu, s);
                if (c.length() == 0 || total + c.length() > MAX_INSTRUCTIONS) continue;
                blocks.put(s, c);
                total += c.length();
                work.add(c);
            }
        }
        return new Region(entry, blocks, total);
    }

    /**
     * Where compiled code checks the budget, and for how many instructions: the entry, every block a
     * loop comes back to ({@link #loops}) and every block that ends in a jump through a register
     * (a return may go to any block), so that every cycle has one; each for the longest way from its
     * start to the next such block or out of the region.
     * When the budget has less room than that, the region leaves there and the interpreter runs the
     * last instructions, so a run still stops at the very instruction its budget ends on; the blocks
     * between check nothing, which leaves HotSpot straight-line code to optimise, and registers and
     * flags that are overwritten before the next way out need never be worked out.
     */
    Map<Integer, Integer> roomChecks() {
        Map<Integer, Integer> checks = new LinkedHashMap<>();
        checks.put(entry, 0);
        for (int head : backEdges().keySet()) checks.put(head, 0);
        for (Block b : blocks.values()) if (b.end() == End.INDIRECT) checks.put(b.start(), 0);
        Map<Integer, Integer> longest = new HashMap<>();
        for (int start : checks.keySet()) checks.put(start, blocks.get(start).length() + onwards(start, checks, longest));
        return checks;
    }

    /** Where control may go from block {@code b} inside the region: a jump through a register, anywhere. */
    List<Integer> successors(Block b) {
        List<Integer> s = new ArrayList<>(2);
        switch (b.end()) {
            case BRANCH: s.add(b.target()); s.add(b.next()); break;
            case JUMP: case CALL: s.add(b.target()); break;
            case FALL_THROUGH: case HAND_BACK: s.add(b.next()); break;
            case INDIRECT: s.addAll(blocks.keySet()); break;
            default: throw new IllegalStateException("a block ending " + b.end());
        }
        s.removeIf(x -> !blocks.containsKey(x));
        return s;
    }

    /** Whether control may leave the region at the end of block {@code b}: a jump out, or through a register. */
    boolean leaves(Block b) {
        switch (b.end()) {
            case BRANCH: return !blocks.containsKey(b.target()) || !blocks.containsKey(b.next());
            case JUMP: case CALL: return !blocks.containsKey(b.target());
            case FALL_THROUGH: case HAND_BACK: return !blocks.containsKey(b.next());
            default: return true;
        }
    }

    /**
     * The loops, by the block each comes back to (a target of back edges of a depth-first walk, so
     * that every cycle has one): that block first, then in region order every block that reaches a
     * back edge to it without passing through it. Jumps through a register (returns) are left out:
     * they might go anywhere, and the walk that follows them meets a loop wherever it happens to.
     */
    Map<Integer, List<Integer>> loops() {
        Map<Integer, List<Integer>> sources = backEdges();
        Map<Integer, List<Integer>> predecessors = new HashMap<>();
        for (Block b : blocks.values())
            if (b.end() != End.INDIRECT)
                for (int s : successors(b)) predecessors.computeIfAbsent(s, k -> new ArrayList<>()).add(b.start());
        Map<Integer, List<Integer>> loops = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Integer>> e : sources.entrySet()) {
            int head = e.getKey();
            Set<Integer> in = new HashSet<>(List.of(head));
            Deque<Integer> work = new ArrayDeque<>();
            for (int s : e.getValue()) if (in.add(s)) work.add(s);
            while (!work.isEmpty())
                for (int p : predecessors.getOrDefault(work.poll(), List.of())) if (in.add(p)) work.add(p);
            List<Integer> body = new ArrayList<>(List.of(head));
            for (int start : blocks.keySet()) if (start != head && in.contains(start)) body.add(start);
            loops.put(head, body);
        }
        return loops;
    }

    /**
     * Per block a back edge goes to, the blocks the back edges come from: depth-first from the entry,
     * then from every block not yet met, along every edge but the jumps through a register.
     */
    private Map<Integer, List<Integer>> backEdges() {
        Map<Integer, List<Integer>> sources = new LinkedHashMap<>();
        Map<Integer, Boolean> open = new HashMap<>();
        backEdges(entry, open, sources);
        for (int start : blocks.keySet()) if (!open.containsKey(start)) backEdges(start, open, sources);
        return sources;
    }

    private void backEdges(int start, Map<Integer, Boolean> open, Map<Integer, List<Integer>> sources) {
        open.put(start, true);
        Block b = blocks.get(start);
        for (int s : b.end() == End.INDIRECT ? List.<Integer>of() : successors(b)) {
            Boolean o = open.get(s);
            if (o == null) backEdges(s, open, sources);
            else if (o) sources.computeIfAbsent(s, k -> new ArrayList<>()).add(start);
        }
        open.put(start, false);
    }

    /** The longest way, in instructions, from the end of block {@code start} to a checking block or out. */
    private int onwards(int start, Map<Integer, Integer> checks, Map<Integer, Integer> longest) {
        int most = 0;
        for (int s : successors(blocks.get(start))) {
            if (checks.containsKey(s)) continue;
            Integer l = longest.get(s);
            if (l == null) longest.put(s, l = blocks.get(s).length() + onwards(s, checks, longest));
            most = Math.max(most, l);
        }
        return most;
    }

    /**
     * The region with each block cut short where it runs into the start of another of its blocks
     * (one that {@code where} accepts) with the same instructions to its end: it goes on there
     * instead. The region former makes each block from its start to its jump, so a block that runs
     * into another holds a copy of it; cut, the two paths meet again, as the guest's own code does
     * (a loop has one way in, an if-else joins where it did).
     */
    Region cut(JitCpu cpu, int[] code, java.util.function.IntPredicate where) {
        Map<Integer, Block> out = new LinkedHashMap<>();
        for (Block b : blocks.values()) {
            int[] s = b.slots();
            Block cut = b;
            for (int i = 1; i < s.length && cut == b; i++) {
                Block l = blocks.get(s[i]);
                if (l == null || !where.test(s[i]) || l.end() != b.end() || l.target() != b.target() || l.next() != b.next()
                        || !Arrays.equals(l.slots(), Arrays.copyOfRange(s, i, s.length))) continue;
                int length = 0;
                for (int j = 0; j < i; j++) length += cpu.fused(code[s[j] << 2] & 0xFF) ? 2 : 1;
                cut = new Block(b.start(), Arrays.copyOf(s, i), length, End.FALL_THROUGH, -1, s[i], (s[i] - 1) & 0xFFFF);
            }
            out.put(b.start(), cut);
        }
        return new Region(entry, out, instructions);
    }

    /** True when a change to {@code addr..addr+n-1} makes this region stale. */
    boolean covers(int addr, int n) {
        for (Block b : blocks.values()) if (b.covers(addr, n)) return true;
        return false;
    }
}
