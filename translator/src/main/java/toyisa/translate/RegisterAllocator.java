package toyisa.translate;

import static toyisa.intellio.IntellioOp.*;
import static toyisa.translate.StatePage.*;

import java.util.ArrayList;
import java.util.List;
import toyisa.armistice.Armistice;
import toyisa.armistice.ArmisticeOp;
import toyisa.isa.Instruction;

/**
 * Sixteen guest registers on eight host registers. The guest's registers live in the state page
 * ({@link StatePage}); within a block five host registers (a b d e f) cache them: a guest register
 * is loaded ("fill") the first time the block reads it, and the least recently used one is dropped
 * when a sixth is needed. Every write goes through to the state page at once ("spill"), so at every
 * guest instruction boundary the state page <em>is</em> the guest's register file: a fault, the
 * budget or the HAL find the guest's registers there, and no exit has anything to write back.
 * Each guest register has a home host register, so that blocks agree where a register is and a
 * chained jump can skip the next block's fills. The allocator also knows which registers are even
 * or odd since the block last wrote them (for the word alignment tests).
 *
 * <p>A loop of one block that names at most five guest registers ({@link #keepsRegisters}), and sets
 * the flags before it reads them, is the exception: its prologue fills every register it names, they stay in their host registers for
 * the whole block, its back edge jumps straight back after the prologue, and the registers it
 * writes go to the state page only on the way out — at its exits, or, when the guest stops inside
 * it, by the dispatcher from the host registers the block says hold them.
 */
abstract class RegisterAllocator extends IntellioHostEmitter {
    private static final int[] CACHE = {HA, HB, HD, HE, HF};
    /** Host register to guest register it caches, or -1; guest register to host register, or -1. */
    final int[] holds = {-1, -1, -1, -1, -1, -1, -1, -1};
    final int[] where = new int[16];
    private final long[] lastUse = new long[8];
    private long clock;
    /** Host registers the current guest instruction uses: not to be given to another guest register. */
    int pinned;
    int fills, spills;
    /** Guest registers whose value is known even, or odd, since the block last wrote them (r0 is 0). */
    int evenKnown = 1, oddKnown;
    /** The block is a loop that keeps its registers in host registers ({@link #keepsRegisters}); writes stay there. */
    final boolean keepRegisters;

    /** @param keepRegisters the block is a loop whose registers stay in host registers (see {@link #keepsRegisters}) */
    RegisterAllocator(GuestBlock block, int base, boolean keepRegisters) {
        super(block, base);
        java.util.Arrays.fill(where, -1);
        this.keepRegisters = keepRegisters;
    }

    /** The guest registers an instruction needs a host register for, as a bit mask: those it reads (r0 too: a zero in a register) and writes (r0 not: a write to it is lost). */
    static int named(Instruction g) {
        int m = writes(g) & ~1;
        for (int r : reads(g)) m |= 1 << r;
        return m;
    }

    /**
     * True for a block that jumps back to its own start and names at most five guest registers,
     * with nothing that leaves the block's code on the way (no HAL, no port, no call or return):
     * every register it names can stay in a host register from one round to the next.
     */
    static boolean keepsRegisters(GuestBlock block) {
        if (block.end != GuestBlock.End.CONTROL) return false;
        int n = block.size();
        Instruction last = block.instructions.get(n - 1);
        ArmisticeOp end = (ArmisticeOp) last.row().op();
        boolean direct = end == ArmisticeOp.JMP ? last.row().shape().equals("T") : last.row().condition() != null;
        if (!direct || last.target() != block.start) return false;
        int regs = 0;
        for (int k = 0; k < n - 1; k++) {
            Instruction g = block.instructions.get(k);
            switch ((ArmisticeOp) g.row().op()) {
                case INT: case OUT: case CALL: case RET: case JMP: case HALT: return false;
                default: regs |= named(g);
            }
        }
        return Integer.bitCount(regs) <= CACHE.length;
    }

    /** The guest registers a block writes, as a bit mask (r0 left out). */
    static int written(GuestBlock block) {
        int m = 0;
        for (Instruction g : block.instructions) m |= writes(g);
        return m & ~1;
    }

    /** The guest registers an instruction reads, in the order the translation reads them. */
    static int[] reads(Instruction g) {
        switch ((ArmisticeOp) g.row().op()) {
            case ADD: case SUB: case AND: case OR: case XOR: case SHL: case SHR: case SAR: case MUL: case DIVU: case REMU:
                return g.row().shape().equals("RRR") ? new int[] {g.rs(), g.rt()} : new int[] {g.rd()};
            case CMP: case TST:
                return g.row().shape().equals("RR") ? new int[] {g.rs(), g.rt()} : new int[] {g.rd()};
            case MOV: return g.row().shape().equals("RR") ? new int[] {g.rs()} : new int[0];
            case NOT: case NEG: return new int[] {g.rs()};
            case SWAP: return new int[] {g.rd()};
            case PUSH: return new int[] {15, g.rs()};
            case POP: case RET: case CALL: return g.row().shape().equals("T") || g.row().op() != ArmisticeOp.CALL ? new int[] {15} : new int[] {g.rs(), 15};
            case LD: case LDB: return new int[] {g.rs()};
            case ST: case STB: return new int[] {g.rs(), g.rd()};
            case JMP: return g.row().shape().equals("T") ? new int[0] : new int[] {g.rs()};
            case OUT: return g.row().shape().equals("II") ? new int[0] : new int[] {g.rs()};
            default: return new int[0];
        }
    }

    /** The guest registers a block reads before writing them, in the order it first reads them. */
    static List<Integer> upwardExposed(GuestBlock block) {
        List<Integer> out = new ArrayList<>();
        int written = 0;
        for (Instruction g : block.instructions) {
            for (int r : reads(g)) if ((written & 1 << r) == 0 && !out.contains(r)) out.add(r);
            written |= writes(g);
        }
        return out;
    }

    /** The guest registers an instruction writes (as a bit mask). */
    static int writes(Instruction g) {
        switch ((ArmisticeOp) g.row().op()) {
            case ADD: case SUB: case AND: case OR: case XOR: case SHL: case SHR: case SAR: case MUL: case DIVU: case REMU:
            case MOV: case NOT: case NEG: case SWAP: case LD: case LDB:
                return 1 << g.rd();
            case POP:
                return 1 << g.rd() | 1 << 15;
            case PUSH: case CALL: case RET:
                return 1 << 15;
            case INT:
                return 1 << 3;
            default:
                return 0;
        }
    }

    /**
     * The prologue: the guest registers the block reads before it writes them, filled at once, so
     * that a loop back to this block can enter after it — its registers are still in place. Returns
     * where they are (guest register to host register, or -1).
     */
    int[] prologue() {
        List<Integer> fill = upwardExposed(block);
        if (keepRegisters) { // then every register the block names: the rounds after the first start with them in place
            for (Instruction g : block.instructions) {
                int m = named(g);
                for (int r = 0; r < 16; r++) if ((m >> r & 1) != 0 && !fill.contains(r)) fill.add(r);
            }
        }
        for (int g : fill) {
            if (Integer.bitCount(pinned) >= CACHE.length) break;
            use(g);
        }
        pinned = 0;
        return where.clone();
    }

    String name(int g) {
        return Armistice.ISA.registers().name(g);
    }

    /** The host register holding guest register {@code g}, loaded from the state page if need be. */
    int use(int g) {
        int h = where[g];
        if (h < 0) {
            h = allocate(g);
            if (g == 0) emit(MOV, "r0 reads zero", reg(h), num(0));
            else {
                emit(MOV, "fill " + name(g), reg(h), abs(slot(g)));
                fills++;
            }
            holds[h] = g;
            where[g] = h;
        }
        lastUse[h] = ++clock;
        pinned |= 1 << h;
        return h;
    }

    /** The host register that receives guest register {@code g}'s new value (g is not r0). */
    int def(int g) {
        evenKnown &= ~(1 << g);
        oddKnown &= ~(1 << g);
        if (flags.uses(g)) throw new IllegalStateException("a compare's operand written while the flags are lazy");
        int h = where[g];
        if (h < 0) {
            h = allocate(g);
            holds[h] = g;
            where[g] = h;
        }
        lastUse[h] = ++clock;
        pinned |= 1 << h;
        return h;
    }

    /** Writes guest register {@code g} (in host register h) through to the state page; in a loop that keeps its registers, on the way out instead. */
    void spill(int g, int h) {
        if (keepRegisters) return;
        emit(MOV, "spill " + name(g), abs(slot(g)), reg(h));
        spills++;
    }

    /** On the way out of a loop that keeps its registers: every register it writes, to the state page. */
    void spillWritten() {
        if (!keepRegisters) return;
        int w = written(block);
        for (int g = 1; g < 16; g++) {
            if ((w >> g & 1) == 0) continue;
            emit(MOV, "spill " + name(g) + " (kept in a register in the loop)", abs(slot(g)), reg(where[g]));
            spills++;
        }
    }

    /**
     * A host register for guest register {@code g}: its home register if that is free (each guest
     * register has one, so that blocks agree where a register is and a chained jump can skip the next
     * block's fills), else a free one, else the least recently used.
     */
    int allocate(int g) {
        int home = CACHE[g % CACHE.length];
        if ((pinned & 1 << home) == 0 && holds[home] < 0) return home;
        int best = -1;
        for (int h : CACHE) {
            if ((pinned & 1 << h) != 0) continue;
            if (holds[h] < 0) return h;
            if (best < 0 || lastUse[h] < lastUse[best]) best = h;
        }
        if (best < 0) throw new IllegalStateException("no host register left");
        where[holds[best]] = -1; // every cached register is already in the state page: dropping it costs nothing
        holds[best] = -1;
        return best;
    }

    void forget(int h) {
        if (holds[h] >= 0) where[holds[h]] = -1;
        holds[h] = -1;
    }

    /** Guest register {@code g}'s value in a register, without changing the cache (code on one path only). */
    int peek(int g, int temp) {
        if (where[g] >= 0) return where[g];
        if (g == 0) emit(MOV, "r0 reads zero", reg(temp), num(0));
        else emit(MOV, "fill " + name(g), reg(temp), abs(slot(g)));
        return temp;
    }
}
