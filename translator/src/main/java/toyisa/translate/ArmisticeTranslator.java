package toyisa.translate;

import static toyisa.intellio.IntellioOp.*;

import java.util.ArrayList;
import java.util.List;
import toyisa.armistice.Armistice;
import toyisa.armistice.ArmisticeOp;
import toyisa.armistice.ArmisticeVisitor;
import toyisa.intellio.IntellioOp;
import toyisa.isa.Instruction;
import toyisa.isa.Operand;
import toyisa.isa.Row;

/**
 * Turns one {@link GuestBlock} of Armistice code into Intellio host code — the other direction of
 * {@link Translator}, and the harder one: the typed visitor of the Armistice table's decoder.
 *
 * <h2>Registers: sixteen guest registers on eight host registers</h2>
 * The guest's registers live in the host's own memory, the <em>state page</em> (guest rN at
 * {@code [2N]}; the guest owns all 64 KiB of data memory, so this memory is the host's, which the
 * absolute forms {@code mov rd, [addr]} address, see {@code vm/HostCpu}). Within a block five host
 * registers (a b d e f) cache guest registers: a guest register is loaded ("fill") the first time
 * the block reads it, and the least recently used one is dropped when a sixth is needed. Every write
 * goes through to the state page at once ("spill"), so at every guest instruction boundary the state
 * page <em>is</em> the guest's register file: a fault, the budget or the HAL find the guest's
 * registers there, and no exit has anything to write back. Host c and fp are temporaries, host sp
 * counts guest instructions (the dispatcher reads it, as r14 in the other direction).
 *
 * <h2>Memory: big-endian aligned words on a little-endian host that allows any address</h2>
 * A guest word access first tests the address's low bit (an odd address leaves for the dispatcher,
 * which reports the guest's misaligned access or null page exactly as the Armistice interpreter),
 * then moves the two bytes with {@code movb} in swapped places: the guest's first byte is its high one.
 *
 * <h2>Flags: NZCV set only by cmp/tst, on a host whose every ALU instruction writes ZSCO</h2>
 * A guest {@code cmp}/{@code tst} becomes a host {@code cmp}/{@code test}, and a following guest
 * jump a host jump on the same condition — guest {@code jb} ("C clear": no carry means a borrow on
 * Armistice) is host {@code jb} ("C set": the borrow itself). The translator remembers the guest
 * flags as "the compare of these guest registers"; host arithmetic in between destroys the host
 * flags but not the guest's, so the jump compares again. Where the flags must outlive their
 * operands or the block, the compare's kind and operand values are saved in the state page
 * ({@code [20h] [22h] [24h]}), from which a later block compares again.
 *
 * <h2>Port I/O</h2>
 * Intellio has no ports: {@code out 1234h, x} becomes the HAL's print-a-number service,
 * {@code mov a, 10h / mov c, x / int 13h}.
 */
final class ArmisticeTranslator implements ArmisticeVisitor<Void> {
    // Host registers.
    static final int HA = 0, HB = 1, HC = 2, HD = 3, HE = 4, HF = 5, HFP = 6, HSP = 7;
    static final int COUNT = HSP, T1 = HC, T2 = HFP;
    private static final int[] CACHE = {HA, HB, HD, HE, HF};
    // The state page (host memory).
    static final int FA = 0x20, FB = 0x22, FK = 0x24, TARGET = 0x26;
    static final int KIND_CMP = 0, KIND_TST = 1;
    /** A block never holds more guest instructions than this (the count lives in one byte of sub). */
    static final int MAX_INSTRUCTIONS = GuestBlock.MAX_INSTRUCTIONS;

    static int slot(int g) {
        return 2 * g;
    }

    /** The guest flags at a point of the host code: saved in the state page, a compare of guest registers, or unknown. */
    record Flags(int kind, int a, int b, int imm) {
        static final int STATE = 0, CMP = 1, TST = 2, UNKNOWN = 3;
        static final Flags IN_STATE = new Flags(STATE, 0, 0, 0), NOT_KNOWN = new Flags(UNKNOWN, 0, 0, 0);

        boolean lazy() {
            return kind == CMP || kind == TST;
        }

        boolean uses(int g) {
            return lazy() && (a == g || b == g);
        }

        /** Guest N Z C V (bits 3..0) from the state page, or -1 if unknown. */
        int evaluate(byte[] state) {
            switch (kind) {
                case STATE:
                    return word(state, FK) == KIND_CMP ? cmp(word(state, FA), word(state, FB)) : tst(word(state, FA));
                case CMP:
                    return cmp(reg(state, a), b >= 0 ? reg(state, b) : imm);
                case TST:
                    return tst(reg(state, a) & (b >= 0 ? reg(state, b) : imm));
                default:
                    return -1;
            }
        }

        static int reg(byte[] state, int g) {
            return g == 0 ? 0 : word(state, slot(g));
        }

        static int word(byte[] state, int at) {
            return (state[at] & 0xFF) | (state[at + 1] & 0xFF) << 8;
        }

        static int cmp(int x, int y) {
            int d = (x - y) & 0xFFFF;
            int n = d >>> 15, z = d == 0 ? 1 : 0, c = x >= y ? 1 : 0, v = ((x ^ y) & (x ^ d) & 0x8000) != 0 ? 1 : 0;
            return n << 3 | z << 2 | c << 1 | v;
        }

        static int tst(int r) {
            return (r >>> 15 & 1) << 3 | (r == 0 ? 1 : 0) << 2;
        }
    }

    enum StubKind { EXIT, DISPATCH, HALT, FAULT, WORD_FAULT, STALE }

    /** A {@code hlt} the dispatcher placed: a way back to it, and why. */
    static final class Stub {
        final StubKind kind;
        /** EXIT, STALE: where the guest continues; HALT, FAULT, WORD_FAULT: the guest instruction. */
        final int guestPc;
        /** EXIT: index of the stub's first instruction (flag code, if any) and of its hlt. */
        int startIndex, haltIndex;
        /** EXIT: indices of the host jumps that lead to this stub. */
        final List<Integer> jumps = new ArrayList<>();
        boolean fetchFault;
        /** DISPATCH: entries in the inline cache, and the guest targets they hold. */
        int entries;
        final List<Integer> cached = new ArrayList<>();
        /** EXIT: where the guest registers are cached when the block leaves here (guest register to host register, or -1). */
        int[] map;
        /** WORD_FAULT: the guest's access: base register, displacement, write. */
        int base, disp;
        boolean write;
        HostBlock owner;

        Stub(StubKind kind, int guestPc) {
            this.kind = kind;
            this.guestPc = guestPc;
        }
    }

    /**
     * What a host instruction stands for: its guest instruction (and position in the block; stubs
     * after the last one: the block's length), the guest flags there, a stub, and for a guest memory
     * access how to name it in a report (host address minus {@code accessOffset} is the guest's).
     */
    record Site(int guestPc, int index, Flags flags, Stub stub, int accessOffset, int accessLength, boolean accessWrite) {
        Site withStub(Stub s) {
            return new Site(guestPc, index, flags, s, accessOffset, accessLength, accessWrite);
        }
    }

    /** One translated block. */
    static final class HostBlock extends CachedBlock {
        final int[] offsets;
        final Site[] sites;
        final String[] notes;
        final int[] boundaries;
        final boolean requiresFlags;
        final List<Stub> stubs;
        final int fills, spills, swaps, flagSaves;
        /** Index of the host instruction a chained jump enters at when its registers are where the prologue puts them. */
        int loopEntry;
        /** The register cache after the prologue (guest register to host register, or -1). */
        int[] entryMap;

        /** True when an exit leaving the registers as {@code map} says may enter after the prologue. */
        boolean prologueDone(int[] map) {
            if (map == null) return false;
            for (int g = 0; g < 16; g++) if (entryMap[g] >= 0 && map[g] != entryMap[g]) return false;
            return true;
        }

        HostBlock(GuestBlock block, int base, byte[] code, int[] offsets, Site[] sites, String[] notes, int[] boundaries,
                  boolean requiresFlags, List<Stub> stubs, int fills, int spills, int swaps, int flagSaves) {
            super(block, base, code);
            this.offsets = offsets;
            this.sites = sites;
            this.notes = notes;
            this.boundaries = boundaries;
            this.requiresFlags = requiresFlags;
            this.stubs = stubs;
            this.fills = fills;
            this.spills = spills;
            this.swaps = swaps;
            this.flagSaves = flagSaves;
            for (Stub s : stubs) s.owner = this;
        }

        int address(int index) {
            return (base + offsets[index]) & 0xFFFF;
        }

        int hostLength() {
            return sites.length;
        }
    }

    // ------------------------------------------------------------------ translation state

    private final GuestBlock block;
    private final int base;
    private final IntellioHostCode code = new IntellioHostCode();
    private final List<Stub> stubs = new ArrayList<>();
    private final List<Runnable> outOfLine = new ArrayList<>();
    private final int[] boundaries;
    private final boolean requiresFlags;
    /** Host register to guest register it caches, or -1; guest register to host register, or -1. */
    private final int[] holds = {-1, -1, -1, -1, -1, -1, -1, -1};
    private final int[] where = new int[16];
    private final long[] lastUse = new long[8];
    private long clock;
    private int pinned;
    private Flags flags;
    private Flags siteFlags;
    /** The host flags hold the current lazy compare. */
    private boolean hostFlags;
    private int index, curPc, curIndex;
    private Instruction insn;
    private int fills, spills, swaps, flagSaves;
    /** Guest registers whose value is known even, or odd, since the block last wrote them (r0 is 0). */
    private int evenKnown = 1, oddKnown;
    /** Index of the count instruction, after the prologue: where a loop back to this block enters. */
    private int loopEntry;
    /** The register cache after the prologue, which the code from {@link #loopEntry} on expects. */
    private int[] entryMap;

    private ArmisticeTranslator(GuestBlock block, int base) {
        this.block = block;
        this.base = base;
        this.boundaries = new int[block.size()];
        java.util.Arrays.fill(where, -1);
        this.requiresFlags = readsFlagsOnEntry(block);
    }

    static HostBlock translate(GuestBlock block, int base) {
        return new ArmisticeTranslator(block, base).run();
    }

    /**
     * True unless a compare comes before anything that reads the flags: a jump on them, or the end
     * of the block (the next block may read them). Before that compare the flags are not known to
     * the block's code (a report there finds them by replay).
     */
    static boolean readsFlagsOnEntry(GuestBlock block) {
        for (Instruction g : block.instructions) {
            ArmisticeOp op = (ArmisticeOp) g.row().op();
            if (op == ArmisticeOp.CMP || op == ArmisticeOp.TST) return false;
            if (g.row().condition() != null) return true;
        }
        return block.end == GuestBlock.End.CONTROL || block.end == GuestBlock.End.LIMIT;
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

    private HostBlock run() {
        flags = requiresFlags ? Flags.IN_STATE : Flags.NOT_KNOWN;
        siteFlags = flags;
        int n = block.size();
        curPc = block.start;
        curIndex = n; // stopped before the count, the block has not started
        // The prologue: the guest registers the block reads before it writes them, filled at once, so
        // that a loop back to this block can enter after it — its registers are still in place.
        for (int g : upwardExposed(block)) {
            if (Integer.bitCount(pinned) >= CACHE.length) break;
            use(g);
        }
        pinned = 0;
        entryMap = where.clone();
        loopEntry = code.size();
        emit(SUB, null, reg(COUNT), num(n));
        for (index = 0; index < n; index++) {
            insn = block.instructions.get(index);
            boundaries[index] = code.size();
            curPc = insn.address();
            curIndex = index;
            siteFlags = flags;
            pinned = 0;
            // The instruction writes an operand of the lazy compare: keep the flags in the state page first.
            if (flags.lazy() && (writes(insn) & (1 << flags.a | (flags.b >= 0 ? 1 << flags.b : 0))) != 0) materialize();
            Armistice.accept(insn, this);
            // At least one host instruction per guest instruction: the budget stays exact (see Dispatcher).
            if (code.size() == boundaries[index]) emit(NOP, null);
        }
        if (block.end == GuestBlock.End.LIMIT) {
            inLeavingCode();
            exitStub(block.next, null);
        } else if (block.end == GuestBlock.End.ILLEGAL || block.end == GuestBlock.End.FETCH_FAULT) {
            Stub s = new Stub(StubKind.FAULT, block.next);
            s.fetchFault = block.end == GuestBlock.End.FETCH_FAULT;
            curPc = block.next;
            curIndex = n;
            siteFlags = flags;
            stub(s);
        }
        for (Runnable r : outOfLine) r.run();
        int[] offsets = code.offsets();
        byte[] bytes = code.encode(base, offsets);
        Site[] sites = new Site[code.size()];
        String[] notes = new String[code.size()];
        for (int k = 0; k < sites.length; k++) {
            sites[k] = code.code.get(k).site();
            notes[k] = code.code.get(k).note();
        }
        HostBlock b = new HostBlock(block, base, bytes, offsets, sites, notes, boundaries, requiresFlags, stubs, fills, spills, swaps, flagSaves);
        b.loopEntry = loopEntry;
        b.entryMap = entryMap;
        return b;
    }

    // ------------------------------------------------------------------ emitting

    static Operand reg(int r) {
        return Operand.reg(r);
    }

    static Operand num(int v) {
        return Operand.num(v);
    }

    static Operand abs(int a) {
        return Operand.abs(a);
    }

    static Operand mem(int base, int disp) {
        return Operand.mem(base, disp);
    }

    private Site here() {
        return new Site(curPc, curIndex, siteFlags, null, 0, 0, false);
    }

    private void emit(IntellioOp op, String note, Operand... ops) {
        add(IntellioHostCode.form(op, ops), ops, here(), note);
    }

    private void add(Row form, Operand[] ops, Site site, String note) {
        code.add(form, ops, site, note);
        if (form.effects().changed() != 0) hostFlags = false;
    }

    private void emitForm(String form, String note, Operand... ops) {
        add(IntellioHostCode.named(form), ops, here(), note);
    }

    /** A guest memory access: host address minus {@code offset} is the guest's address. */
    private void access(IntellioOp op, int offset, int length, boolean write, String note, Operand... ops) {
        add(IntellioHostCode.form(op, ops), ops, new Site(curPc, curIndex, siteFlags, null, offset, length, write), note);
    }

    private void jump(String form, IntellioHostCode.Label target) {
        code.jump(form, target, here());
    }

    private int stub(Stub s) {
        stubs.add(s);
        int at = code.size();
        code.add(IntellioHostCode.form(HLT), new Operand[0], here().withStub(s), null);
        return at;
    }

    // ------------------------------------------------------------------ the register cache

    private String name(int g) {
        return Armistice.ISA.registers().name(g);
    }

    /** The host register holding guest register {@code g}, loaded from the state page if need be. */
    private int use(int g) {
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
    private int def(int g) {
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

    /** Writes guest register {@code g} (in host register h) through to the state page. */
    private void spill(int g, int h) {
        emit(MOV, "spill " + name(g), abs(slot(g)), reg(h));
        spills++;
    }

    /**
     * A host register for guest register {@code g}: its home register if that is free (each guest
     * register has one, so that blocks agree where a register is and a chained jump can skip the next
     * block's fills), else a free one, else the least recently used.
     */
    private int allocate(int g) {
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

    private void forget(int h) {
        if (holds[h] >= 0) where[holds[h]] = -1;
        holds[h] = -1;
    }

    /** Guest register {@code g}'s value in a register, without changing the cache (code on one path only). */
    private int peek(int g, int temp) {
        if (where[g] >= 0) return where[g];
        if (g == 0) emit(MOV, "r0 reads zero", reg(temp), num(0));
        else emit(MOV, "fill " + name(g), reg(temp), abs(slot(g)));
        return temp;
    }

    // ------------------------------------------------------------------ flags

    /** Saves the lazy guest flags in the state page: the compare's kind and operand values. */
    private void saveFlags() {
        Flags f = flags;
        flagSaves++;
        // The first instruction is three bytes long: chaining may overwrite it with a jmp.
        emitForm("mov.i16", "guest flags: " + (f.kind == Flags.CMP ? "cmp" : "tst"), reg(T2), num(f.kind == Flags.CMP ? KIND_CMP : KIND_TST));
        emit(MOV, null, abs(FK), reg(T2));
        if (f.kind == Flags.CMP) {
            emit(MOV, null, abs(FA), reg(peek(f.a, T1)));
            if (f.b >= 0) emit(MOV, null, abs(FB), reg(peek(f.b, T1)));
            else {
                emit(MOV, null, reg(T1), num(f.imm));
                emit(MOV, null, abs(FB), reg(T1));
            }
        } else {
            int a = peek(f.a, T1);
            if (a != T1) emit(MOV, null, reg(T1), reg(a));
            if (f.b >= 0) emit(AND, null, reg(T1), reg(peek(f.b, T2)));
            else emit(AND, null, reg(T1), num(f.imm));
            emit(MOV, null, abs(FA), reg(T1));
            emit(MOV, null, reg(T1), num(0));
            emit(MOV, null, abs(FB), reg(T1));
        }
    }

    private void materialize() {
        if (!flags.lazy()) return;
        saveFlags();
        flags = Flags.IN_STATE;
        hostFlags = false;
    }

    /** Host jump form after a host cmp for each guest condition. */
    private static String afterCmp(ArmisticeOp op) {
        switch (op) {
            case JZ: return "jz.rel16";
            case JNZ: return "jnz.rel16";
            case JLT: return "jl.rel16";
            case JGE: return "jge.rel16";
            case JGT: return "jg.rel16";
            case JLE: return "jle.rel16";
            case JB: return "jb.rel16";   // guest "C clear" (no carry = borrow) is host "C set" (borrow)
            case JAE: return "jae.rel16";
            case JA: return "ja.rel16";
            case JBE: return "jbe.rel16";
            case JN: return "js.rel16";
            case JNN: return "jns.rel16";
            case JV: return "jo.rel16";
            default: return "jno.rel16"; // JNV
        }
    }

    private static boolean readsCarry(ArmisticeOp op) {
        return op == ArmisticeOp.JB || op == ArmisticeOp.JAE || op == ArmisticeOp.JA || op == ArmisticeOp.JBE;
    }

    /** After tst the guest's C is 0 ("borrow"): jb and jbe always jump, ja and jae never. */
    private void afterTst(ArmisticeOp op, IntellioHostCode.Label target) {
        if (op == ArmisticeOp.JB || op == ArmisticeOp.JBE) jump("jmp.rel16", target);
        else if (!readsCarry(op)) jump(afterCmp(op), target);
    }

    /** A host jump to {@code target} taken when guest condition {@code op} holds. */
    private void branch(ArmisticeOp op, IntellioHostCode.Label target) {
        Flags f = flags;
        if (f.lazy()) {
            if (!hostFlags) {
                int a = use(f.a);
                Operand b = f.b >= 0 ? reg(use(f.b)) : num(f.imm);
                emit(f.kind == Flags.CMP ? CMP : TEST, "compare again: host arithmetic changed the host flags", reg(a), b);
            }
            if (f.kind == Flags.CMP) jump(afterCmp(op), target);
            else afterTst(op, target);
            return;
        }
        if (f.kind != Flags.STATE) throw new IllegalStateException("guest flags read where the translator does not know them");
        // From the state page: cmp FA, FB gives Z, N and V for either kind (a tst is saved as "cmp r, 0"); C needs the kind.
        IntellioHostCode.Label tst = null, done = null;
        if (readsCarry(op)) {
            tst = new IntellioHostCode.Label();
            done = new IntellioHostCode.Label();
            emit(MOV, "guest flags from the state page", reg(T1), abs(FK));
            emit(TEST, null, reg(T1), reg(T1));
            jump("jnz.rel16", tst);
        }
        emit(MOV, tst == null ? "guest flags from the state page" : null, reg(T1), abs(FA));
        emit(MOV, null, reg(T2), abs(FB));
        emit(CMP, null, reg(T1), reg(T2));
        jump(afterCmp(op), target);
        if (tst != null) {
            jump("jmp.rel16", done);
            code.bind(tst);
            afterTst(op, target);
            code.bind(done);
        }
        hostFlags = false;
    }

    // ------------------------------------------------------------------ leaving the block

    /** Code that leaves the block belongs to its last instruction (a jump: not done yet when stopped there). */
    private void inLeavingCode() {
        siteFlags = flags;
        if (block.end == GuestBlock.End.CONTROL) {
            curIndex = block.size() - 1;
            curPc = block.instructions.get(curIndex).address();
        } else {
            curIndex = block.size();
            curPc = block.next;
        }
    }

    /** An exit to a known guest address: the flags saved if they are lazy (skipped once chained to a block that does not read them), then hlt. */
    private void exitStub(int target, IntellioHostCode.Label from) {
        Stub s = new Stub(StubKind.EXIT, target);
        s.map = where.clone();
        s.startIndex = code.size();
        if (from != null) {
            code.bind(from);
            s.jumps.addAll(from.users);
        }
        if (flags.lazy()) saveFlags(); // on this path only: the translator's flags stay lazy for the other exit
        s.haltIndex = stub(s);
        // Room for the jmp rel16 that chaining writes over the hlt.
        code.add(IntellioHostCode.form(NOP), new Operand[0], here().withStub(s), null);
        code.add(IntellioHostCode.form(NOP), new Operand[0], here().withStub(s), null);
    }

    /** Entries of an indirect exit's inline cache. */
    static final int CACHE_ENTRIES = 4;
    /** Bytes of one entry: {@code cmp c, guest} (cmp.i16) and {@code jz.rel16 host}. */
    static final int CACHE_ENTRY_BYTES = 8;

    /**
     * An exit to the guest address in the state page's TARGET word: an inline cache of up to four
     * {@code cmp c, guest / jz host} pairs, filled by the dispatcher as it sees targets, then the
     * dispatcher. The flags are saved first, so any target may follow.
     */
    private void indirectExit() {
        inLeavingCode();
        materialize();
        siteFlags = flags;
        emit(MOV, "the guest target, for the inline cache", reg(T1), abs(TARGET));
        Stub s = new Stub(StubKind.DISPATCH, 0);
        s.haltIndex = stub(s);
        // Room for the cache's entries; the hlt moves down as they are added.
        for (int k = 0; k < CACHE_ENTRIES * CACHE_ENTRY_BYTES; k++)
            code.add(IntellioHostCode.form(NOP), new Operand[0], here().withStub(s), null);
    }

    // ------------------------------------------------------------------ guest memory

    /** Tests a guest word address's low bit; odd leaves for the dispatcher (misaligned, or the null page). */
    private void alignment(int hb, int g, int disp, boolean write) {
        // Known aligned already: a word access through g in this block passed the test, and g changed since only by even steps.
        int known = (disp & 1) == 0 ? evenKnown : oddKnown;
        if ((known >> g & 1) != 0) return;
        if ((disp & 1) == 0) evenKnown |= 1 << g;
        else oddKnown |= 1 << g;
        IntellioHostCode.Label odd = new IntellioHostCode.Label();
        emit(TEST, "guest words are aligned", reg(hb), num(1));
        jump((disp & 1) == 0 ? "jnz.rel16" : "jz.rel16", odd);
        Stub s = new Stub(StubKind.WORD_FAULT, curPc);
        s.base = g;
        s.disp = disp;
        s.write = write;
        Site site = here();
        outOfLine.add(() -> {
            code.bind(odd);
            stubs.add(s);
            code.add(IntellioHostCode.form(HLT), new Operand[0], site.withStub(s), null);
        });
    }

    /** The big-endian guest word at {@code [hb + disp]} into host register {@code dst} (only T1 besides). */
    private void loadWord(int dst, int hb, int disp) {
        access(MOVB, 0, 2, false, "high byte first: big-endian", reg(T1), mem(hb, disp));
        emit(SHL, "byte swap", reg(T1), num(8));
        access(MOVB, 1, 2, false, null, reg(dst), mem(hb, disp + 1));
        emit(OR, null, reg(dst), reg(T1));
        swaps++;
    }

    /** Stores host register {@code v} as a big-endian guest word at {@code [hb + disp]} (only T1 besides). */
    private void storeWord(int v, int hb, int disp) {
        emit(MOV, "byte swap", reg(T1), reg(v));
        emit(SHR, null, reg(T1), num(8));
        access(MOVB, 0, 2, true, "high byte first: big-endian", mem(hb, disp), reg(T1));
        access(MOVB, 1, 2, true, null, mem(hb, disp + 1), reg(v));
        swaps++;
    }

    // ------------------------------------------------------------------ the guest instructions

    @Override
    public Void illegal(Instruction i) {
        throw new IllegalStateException("illegal instructions end a block before the translator sees them");
    }

    @Override
    public Void nop() {
        emit(NOP, null);
        return null;
    }

    @Override
    public Void halt() {
        stub(new Stub(StubKind.HALT, curPc));
        return null;
    }

    @Override
    public Void interrupt(int vector) {
        // The HAL takes its service in host a and its argument in host c, as the guest's r1 and r3.
        int a = where[1];
        if (a != HA) {
            forget(HA);
            emit(MOV, "HAL service in a", reg(HA), a >= 0 ? reg(a) : abs(slot(1)));
            if (a >= 0) holds[a] = -1;
            else fills++;
            holds[HA] = 1;
            where[1] = HA;
        }
        int c = where[3];
        emit(MOV, "HAL argument in c", reg(T1), c >= 0 ? reg(c) : abs(slot(3)));
        emit(INT, null, num(vector));
        // A read service writes the argument: the guest's r3.
        if (c >= 0) forget(c);
        evenKnown &= ~(1 << 3);
        oddKnown &= ~(1 << 3);
        emit(MOV, "spill " + name(3), abs(slot(3)), reg(T1));
        spills++;
        return null;
    }

    @Override
    public Void out(int port, int rs, int imm) {
        if (port != 0x1234) { // no device behind any other port
            emit(NOP, null);
            return null;
        }
        // The port prints a number: the host's HAL service 10h does the same.
        Operand value = rs >= 0 ? reg(use(rs)) : num(imm);
        emit(MOV, "port 1234h: the HAL prints the number", reg(T1), value);
        forget(HA);
        emit(MOV, null, reg(HA), num(0x10));
        emit(INT, null, num(0x13));
        return null;
    }

    private static IntellioOp hostOp(ArmisticeOp op) {
        switch (op) {
            case ADD: return ADD;
            case SUB: return SUB;
            case AND: return AND;
            case OR: return OR;
            case XOR: return XOR;
            case SHL: return SHL;
            case SHR: return SHR;
            case SAR: return SAR;
            case MUL: return MUL;
            case DIVU: return DIVU;
            case REMU: return MODU;
            default: throw new IllegalStateException("not an ALU operation: " + op);
        }
    }

    private static boolean commutative(ArmisticeOp op) {
        return op == ArmisticeOp.ADD || op == ArmisticeOp.AND || op == ArmisticeOp.OR || op == ArmisticeOp.XOR || op == ArmisticeOp.MUL;
    }

    @Override
    public Void alu(ArmisticeOp op, int rd, int rs, int rt) {
        IntellioOp h = hostOp(op);
        int hs = use(rs), ht = use(rt);
        boolean divides = op == ArmisticeOp.DIVU || op == ArmisticeOp.REMU;
        if (rd == 0) { // the result is lost; a division by zero still faults
            if (divides) {
                emit(MOV, null, reg(T1), reg(hs));
                emit(h, null, reg(T1), reg(ht));
            }
            return null;
        }
        int d = def(rd);
        if (d == hs) {
            emit(h, null, reg(d), reg(ht));
        } else if (d == ht) {
            if (commutative(op)) {
                emit(h, null, reg(d), reg(hs));
            } else {
                emit(MOV, null, reg(T1), reg(hs));
                emit(h, null, reg(T1), reg(ht));
                emit(MOV, null, reg(d), reg(T1));
            }
        } else {
            emit(MOV, null, reg(d), reg(hs));
            emit(h, null, reg(d), reg(ht));
        }
        spill(rd, d);
        return null;
    }

    @Override
    public Void aluImm(ArmisticeOp op, int rd, int imm) {
        if (rd == 0) return null;
        IntellioOp h = hostOp(op);
        int v = imm & 0xFFFF;
        boolean shift = op == ArmisticeOp.SHL || op == ArmisticeOp.SHR || op == ArmisticeOp.SAR;
        if (shift) v &= 15;
        if ((shift || op == ArmisticeOp.ADD || op == ArmisticeOp.SUB || op == ArmisticeOp.OR || op == ArmisticeOp.XOR) && v == 0) return null;
        use(rd);
        int d = def(rd);
        emit(h, null, reg(d), num(v));
        spill(rd, d);
        return null;
    }

    @Override
    public Void compare(ArmisticeOp op, int rs, int rt) {
        int a = use(rs), b = use(rt);
        emit(op == ArmisticeOp.CMP ? CMP : TEST, null, reg(a), reg(b));
        flags = new Flags(op == ArmisticeOp.CMP ? Flags.CMP : Flags.TST, rs, rt, 0);
        hostFlags = true;
        return null;
    }

    @Override
    public Void compareImm(ArmisticeOp op, int rd, int imm) {
        int a = use(rd);
        emit(op == ArmisticeOp.CMP ? CMP : TEST, null, reg(a), num(imm & 0xFFFF));
        flags = new Flags(op == ArmisticeOp.CMP ? Flags.CMP : Flags.TST, rd, -1, imm & 0xFFFF);
        hostFlags = true;
        return null;
    }

    @Override
    public Void move(int rd, int rs) {
        if (rd == 0 || rd == rs) return null;
        int s = use(rs);
        if (flags.uses(rd)) materialize();
        // Straight to the state page; a cached copy of rd is stale now.
        int old = where[rd];
        if (old >= 0) forget(old);
        evenKnown = (evenKnown & ~(1 << rd)) | (evenKnown >> rs & 1) << rd;
        oddKnown = (oddKnown & ~(1 << rd)) | (oddKnown >> rs & 1) << rd;
        spill(rd, s);
        return null;
    }

    @Override
    public Void moveImm(int rd, int imm) {
        if (rd == 0) return null;
        int d = def(rd);
        emit(MOV, null, reg(d), num(imm & 0xFFFF));
        spill(rd, d);
        return null;
    }

    @Override
    public Void unary(ArmisticeOp op, int rd, int rs) {
        if (rd == 0) return null;
        int s = use(rs);
        int d = def(rd);
        if (d != s) emit(MOV, null, reg(d), reg(s));
        emit(op == ArmisticeOp.NOT ? NOT : NEG, null, reg(d));
        spill(rd, d);
        return null;
    }

    @Override
    public Void swap(int rd) {
        if (rd == 0) return null;
        use(rd);
        int d = def(rd);
        emit(MOV, "swap: Intellio has no byte swap", reg(T1), reg(d));
        emit(SHL, null, reg(d), num(8));
        emit(SHR, null, reg(T1), num(8));
        emit(OR, null, reg(d), reg(T1));
        spill(rd, d);
        return null;
    }

    @Override
    public Void push(int rs) {
        int sp = use(15), v = use(rs);
        alignment(sp, 15, -2, true);
        storeWord(v, sp, -2);
        stackStep(SUB);
        return null;
    }

    @Override
    public Void pop(int rd) {
        int sp = use(15);
        alignment(sp, 15, 0, false);
        loadWord(T2, sp, 0);
        stackStep(ADD);
        if (rd != 0) {
            int r = def(rd);
            emit(MOV, null, reg(r), reg(T2));
            spill(rd, r);
        }
        return null;
    }

    @Override
    public Void load(ArmisticeOp op, int rd, int rs, int disp) {
        int b = use(rs);
        if (op == ArmisticeOp.LDB) {
            int d = rd == 0 ? T1 : def(rd);
            access(MOVB, 0, 1, false, null, reg(d), mem(b, disp));
            if (rd != 0) spill(rd, d);
            return null;
        }
        alignment(b, rs, disp, false);
        int d = rd == 0 ? T2 : def(rd);
        loadWord(d, b, disp);
        if (rd != 0) spill(rd, d);
        return null;
    }

    @Override
    public Void store(ArmisticeOp op, int rd, int rs, int disp) {
        int b = use(rs), v = use(rd);
        if (op == ArmisticeOp.STB) {
            access(MOVB, 0, 1, true, null, mem(b, disp), reg(v));
            return null;
        }
        alignment(b, rs, disp, true);
        storeWord(v, b, disp);
        return null;
    }

    @Override
    public Void jump(ArmisticeOp op, int target) {
        if (op == ArmisticeOp.JMP) {
            inLeavingCode();
            exitStub(target, null);
            return null;
        }
        IntellioHostCode.Label taken = new IntellioHostCode.Label();
        branch(op, taken);
        inLeavingCode();
        exitStub(insn.next(), null);
        exitStub(target, taken);
        return null;
    }

    /** sp += 2 or sp -= 2: its parity, if known, stays known. */
    private void stackStep(IntellioOp op) {
        int even = evenKnown & 1 << 15, odd = oddKnown & 1 << 15;
        int d = def(15);
        emit(op, null, reg(d), num(2));
        spill(15, d);
        evenKnown |= even;
        oddKnown |= odd;
    }

    /** Pushes the constant return address (guest words are big-endian: the high byte first). */
    private void pushReturn(int ret) {
        int sp = use(15);
        alignment(sp, 15, -2, true);
        emit(MOV, "return address, high byte first", reg(T1), num(ret >>> 8 & 0xFF));
        access(MOVB, 0, 2, true, null, mem(sp, -2), reg(T1));
        emit(MOV, null, reg(T1), num(ret & 0xFF));
        access(MOVB, 1, 2, true, null, mem(sp, -1), reg(T1));
        stackStep(SUB);
    }

    @Override
    public Void call(int target) {
        pushReturn(insn.next());
        inLeavingCode();
        exitStub(target, null);
        return null;
    }

    @Override
    public Void ret() {
        int sp = use(15);
        alignment(sp, 15, 0, false);
        loadWord(T2, sp, 0);
        emit(MOV, "the guest target, for the dispatcher", abs(TARGET), reg(T2));
        stackStep(ADD);
        indirectExit();
        return null;
    }

    @Override
    public Void jumpReg(int rs) {
        emit(MOV, "the guest target, for the dispatcher", abs(TARGET), reg(use(rs)));
        indirectExit();
        return null;
    }

    @Override
    public Void callReg(int rs) {
        emit(MOV, "the guest target, for the dispatcher", abs(TARGET), reg(use(rs)));
        pushReturn(insn.next());
        indirectExit();
        return null;
    }
}
