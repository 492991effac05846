package toyisa.translate;

import static toyisa.armistice.ArmisticeOp.*;

import toyisa.armistice.ArmisticeOp;
import toyisa.intellio.Intellio;
import toyisa.intellio.IntellioOp;
import toyisa.intellio.IntellioVisitor;
import toyisa.isa.Instruction;
import toyisa.translate.LazyFlags.Kind;

/**
 * Turns one {@link GuestBlock} of Intellio code into Armistice host code: the typed visitor of the
 * Intellio table's decoder, one short callback per kind of guest instruction.
 *
 * <h2>Registers</h2>
 * The eight guest registers live in fixed host registers for the whole run — guest {@code a..f} in
 * {@code r1..r6} (the same portable names on both CPUs), {@code fp} in r13, {@code sp} in r15 — so a
 * guest {@code add a, b} is one host {@code add a, a, b}. The rest are the translator's: r7 and r8
 * temporaries, r9 and r10 copies of flag operands, r11 the guest flags (bits Z=8 S=4 C=2 O=1), r12
 * the constant 8, r14 the budget counter.
 *
 * <h2>Memory</h2>
 * Guest words are little-endian and may sit at odd addresses; host words are big-endian and must be
 * aligned. So guest words travel as two host byte accesses ({@code ldb}/{@code stb}) and a shift. A
 * guest word store first loads its second byte ("probe"): if either byte is in the null page the
 * guest faults before anything is written, as the Intellio interpreter does.
 *
 * <h2>Flags</h2>
 * Lazy (see {@link LazyFlags}): a backward pass over the block finds, for each instruction, which
 * guest flags the host code will still read; a flag-setting instruction whose flags nobody reads
 * costs nothing extra, and a {@code cmp} followed by a jump becomes a host {@code cmp} and a host jump.
 * Armistice's carry after {@code cmp} means "no borrow", Intellio's means "borrow": the jumps are
 * chosen to match ({@code jb} is "carry clear" on the host, which is "borrow" — guest {@code jb}).
 */
final class Translator extends HostEmitter implements IntellioVisitor<Void> {
    private final int[] boundaries;
    private Instruction insn;

    private Translator(GuestBlock block, int base) {
        super(block, base);
        boundaries = new int[block.size()];
    }

    /** Translates a block for the host address {@code base}. */
    static Translation translate(GuestBlock block, int base) {
        return new Translator(block, base).run();
    }

    // ------------------------------------------------------------------ the walk

    private Translation run() {
        flags = entryFlags();
        siteFlags = flags;
        int n = block.size();
        curPc = block.start;
        curIndex = 0;
        // Count the block's guest instructions (the dispatcher reads r14 to know how far the guest got).
        // Stopped before this instruction, the block has not started: its site says "all n to come".
        curIndex = n;
        emit(SUB, reg(BUDGET), num(n));
        for (index = 0; index < n; index++) {
            insn = block.instructions.get(index);
            boundaries[index] = code.size();
            curPc = insn.address();
            curIndex = index;
            siteFlags = flags;
            Intellio.accept(insn, this);
            // Every guest instruction costs at least one host instruction: then a host run limited to
            // k instructions can never start the guest's (k+1)-th, which makes the budget exact.
            if (code.size() == boundaries[index] && !GuestBlock.endsBlock(insn)) emit(NOP);
        }
        finish();
        return encode();
    }

    private void finish() {
        int n = block.size();
        if (block.end == GuestBlock.End.LIMIT) {
            exitStub(block.next, null);
        } else if (block.end == GuestBlock.End.ILLEGAL || block.end == GuestBlock.End.FETCH_FAULT) {
            Stub s = new Stub(Stub.Kind.FAULT, block.next);
            s.fetchFault = block.end == GuestBlock.End.FETCH_FAULT;
            curPc = block.next;
            curIndex = n;
            siteFlags = flags;
            stub(s);
        }
    }

    private Translation encode() {
        Site[] sites = new Site[code.size()];
        byte[] bytes = code.encode(base, sites);
        return new Translation(block, base, bytes, sites, boundaries, requiresCanon, stubs);
    }

    // ------------------------------------------------------------------ the guest instructions

    private int h(int guestReg) {
        return HOST[guestReg];
    }

    @Override
    public Void illegal(Instruction i) {
        throw new IllegalStateException("illegal instructions end a block before the translator sees them");
    }

    /** {@code dst OP= src} with guest flags, for every two-operand form once its operands are in registers. */
    private void alu(IntellioOp op, int dst, int src) {
        switch (op) {
            case MOV:
                write(dst);
                emit(MOV, reg(dst), ref(src));
                return;
            case ADD: {
                int y = src;
                if (!LazyFlags.isImm(src) && src == dst) { // add x, x: keep x if the flags are read, else forget it
                    y = LazyFlags.NONE;
                    if (liveAfter[index] != 0) {
                        write(K1);
                        emit(MOV, reg(K1), reg(src));
                        y = K1;
                    }
                }
                write(dst);
                arith(ADD, dst, src);
                setFlags(LazyFlags.of(Kind.ADD, dst, y));
                return;
            }
            case SUB: {
                if (!LazyFlags.isImm(src) && src == dst) { // x - x: always Z, never S, C or O
                    write(dst);
                    emit(SUB, reg(dst), reg(dst), reg(dst));
                    setFlags(LazyFlags.of(Kind.LOGIC, ZERO, ZERO));
                    return;
                }
                boolean pre = (liveAfter[index] & (LazyFlags.C | LazyFlags.O)) != 0;
                LazyFlags next = LazyFlags.of(Kind.SUB, dst, src);
                if (pre) {
                    emit(CMP, reg(dst), ref(src));
                }
                write(dst);
                arith(SUB, dst, src);
                setFlags(next);
                if (pre) {
                    hostFlagsOf = next;
                    hostMode = MODE_CMP;
                }
                return;
            }
            case AND: case OR: case XOR:
                write(dst);
                arith(op == IntellioOp.AND ? AND : op == IntellioOp.OR ? OR : XOR, dst, src);
                setFlags(LazyFlags.of(Kind.LOGIC, dst, dst));
                return;
            case CMP: case TEST: {
                LazyFlags next = LazyFlags.of(op == IntellioOp.CMP ? Kind.CMP : Kind.LOGIC, dst, src);
                // Set the host flags here, where the guest sets its own, if the host code reads them.
                if (liveAfter[index] != 0) emit(op == IntellioOp.CMP ? CMP : TST, reg(dst), ref(src));
                setFlags(next);
                if (liveAfter[index] != 0) {
                    hostFlagsOf = next;
                    hostMode = op == IntellioOp.CMP ? MODE_CMP : MODE_TST;
                }
                return;
            }
            case MUL:
                write(dst);
                arith(MUL, dst, src);
                return;
            case DIVU: case MODU: {
                int divisor = src;
                if (LazyFlags.isImm(src)) { // only memory and register forms exist; keep it general
                    write(T2);
                    emit(MOV, reg(T2), num(src & 0xFFFF));
                    divisor = T2;
                }
                write(dst);
                emit(op == IntellioOp.DIVU ? DIVU : REMU, reg(dst), reg(dst), reg(divisor));
                return;
            }
            case SHL: case SHR: case SAR:
                shift(op, dst, src);
                return;
            default:
                throw new IllegalStateException("not a two-operand operation: " + op);
        }
    }

    private void arith(ArmisticeOp op, int dst, int src) {
        if (LazyFlags.isImm(src)) emit(op, reg(dst), num(src & 0xFFFF));
        else emit(op, reg(dst), reg(dst), reg(src));
    }

    private void shift(IntellioOp op, int dst, int count) {
        int kind = op == IntellioOp.SHL ? 0 : op == IntellioOp.SHR ? 1 : 2;
        int live = liveAfter[index];
        if ((live & LazyFlags.O) != 0 && !keepsInFlagsRegister(LazyFlags.O)) materialize(); // O survives the shift: from r11
        boolean canon = keepsInFlagsRegister(LazyFlags.O);
        int original = LazyFlags.NONE;
        int countRef = count;
        boolean zeroCount = LazyFlags.isImm(count) && (count & 15) == 0;
        if ((live & LazyFlags.C) != 0 && !zeroCount) {
            int k = K1;
            write(k);
            emit(MOV, reg(k), reg(dst));
            original = k;
            if (!LazyFlags.isImm(count) && count == dst) countRef = k;
        } else if (!LazyFlags.isImm(count) && count == dst) {
            countRef = LazyFlags.NONE;
        }
        write(dst);
        ArmisticeOp mn = kind == 0 ? SHL : kind == 1 ? SHR : SAR;
        if (LazyFlags.isImm(count)) {
            if (!zeroCount) emit(mn, reg(dst), num(count & 15));
        } else {
            emit(mn, reg(dst), reg(dst), reg(count));
        }
        setFlags(new LazyFlags(Kind.SHIFT, dst, original, countRef, kind, canon));
    }

    /** True when r11 already holds the current value of guest flag {@code f}. */
    private boolean keepsInFlagsRegister(int f) {
        switch (flags.kind) {
            case CANON: return true;
            case SHIFT: return f == LazyFlags.O && flags.canonValid;
            case INC: case DEC: return f == LazyFlags.C && flags.canonValid;
            default: return false;
        }
    }

    @Override
    public Void binary(IntellioOp op, int rd, int rs) {
        if (op == IntellioOp.MOVB) throw new IllegalStateException("movb between registers is undefined");
        alu(op, h(rd), h(rs));
        return null;
    }

    @Override
    public Void binaryLoad(IntellioOp op, int rd, int rs, int disp) {
        int d = h(rd), base = h(rs);
        if (op == IntellioOp.MOVB) {
            write(d);
            access(LDB, 0, 1, false, reg(d), mem(base, disp));
        } else if (op == IntellioOp.MOV) {
            loadWord(d, base, disp, false);
        } else {
            loadWord(T1, base, disp, false);
            alu(op, d, T1);
        }
        return null;
    }

    @Override
    public Void binaryStore(IntellioOp op, int rd, int disp, int rs) {
        int base = h(rd), s = h(rs);
        if (op == IntellioOp.MOVB) {
            access(STB, 0, 1, true, mem(base, disp), reg(s));
        } else if (op == IntellioOp.MOV) {
            storeWord(s, base, disp, true);
        } else {
            // Read, operate, write back: the reads check both bytes, so the writes cannot fault.
            loadWord(T1, base, disp, true);
            alu(op, T1, s);
            if (op != IntellioOp.CMP && op != IntellioOp.TEST) storeWord(T1, base, disp, false);
        }
        return null;
    }

    @Override
    public Void binaryImm(IntellioOp op, int rd, int imm) {
        alu(op, h(rd), LazyFlags.imm(imm));
        return null;
    }

    @Override
    public Void absolute(IntellioOp op, boolean store, int r, int addr) {
        int x = h(r);
        boolean safe = addr >= 0x100 && addr != 0xFFFF; // a constant address that cannot fault
        if (op == IntellioOp.MOVB) {
            if (store) access(STB, 0, 1, true, mem(ZERO, addr), reg(x));
            else {
                write(x);
                access(LDB, 0, 1, false, reg(x), mem(ZERO, addr));
            }
        } else if (store) {
            storeWord(x, ZERO, addr, !safe);
        } else {
            loadWord(x, ZERO, addr, false);
        }
        return null;
    }

    @Override
    public Void unary(IntellioOp op, int r) {
        int x = h(r);
        switch (op) {
            case NOT:
                write(x);
                emit(NOT, reg(x), reg(x));
                break;
            case NEG:
                write(x);
                emit(NEG, reg(x), reg(x));
                setFlags(LazyFlags.of(Kind.NEG, x, LazyFlags.NONE));
                break;
            default: { // INC, DEC: C survives, from r11
                if ((liveAfter[index] & LazyFlags.C) != 0 && !keepsInFlagsRegister(LazyFlags.C)) materialize();
                boolean canon = keepsInFlagsRegister(LazyFlags.C);
                write(x);
                emit(op == IntellioOp.INC ? ADD : SUB, reg(x), num(1));
                setFlags(new LazyFlags(op == IntellioOp.INC ? Kind.INC : Kind.DEC, x, LazyFlags.NONE, LazyFlags.NONE, 0, canon));
                break;
            }
        }
        return null;
    }

    @Override
    public Void push(int r) {
        int v = h(r);
        write(T2);
        access(LDB, 1, 2, true, reg(T2), mem(SP, -1));
        access(STB, 0, 2, true, mem(SP, -2), reg(v));
        emit(SHR, reg(T2), reg(v), reg(EIGHT));
        access(STB, 1, 2, true, mem(SP, -1), reg(T2));
        write(SP);
        emit(SUB, reg(SP), num(2));
        return null;
    }

    @Override
    public Void pop(int r) {
        popInto(h(r));
        return null;
    }

    private void popInto(int d) {
        write(T2);
        access(LDB, 1, 2, false, reg(T2), mem(SP, 1));
        write(T1);
        access(LDB, 0, 2, false, reg(T1), mem(SP, 0));
        emit(SHL, reg(T2), num(8));
        write(SP);
        emit(ADD, reg(SP), num(2));
        write(d);
        emit(OR, reg(d), reg(T1), reg(T2));
    }

    @Override
    public Void xchg(int r) {
        int x = h(r), a = h(0);
        write(T1);
        emit(MOV, reg(T1), reg(a));
        write(a);
        emit(MOV, reg(a), reg(x));
        write(x);
        emit(MOV, reg(x), reg(T1));
        return null;
    }

    @Override
    public Void nop() {
        return null;
    }

    @Override
    public Void jcc(IntellioOp op, int target) {
        HostCode.Label taken = new HostCode.Label();
        branch(op.conditionCode(), taken);
        LazyFlags f = flags;
        LazyFlags hf = hostFlagsOf;
        int hm = hostMode;
        exitStub(insn.next(), null);
        flags = f;
        hostFlagsOf = hf;
        hostMode = hm;
        exitStub(target, taken);
        return null;
    }

    @Override
    public Void jmp(int target) {
        exitStub(target, null);
        return null;
    }

    @Override
    public Void call(int target) {
        pushConstant(insn.next());
        exitStub(target, null);
        return null;
    }

    @Override
    public Void jmpReg(int r) {
        write(T1);
        emit(MOV, reg(T1), reg(h(r)));
        indirectExit();
        return null;
    }

    @Override
    public Void callReg(int r) {
        write(T1);
        emit(MOV, reg(T1), reg(h(r)));
        pushConstant(insn.next());
        indirectExit();
        return null;
    }

    @Override
    public Void ret() {
        popInto(T1);
        indirectExit();
        return null;
    }

    @Override
    public Void interrupt(int vector) {
        write(h(2)); // the HAL's read services write c
        emit(INT, num(vector));
        return null;
    }

    @Override
    public Void halt() {
        stub(new Stub(Stub.Kind.HALT, insn.address()));
        return null;
    }
}
