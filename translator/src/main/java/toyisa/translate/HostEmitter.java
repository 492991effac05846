package toyisa.translate;

import static toyisa.armistice.ArmisticeOp.*;

import java.util.ArrayList;
import java.util.List;
import toyisa.armistice.ArmisticeOp;
import toyisa.isa.Operand;
import toyisa.translate.LazyFlags.Kind;

/**
 * The host side of a block's translation: Armistice code written with the guest's flags kept lazily
 * (see {@link LazyFlags}), the host jumps that test them, and the exits that leave the block. The
 * {@link Translator} walks the guest instructions and says what each does through these.
 */
abstract class HostEmitter {
    /** Host register of each guest register a, b, c, d, e, f, fp, sp. */
    static final int[] HOST = {1, 2, 3, 4, 5, 6, 13, 15};
    static final int T1 = 7, T2 = 8, K1 = 9, K2 = 10, FLAGS = 11, EIGHT = 12, BUDGET = 14, SP = 15, ZERO = 0;
    /** Entries of the inline cache of an indirect jump. */
    static final int CACHE_ENTRIES = 4;

    /** A host "jump" that is never taken: nothing is emitted. */
    static final ArmisticeOp NEVER = ArmisticeOp.NOP, ALWAYS = ArmisticeOp.JMP;
    /** Host jump after {@code cmp x, y} for each guest condition of the flags of {@code x - y}. */
    static final ArmisticeOp[] AFTER_CMP = {JV, JNV, JB, JAE, JZ, JNZ, JBE, JA, JN, JNN, null, null, JLT, JGE, JLE, JGT};
    /** Host jump after {@code tst p, q} for the flags of a logic result (guest C = O = 0). */
    static final ArmisticeOp[] AFTER_TST = {NEVER, ALWAYS, NEVER, ALWAYS, JZ, JNZ, JZ, JNZ, JN, JNN, null, null, JN, JNN, JLE, JGT};

    final GuestBlock block;
    final int base;
    final HostCode code = new HostCode();
    final List<Stub> stubs = new ArrayList<>();
    final int[] liveAfter;
    final FlagLiveness liveness;
    final boolean requiresCanon;
    /**
     * Guest words ({@code base << 16 | disp}) this block has already read through the same base
     * register value: a store to one of them cannot fault, so it needs no probe (swap in a sort).
     */
    final java.util.Set<Integer> checkedWords = new java.util.HashSet<>();

    // Translation state while walking the block.
    LazyFlags flags;
    /**
     * The guest flags as a stop inside the current guest instruction sees them: as they were before
     * it (with operands moved where copies moved them), since an instruction changes nothing a
     * report shows until it completes.
     */
    LazyFlags siteFlags;
    /** The lazy record the host N Z C V now hold, and as what (one of the MODE_ constants). */
    LazyFlags hostFlagsOf;
    int hostMode;
    static final int MODE_CMP = 1, MODE_TST = 2, MODE_RESULT = 3, MODE_CARRY = 4;
    int index;
    /** The guest instruction (address, position) the host code now being emitted belongs to. */
    int curPc, curIndex;

    /** Flags still read by host code after the current instruction, and not set by it. */
    int liveThrough() {
        return liveness.through(index);
    }

    HostEmitter(GuestBlock block, int base) {
        this.block = block;
        this.base = base;
        liveness = FlagLiveness.of(block);
        liveAfter = liveness.liveAfter;
        requiresCanon = liveness.readsOnEntry;
    }

    // ------------------------------------------------------------------ emitting host code

    static Operand reg(int r) {
        return Operand.reg(r);
    }

    static Operand num(int v) {
        return Operand.num(v);
    }

    static Operand mem(int base, int disp) {
        return Operand.mem(base, disp);
    }

    LazyFlags entryFlags() {
        return requiresCanon ? LazyFlags.CANON_FLAGS : LazyFlags.UNKNOWN_FLAGS;
    }

    /** The site of the next host instruction: the current guest instruction, the flags as they are now. */
    Site here() {
        return new Site(curPc, curIndex, siteFlags, null, 0, 0, false);
    }

    void emit(ArmisticeOp op, Operand... ops) {
        code.add(op, ops, here());
    }

    void jump(ArmisticeOp op, HostCode.Label target) {
        code.jump(op, target, here());
    }

    void bind(HostCode.Label l) {
        code.bind(l);
    }

    /** A guest memory access: the host instruction at {@code hostOffset} bytes into the guest's address. */
    void access(ArmisticeOp op, int offset, int length, boolean write, Operand... ops) {
        code.add(op, ops, new Site(curPc, curIndex, siteFlags, null, offset, length, write));
    }

    int stub(Stub s) {
        stubs.add(s);
        int at = code.size();
        code.add(HALT, here().withStub(s));
        return at;
    }

    /**
     * About to write host register {@code r}: if the lazy flags still need its old value, copy it to
     * r9 or r10 first; if nobody needs them any more, forget them.
     */
    void write(int r) {
        if (!checkedWords.isEmpty()) checkedWords.removeIf(w -> w >>> 16 == r); // that base register changes
        if (siteFlags != flags && siteFlags.uses(r) && siteFlags.kind != Kind.CANON) {
            siteFlags = LazyFlags.UNKNOWN_FLAGS; // a report from here on recovers the flags by replay
        }
        if (!flags.uses(r)) return;
        if (flags.kind == Kind.CANON) return; // r11 is only written by flag code
        boolean same = siteFlags == flags;
        if (liveThrough() == 0) {
            flags = LazyFlags.UNKNOWN_FLAGS;
            if (same) siteFlags = flags;
            return;
        }
        int k = !flags.uses(K1) ? K1 : !flags.uses(K2) ? K2 : -1;
        if (k < 0 || r == K1 || r == K2) {
            materialize();
            return;
        }
        emit(MOV, reg(k), reg(r));
        boolean host = hostFlagsOf == flags;
        flags = flags.moved(r, k);
        if (host) hostFlagsOf = flags;
        if (same) siteFlags = flags;
    }

    void setFlags(LazyFlags f) {
        flags = f;
    }

    /** Reads a guest word at {@code [base + disp]} into {@code dst} (written last). */
    void loadWord(int dst, int baseReg, int disp, boolean reportAsWrite) {
        checkedWords.add(baseReg << 16 | (disp & 0xFFFF)); // both bytes are readable: a store there needs no probe
        write(T2);
        access(LDB, 1, 2, reportAsWrite, reg(T2), mem(baseReg, disp + 1));
        write(T1);
        access(LDB, 0, 2, reportAsWrite, reg(T1), mem(baseReg, disp));
        emit(SHL, reg(T2), num(8));
        write(dst);
        emit(OR, reg(dst), reg(T1), reg(T2));
    }

    /** Writes {@code value} as a guest word at {@code [base + disp]}; {@code probe}: check both bytes first. */
    void storeWord(int value, int baseReg, int disp, boolean probe) {
        write(T2);
        if (probe && checkedWords.contains(baseReg << 16 | (disp & 0xFFFF))) probe = false;
        if (probe) access(LDB, 1, 2, true, reg(T2), mem(baseReg, disp + 1));
        access(STB, 0, 2, true, mem(baseReg, disp), reg(value));
        emit(SHR, reg(T2), reg(value), reg(EIGHT));
        access(STB, 1, 2, true, mem(baseReg, disp + 1), reg(T2));
    }

    /** Pushes the constant {@code value} as a guest word (only r8 is used). */
    void pushConstant(int value) {
        write(T2);
        access(LDB, 1, 2, true, reg(T2), mem(SP, -1));
        emit(MOV, reg(T2), num(value & 0xFF));
        access(STB, 0, 2, true, mem(SP, -2), reg(T2));
        emit(MOV, reg(T2), num(value >>> 8 & 0xFF));
        access(STB, 1, 2, true, mem(SP, -1), reg(T2));
        write(SP);
        emit(SUB, reg(SP), num(2));
    }

    // ------------------------------------------------------------------ flags in host code

    /** Emits a jump to {@code target} taken when guest condition {@code cc} holds. */
    void branch(int cc, HostCode.Label target) {
        if (!branchLazy(cc, target)) {
            materialize();
            branchCanon(cc, target);
        }
    }

    void hostJump(ArmisticeOp op, HostCode.Label target) {
        if (op == NEVER) return;
        jump(op, target);
    }

    void setup(ArmisticeOp op, Operand x, Operand y, int mode) {
        emit(op, x, y);
        hostFlagsOf = flags;
        hostMode = mode;
    }

    static Operand ref(int r) {
        return LazyFlags.isImm(r) ? num(r & 0xFFFF) : reg(r);
    }

    /** The condition from the lazy record without computing r11; false if this kind cannot. */
    boolean branchLazy(int cc, HostCode.Label target) {
        LazyFlags f = flags;
        int reads = GuestConditions.reads(cc);
        boolean single = GuestConditions.single(cc);
        boolean zs = single && (reads == LazyFlags.Z || reads == LazyFlags.S);
        switch (f.kind) {
            case CMP:
                if (!(hostFlagsOf == f && hostMode == MODE_CMP)) setup(CMP, reg(f.a), ref(f.b), MODE_CMP);
                hostJump(AFTER_CMP[cc], target);
                return true;
            case SUB:
                if (hostFlagsOf == f && hostMode == MODE_CMP) {
                    hostJump(AFTER_CMP[cc], target);
                    return true;
                }
                if (!zs) return false;
                resultBranch(f.a, cc, target);
                return true;
            case LOGIC:
                if (!(hostFlagsOf == f && hostMode == MODE_TST)) setup(TST, reg(f.a), ref(f.b), MODE_TST);
                hostJump(AFTER_TST[cc], target);
                return true;
            case CANON:
                branchCanon(cc, target);
                return true;
            case UNKNOWN:
                throw new IllegalStateException("guest flags read where the translator does not know them");
            default:
                break;
        }
        if (!single) return false;
        if (zs) {
            resultBranch(f.a, cc, target);
            return true;
        }
        boolean carry = reads == LazyFlags.C; // else O
        boolean set = GuestConditions.whenSet(cc); // jump when the flag is set
        switch (f.kind) {
            case ADD:
                if (!(hostFlagsOf == f && hostMode == MODE_CARRY)) setup(CMP, reg(f.a), ref(f.b), MODE_CARRY);
                // cmp r, y with r = x + y: host C = "r >= y" = no carry; host V = the add's overflow.
                hostJump(carry ? (set ? JB : JAE) : (set ? JV : JNV), target);
                return true;
            case NEG:
                if (carry) { // C = (x != 0) = (r != 0)
                    resultFlags(f.a);
                    hostJump(set ? JNZ : JZ, target);
                } else { // O = (x == 8000h) = (r == 8000h)
                    setup(CMP, reg(f.a), num(0x8000), 0);
                    hostJump(set ? JZ : JNZ, target);
                }
                return true;
            case INC:
            case DEC:
                if (carry) {
                    if (!f.canonValid) return false;
                    setup(TST, reg(FLAGS), num(LazyFlags.C), 0);
                    hostJump(set ? JNZ : JZ, target);
                } else {
                    setup(CMP, reg(f.a), num(f.kind == Kind.INC ? 0x8000 : 0x7FFF), 0);
                    hostJump(set ? JZ : JNZ, target);
                }
                return true;
            case SHIFT:
                if (!carry) {
                    if (!f.canonValid) return false;
                    setup(TST, reg(FLAGS), num(LazyFlags.O), 0);
                    hostJump(set ? JNZ : JZ, target);
                    return true;
                }
                if (!LazyFlags.isImm(f.c)) return false;
                int n = f.c & 15;
                if (n == 0) { // a shift by 0 clears C
                    hostJump(set ? NEVER : ALWAYS, target);
                    return true;
                }
                if (f.b == LazyFlags.NONE) return false;
                int bit = f.shift == 0 ? 1 << (16 - n) : 1 << (n - 1);
                setup(TST, reg(f.b), num(bit), 0);
                hostJump(set ? JNZ : JZ, target);
                return true;
            default:
                return false;
        }
    }

    void resultFlags(int r) {
        if (!(hostFlagsOf == flags && hostMode == MODE_RESULT)) setup(TST, reg(r), reg(r), MODE_RESULT);
    }

    void resultBranch(int r, int cc, HostCode.Label target) {
        resultFlags(r);
        hostJump(AFTER_TST[cc], target);
    }

    /** A condition on r11 (bits Z=8 S=4 C=2 O=1), tested as {@link GuestConditions#canon} says. */
    void branchCanon(int cc, HostCode.Label target) {
        GuestConditions.CanonTest test = GuestConditions.canon(cc);
        int tested = FLAGS;
        if (test.xored()) { // t = r11 ^ (r11 >> 2): S != O at bit 0, Z still at bit 3
            write(T1);
            emit(MOV, reg(T1), reg(FLAGS));
            emit(SHR, reg(T1), num(2));
            emit(XOR, reg(T1), reg(T1), reg(FLAGS));
            tested = T1;
        }
        emit(TST, reg(tested), num(test.mask()));
        hostFlagsOf = null;
        hostJump(test.whenNonZero() ? JNZ : JZ, target);
    }

    /**
     * Computes the guest flags into r11 and makes them the current record. In host code where the
     * record allows it (a jump per flag); otherwise by a helper call to the dispatcher.
     */
    void materialize() {
        LazyFlags f = flags;
        if (f.kind == Kind.CANON) return;
        if (f.kind == Kind.UNKNOWN) throw new IllegalStateException("guest flags needed where the translator does not know them");
        if (!canMaterializeInHost(f)) {
            stub(new Stub(Stub.Kind.FLAGS, curPc));
        } else {
            int defined = f.defined();
            if (defined == LazyFlags.ALL) emit(MOV, reg(FLAGS), num(0));
            else emit(AND, reg(FLAGS), num(LazyFlags.ALL & ~defined));
            if (f.kind == Kind.LOGIC) defined &= LazyFlags.Z | LazyFlags.S; // C and O are 0
            // A shift whose original value was not kept: its C is read by nobody (that is why it was not kept).
            if (f.kind == Kind.SHIFT && f.b == LazyFlags.NONE) defined &= ~LazyFlags.C;
            for (int flag : new int[] {LazyFlags.Z, LazyFlags.S, LazyFlags.C, LazyFlags.O}) {
                if ((defined & flag) == 0) continue;
                HostCode.Label skip = new HostCode.Label();
                if (!branchLazy(GuestConditions.whenClear(flag), skip)) throw new IllegalStateException("cannot compute a flag of " + f);
                emit(OR, reg(FLAGS), num(flag));
                bind(skip);
            }
        }
        if (siteFlags == f) siteFlags = LazyFlags.CANON_FLAGS;
        flags = LazyFlags.CANON_FLAGS;
        hostFlagsOf = null;
    }

    boolean canMaterializeInHost(LazyFlags f) {
        switch (f.kind) {
            case SUB: return hostFlagsOf == f && hostMode == MODE_CMP;
            case SHIFT: return LazyFlags.isImm(f.c) || f.b == LazyFlags.NONE;
            default: return true;
        }
    }

    // ------------------------------------------------------------------ leaving the block

    /**
     * The code that leaves the block belongs to its last instruction when that is a jump, call or
     * ret: stopped in it, the guest has not done that instruction yet (and has done nothing of it a
     * report would show). After a block cut at its length limit it belongs to nobody: all is done.
     */
    void inLeavingCode() {
        siteFlags = flags;
        if (block.end == GuestBlock.End.CONTROL) {
            curIndex = block.size() - 1;
            curPc = block.instructions.get(curIndex).address();
        } else {
            curIndex = block.size();
            curPc = block.next;
        }
    }

    /** An exit to a known guest address: flag code (skipped when chained to a block that does not need it), then a halt. */
    void exitStub(int target, HostCode.Label from) {
        inLeavingCode();
        Stub s = new Stub(Stub.Kind.EXIT, target);
        s.startIndex = code.size();
        if (from != null) {
            bind(from);
            s.jumps.addAll(from.users);
        }
        materialize();
        s.haltIndex = stub(s);
    }

    /** An exit to the guest address in r7: an inline cache of up to four targets, then the dispatcher. */
    void indirectExit() {
        inLeavingCode();
        Stub s = new Stub(Stub.Kind.DISPATCH, 0);
        if (flags.kind != Kind.CANON) {
            // Targets that do not read the flags are tried first, before the flags are computed; the
            // cache ends in a jump to the flag code, which ends in the cache for the targets that read them.
            HostCode.Label flagCode = new HostCode.Label();
            s.fastIndex = code.size();
            jump(JMP, flagCode);
            for (int k = 0; k < 2 * CACHE_ENTRIES; k++) code.add(NOP, here().withStub(s));
            bind(flagCode);
            hostFlagsOf = null; // the cache's compares have changed the host flags
            materialize();
            siteFlags = flags;
        }
        s.cacheIndex = code.size();
        stub(s);
        // Room for the cache: each entry is "cmp r7, guest / jz host"; the halt moves down as it fills.
        for (int k = 0; k < 2 * CACHE_ENTRIES; k++) code.add(NOP, here().withStub(s));
    }
}
