package toyisa.vm;

import static toyisa.vm.ArmisticeMachine.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hot region of Armistice code, found by following the pre-decoded instructions from an entry:
 * basic blocks linked by their direct jumps and fall-throughs. Each block is read from the core's
 * own pre-decoded slots ({@link Machine#code}), so foreign bytes are compiled exactly as the
 * decoder reads them, fused compare-and-branch pairs included. A block holds only what the fast
 * loop does; it ends after a jump, call or return, or before an instruction the careful loop owns
 * (I/O, the HAL, halt, an unfused jump, a fault on fetch), where the region hands back.
 */
final class ArmisticeRegion {
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

    private ArmisticeRegion(int entry, Map<Integer, Block> blocks, int instructions) {
        this.entry = entry;
        this.blocks = blocks;
        this.instructions = instructions;
    }

    /** True for the kinds the fast loop executes, which a region compiles. */
    static boolean compiles(int kind) {
        switch (kind) {
            case NOP: case MOV: case MOVI: case ADD3: case SUB3: case AND3: case OR3: case XOR3: case SHL3:
            case SHR3: case SAR3: case MUL3: case DIVU3: case REMU3: case ADDI: case SUBI: case ANDI: case ORI:
            case XORI: case SHLI: case SHRI: case SARI: case MULI: case CMP: case CMPI: case TST: case TSTI:
            case CMP_J: case CMPI_J: case TST_J: case TSTI_J: case NOT: case NEG: case SWAP:
            case LD: case LDB: case ST: case STB: case PUSH: case POP:
            case JMP: case JMP_R: case CALL: case CALL_R: case RET:
                return true;
            default:
                return false;
        }
    }

    static boolean fused(int kind) {
        return kind == CMP_J || kind == CMPI_J || kind == TST_J || kind == TSTI_J;
    }

    /** The kind word at {@code at}, decoding it as the careful loop would on a first visit. */
    static int kindWord(ArmisticeMachine m, int at) {
        int w = m.code[at << 2];
        return w == K_UNDECODED ? m.decodeFused(at) : w;
    }

    /** The basic block at {@code start}; its length is 0 when the first instruction is the careful loop's. */
    static Block block(ArmisticeMachine m, int start) {
        int[] slots = new int[MAX_BLOCK];
        int n = 0, length = 0, at = start;
        while (true) {
            if (n == MAX_BLOCK) return new Block(start, java.util.Arrays.copyOf(slots, n), length, End.FALL_THROUGH, -1, at, (at - 1) & 0xFFFF);
            int w = kindWord(m, at);
            int kind = w & 0xFF;
            if (!compiles(kind)) return new Block(start, java.util.Arrays.copyOf(slots, n), length, End.HAND_BACK, -1, at, (at - 1) & 0xFFFF);
            slots[n++] = at;
            int z = m.code[(at << 2) + 3];
            int next = (at + 4) & 0xFFFF;
            if (fused(kind)) {
                length += 2;
                int after = (at + 8) & 0xFFFF;
                return new Block(start, java.util.Arrays.copyOf(slots, n), length, End.BRANCH, m.code[(at << 2) + 1], after, (after - 1) & 0xFFFF);
            }
            length++;
            switch (kind) {
                case JMP: return new Block(start, java.util.Arrays.copyOf(slots, n), length, End.JUMP, z, -1, (next - 1) & 0xFFFF);
                case CALL: return new Block(start, java.util.Arrays.copyOf(slots, n), length, End.CALL, z, -1, (next - 1) & 0xFFFF);
                case JMP_R: case CALL_R: case RET:
                    return new Block(start, java.util.Arrays.copyOf(slots, n), length, End.INDIRECT, -1, -1, (next - 1) & 0xFFFF);
                default:
                    at = next;
            }
        }
    }

    /** The region entered at {@code entry}, or null when there is nothing there to compile. */
    static ArmisticeRegion form(ArmisticeMachine m, int entry) {
        Block first = block(m, entry);
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
            if (b.end() == End.BRANCH || b.end() == End.FALL_THROUGH) successors.add(b.next());
            for (int s : successors) {
                if (blocks.containsKey(s) || blocks.size() >= MAX_BLOCKS) continue;
                Block c = block(m, s);
                if (c.length() == 0 || total + c.length() > MAX_INSTRUCTIONS) continue;
                blocks.put(s, c);
                total += c.length();
                work.add(c);
            }
        }
        return new ArmisticeRegion(entry, blocks, total);
    }

    /** True when a change to {@code addr..addr+n-1} makes this region stale. */
    boolean covers(int addr, int n) {
        for (Block b : blocks.values()) if (b.covers(addr, n)) return true;
        return false;
    }
}
