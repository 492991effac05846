package toyisa.translate;

import static toyisa.intellio.IntellioOp.*;
import static toyisa.translate.StatePage.*;

import toyisa.armistice.Armistice;
import toyisa.armistice.ArmisticeOp;
import toyisa.armistice.ArmisticeVisitor;
import toyisa.intellio.IntellioOp;
import toyisa.isa.Instruction;
import toyisa.isa.Operand;
import toyisa.translate.HostBlock.Site;
import toyisa.translate.HostBlock.Stub;
import toyisa.translate.HostBlock.StubKind;

/**
 * Turns one {@link GuestBlock} of Armistice code into Intellio host code — the other direction of
 * {@link Translator}, and the harder one: the typed visitor of the Armistice table's decoder, the
 * walk over the block, and how the block is left. Each difficulty of the direction is a layer below
 * it: sixteen guest registers on eight host registers ({@link RegisterAllocator}), flags NZCV set
 * only by cmp/tst on a host whose every ALU instruction writes ZSCO ({@link ArmisticeFlagCode}),
 * big-endian aligned words on a little-endian host that allows any address ({@link BigEndianWords}).
 *
 * <h2>Port I/O</h2>
 * Intellio has no ports: {@code out 1234h, x} becomes the HAL's print-a-number service,
 * {@code mov a, 10h / mov c, x / int 13h}.
 */
final class ArmisticeTranslator extends BigEndianWords implements ArmisticeVisitor<Void> {
    /** A block never holds more guest instructions than this (the count lives in one byte of sub). */
    static final int MAX_INSTRUCTIONS = GuestBlock.MAX_INSTRUCTIONS;

    private final int[] boundaries;
    private final boolean requiresFlags;
    /** Index of the count instruction, after the prologue: where a loop back to this block enters. */
    private int loopEntry;
    /** The register cache after the prologue, which the code from {@link #loopEntry} on expects. */
    private int[] entryMap;
    /** Where a loop that keeps its registers jumps back to: {@link #loopEntry}. */
    private final IntellioHostCode.Label round = new IntellioHostCode.Label();

    private ArmisticeTranslator(GuestBlock block, int base, boolean requiresFlags) {
        // A loop keeps its registers only if it sets the flags before it reads them: its back edge
        // jumps past the exit stub, where the flags would be saved for the next round.
        super(block, base, !requiresFlags && keepsRegisters(block));
        this.boundaries = new int[block.size()];
        this.requiresFlags = requiresFlags;
    }

    static HostBlock translate(GuestBlock block, int base) {
        return new ArmisticeTranslator(block, base, readsFlagsOnEntry(block)).run();
    }

    private HostBlock run() {
        flags = requiresFlags ? ArmisticeFlags.IN_STATE : ArmisticeFlags.NOT_KNOWN;
        siteFlags = flags;
        int n = block.size();
        curPc = block.start;
        curIndex = n; // stopped before the count, the block has not started
        entryMap = prologue();
        loopEntry = code.size();
        code.bind(round);
        emit(SUB, null, reg(COUNT), num(n));
        for (index = 0; index < n; index++) {
            insn = block.instructions.get(index);
            boundaries[index] = code.size();
            curPc = insn.address();
            curIndex = index;
            siteFlags = flags;
            pinned = 0;
            // The instruction writes an operand of the lazy compare: keep the flags in the state page first.
            if (flags.lazy() && (writes(insn) & (1 << flags.a() | (flags.b() >= 0 ? 1 << flags.b() : 0))) != 0) materialize();
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
        b.keepsRegisters = keepRegisters;
        return b;
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
        spillWritten();
        s.flagIndex = code.size();
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
        } else if (d == ht || divides && keepRegisters) { // a kept register holds the guest's value until the divide cannot fault
            if (d == ht && commutative(op)) {
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
        flags = new ArmisticeFlags(op == ArmisticeOp.CMP ? ArmisticeFlags.CMP : ArmisticeFlags.TST, rs, rt, 0);
        hostFlags = true;
        return null;
    }

    @Override
    public Void compareImm(ArmisticeOp op, int rd, int imm) {
        int a = use(rd);
        emit(op == ArmisticeOp.CMP ? CMP : TEST, null, reg(a), num(imm & 0xFFFF));
        flags = new ArmisticeFlags(op == ArmisticeOp.CMP ? ArmisticeFlags.CMP : ArmisticeFlags.TST, rd, -1, imm & 0xFFFF);
        hostFlags = true;
        return null;
    }

    @Override
    public Void move(int rd, int rs) {
        if (rd == 0 || rd == rs) return null;
        int s = use(rs);
        if (flags.uses(rd)) materialize();
        if (keepRegisters) { // rd stays in its host register
            int d = def(rd);
            emit(MOV, null, reg(d), reg(s));
            evenKnown |= (evenKnown >> rs & 1) << rd;
            oddKnown |= (oddKnown >> rs & 1) << rd;
            return null;
        }
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
        if (keepRegisters && target == block.start) { // the back edge: straight to the next round, the registers in place
            for (int g = 0; g < 16; g++)
                if (entryMap[g] >= 0 && where[g] != entryMap[g]) throw new IllegalStateException("a kept register moved in the loop");
            if (op == ArmisticeOp.JMP) {
                jump("jmp.rel16", round);
                return null;
            }
            branch(op, round);
            inLeavingCode();
            exitStub(insn.next(), null);
            return null;
        }
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
