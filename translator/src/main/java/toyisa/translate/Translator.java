package toyisa.translate;

import java.util.ArrayList;
import java.util.List;
import toyisa.intellio.Intellio;
import toyisa.intellio.IntellioOp;
import toyisa.intellio.IntellioVisitor;
import toyisa.isa.Instruction;
import toyisa.isa.Operand;
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
final class Translator implements IntellioVisitor<Void> {
    /** Host register of each guest register a, b, c, d, e, f, fp, sp. */
    static final int[] HOST = {1, 2, 3, 4, 5, 6, 13, 15};
    static final int T1 = 7, T2 = 8, K1 = 9, K2 = 10, FLAGS = 11, EIGHT = 12, BUDGET = 14, SP = 15, ZERO = 0;
    /** Entries of the inline cache of an indirect jump. */
    static final int CACHE_ENTRIES = 4;

    // Intellio condition codes.
    static final int CC_O = 0, CC_NO = 1, CC_B = 2, CC_AE = 3, CC_Z = 4, CC_NZ = 5, CC_BE = 6, CC_A = 7,
            CC_S = 8, CC_NS = 9, CC_L = 12, CC_GE = 13, CC_LE = 14, CC_G = 15;
    static final String NEVER = "", ALWAYS = "jmp";
    /** Host jump after {@code cmp x, y} for each guest condition of the flags of {@code x - y}. */
    static final String[] AFTER_CMP = {"jv", "jnv", "jb", "jae", "jz", "jnz", "jbe", "ja", "jn", "jnn", null, null, "jlt", "jge", "jle", "jgt"};
    /** Host jump after {@code tst p, q} for the flags of a logic result (guest C = O = 0). */
    static final String[] AFTER_TST = {NEVER, ALWAYS, NEVER, ALWAYS, "jz", "jnz", "jz", "jnz", "jn", "jnn", null, null, "jn", "jnn", "jle", "jgt"};

    private final GuestBlock block;
    private final int base;
    private final HostCode code = new HostCode();
    private final List<Stub> stubs = new ArrayList<>();
    private final int[] boundaries;
    private final int[] liveAfter;
    private final FlagLiveness liveness;
    private final boolean requiresCanon;
    /**
     * Guest words ({@code base << 16 | disp}) this block has already read through the same base
     * register value: a store to one of them cannot fault, so it needs no probe (swap in a sort).
     */
    private final java.util.Set<Integer> checkedWords = new java.util.HashSet<>();

    // Translation state while walking the block.
    private LazyFlags flags;
    /**
     * The guest flags as a stop inside the current guest instruction sees them: as they were before
     * it (with operands moved where copies moved them), since an instruction changes nothing a
     * report shows until it completes.
     */
    private LazyFlags siteFlags;
    /** The lazy record the host N Z C V now hold, and as what (one of the MODE_ constants). */
    private LazyFlags hostFlagsOf;
    private int hostMode;
    private static final int MODE_CMP = 1, MODE_TST = 2, MODE_RESULT = 3, MODE_CARRY = 4;
    private int index;
    private Instruction insn;
    /** The guest instruction (address, position) the host code now being emitted belongs to. */
    private int curPc, curIndex;

    private Translator(GuestBlock block, int base) {
        this.block = block;
        this.base = base;
        int n = block.size();
        boundaries = new int[n];
        liveness = FlagLiveness.of(block);
        liveAfter = liveness.liveAfter;
        requiresCanon = liveness.readsOnEntry;
    }

    /** Translates a block for the host address {@code base}. */
    static Translation translate(GuestBlock block, int base) {
        return new Translator(block, base).run();
    }

    /** Flags still read by host code after the current instruction, and not set by it. */
    private int liveThrough() {
        return liveness.through(index);
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
        emit("sub", reg(BUDGET), num(n));
        for (index = 0; index < n; index++) {
            insn = block.instructions.get(index);
            boundaries[index] = code.size();
            curPc = insn.address();
            curIndex = index;
            siteFlags = flags;
            Intellio.accept(insn, this);
            // Every guest instruction costs at least one host instruction: then a host run limited to
            // k instructions can never start the guest's (k+1)-th, which makes the budget exact.
            if (code.size() == boundaries[index] && !GuestBlock.endsBlock(insn)) emit("nop");
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

    // ------------------------------------------------------------------ emitting host code

    private static Operand reg(int r) {
        return Operand.reg(r);
    }

    private static Operand num(int v) {
        return Operand.num(v);
    }

    private static Operand mem(int base, int disp) {
        return Operand.mem(base, disp);
    }

    private LazyFlags entryFlags() {
        return requiresCanon ? LazyFlags.CANON_FLAGS : LazyFlags.UNKNOWN_FLAGS;
    }

    /** The site of the next host instruction: the current guest instruction, the flags as they are now. */
    private Site here() {
        return new Site(curPc, curIndex, siteFlags, null, 0, 0, false);
    }

    private void emit(String mnemonic, Operand... ops) {
        code.add(mnemonic, ops, here());
    }

    private void jump(String mnemonic, HostCode.Label target) {
        code.jump(mnemonic, target, here());
    }

    private void bind(HostCode.Label l) {
        code.bind(l);
    }

    /** A guest memory access: the host instruction at {@code hostOffset} bytes into the guest's address. */
    private void access(String mnemonic, int offset, int length, boolean write, Operand... ops) {
        code.add(mnemonic, ops, new Site(curPc, curIndex, siteFlags, null, offset, length, write));
    }

    private int stub(Stub s) {
        stubs.add(s);
        int at = code.size();
        code.add("halt", new Operand[0], here().withStub(s));
        return at;
    }

    /**
     * About to write host register {@code r}: if the lazy flags still need its old value, copy it to
     * r9 or r10 first; if nobody needs them any more, forget them.
     */
    private void write(int r) {
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
        emit("mov", reg(k), reg(r));
        boolean host = hostFlagsOf == flags;
        flags = flags.moved(r, k);
        if (host) hostFlagsOf = flags;
        if (same) siteFlags = flags;
    }

    private void setFlags(LazyFlags f) {
        flags = f;
    }

    /** Reads a guest word at {@code [base + disp]} into {@code dst} (written last). */
    private void loadWord(int dst, int baseReg, int disp, boolean reportAsWrite) {
        checkedWords.add(baseReg << 16 | (disp & 0xFFFF)); // both bytes are readable: a store there needs no probe
        write(T2);
        access("ldb", 1, 2, reportAsWrite, reg(T2), mem(baseReg, disp + 1));
        write(T1);
        access("ldb", 0, 2, reportAsWrite, reg(T1), mem(baseReg, disp));
        emit("shl", reg(T2), num(8));
        write(dst);
        emit("or", reg(dst), reg(T1), reg(T2));
    }

    /** Writes {@code value} as a guest word at {@code [base + disp]}; {@code probe}: check both bytes first. */
    private void storeWord(int value, int baseReg, int disp, boolean probe) {
        write(T2);
        if (probe && checkedWords.contains(baseReg << 16 | (disp & 0xFFFF))) probe = false;
        if (probe) access("ldb", 1, 2, true, reg(T2), mem(baseReg, disp + 1));
        access("stb", 0, 2, true, mem(baseReg, disp), reg(value));
        emit("shr", reg(T2), reg(value), reg(EIGHT));
        access("stb", 1, 2, true, mem(baseReg, disp + 1), reg(T2));
    }

    /** Pushes the constant {@code value} as a guest word (only r8 is used). */
    private void pushConstant(int value) {
        write(T2);
        access("ldb", 1, 2, true, reg(T2), mem(SP, -1));
        emit("mov", reg(T2), num(value & 0xFF));
        access("stb", 0, 2, true, mem(SP, -2), reg(T2));
        emit("mov", reg(T2), num(value >>> 8 & 0xFF));
        access("stb", 1, 2, true, mem(SP, -1), reg(T2));
        write(SP);
        emit("sub", reg(SP), num(2));
    }

    // ------------------------------------------------------------------ flags in host code

    /** Emits a jump to {@code target} taken when guest condition {@code cc} holds. */
    private void branch(int cc, HostCode.Label target) {
        if (!branchLazy(cc, target)) {
            materialize();
            branchCanon(cc, target);
        }
    }

    private void hostJump(String mnemonic, HostCode.Label target) {
        if (mnemonic.equals(NEVER)) return;
        jump(mnemonic, target);
    }

    private void setup(String mnemonic, Operand x, Operand y, int mode) {
        emit(mnemonic, x, y);
        hostFlagsOf = flags;
        hostMode = mode;
    }

    private static Operand ref(int r) {
        return LazyFlags.isImm(r) ? num(r & 0xFFFF) : reg(r);
    }

    /** The condition from the lazy record without computing r11; false if this kind cannot. */
    private boolean branchLazy(int cc, HostCode.Label target) {
        LazyFlags f = flags;
        boolean single = cc != CC_BE && cc != CC_A && cc != CC_L && cc != CC_GE && cc != CC_LE && cc != CC_G;
        boolean zs = cc == CC_Z || cc == CC_NZ || cc == CC_S || cc == CC_NS;
        switch (f.kind) {
            case CMP:
                if (!(hostFlagsOf == f && hostMode == MODE_CMP)) setup("cmp", reg(f.a), ref(f.b), MODE_CMP);
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
                if (!(hostFlagsOf == f && hostMode == MODE_TST)) setup("tst", reg(f.a), ref(f.b), MODE_TST);
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
        boolean carry = cc == CC_B || cc == CC_AE;
        boolean set = cc == CC_B || cc == CC_O; // jump when the flag is set
        switch (f.kind) {
            case ADD:
                if (!(hostFlagsOf == f && hostMode == MODE_CARRY)) setup("cmp", reg(f.a), ref(f.b), MODE_CARRY);
                // cmp r, y with r = x + y: host C = "r >= y" = no carry; host V = the add's overflow.
                hostJump(carry ? (set ? "jb" : "jae") : (set ? "jv" : "jnv"), target);
                return true;
            case NEG:
                if (carry) { // C = (x != 0) = (r != 0)
                    resultFlags(f.a);
                    hostJump(set ? "jnz" : "jz", target);
                } else { // O = (x == 8000h) = (r == 8000h)
                    setup("cmp", reg(f.a), num(0x8000), 0);
                    hostJump(set ? "jz" : "jnz", target);
                }
                return true;
            case INC:
            case DEC:
                if (carry) {
                    if (!f.canonValid) return false;
                    setup("tst", reg(FLAGS), num(LazyFlags.C), 0);
                    hostJump(set ? "jnz" : "jz", target);
                } else {
                    setup("cmp", reg(f.a), num(f.kind == Kind.INC ? 0x8000 : 0x7FFF), 0);
                    hostJump(set ? "jz" : "jnz", target);
                }
                return true;
            case SHIFT:
                if (!carry) {
                    if (!f.canonValid) return false;
                    setup("tst", reg(FLAGS), num(LazyFlags.O), 0);
                    hostJump(set ? "jnz" : "jz", target);
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
                setup("tst", reg(f.b), num(bit), 0);
                hostJump(set ? "jnz" : "jz", target);
                return true;
            default:
                return false;
        }
    }

    private void resultFlags(int r) {
        if (!(hostFlagsOf == flags && hostMode == MODE_RESULT)) setup("tst", reg(r), reg(r), MODE_RESULT);
    }

    private void resultBranch(int r, int cc, HostCode.Label target) {
        resultFlags(r);
        hostJump(AFTER_TST[cc], target);
    }

    /** A condition on r11 (bits Z=8 S=4 C=2 O=1). */
    private void branchCanon(int cc, HostCode.Label target) {
        int mask;
        boolean whenSet;
        switch (cc) {
            case CC_O: mask = LazyFlags.O; whenSet = true; break;
            case CC_NO: mask = LazyFlags.O; whenSet = false; break;
            case CC_B: mask = LazyFlags.C; whenSet = true; break;
            case CC_AE: mask = LazyFlags.C; whenSet = false; break;
            case CC_Z: mask = LazyFlags.Z; whenSet = true; break;
            case CC_NZ: mask = LazyFlags.Z; whenSet = false; break;
            case CC_BE: mask = LazyFlags.C | LazyFlags.Z; whenSet = true; break;
            case CC_A: mask = LazyFlags.C | LazyFlags.Z; whenSet = false; break;
            case CC_S: mask = LazyFlags.S; whenSet = true; break;
            case CC_NS: mask = LazyFlags.S; whenSet = false; break;
            default: {
                // S != O: bring S (bit 2) onto O (bit 0) and compare them with xor; Z stays at bit 3.
                write(T1);
                emit("mov", reg(T1), reg(FLAGS));
                emit("shr", reg(T1), num(2));
                emit("xor", reg(T1), reg(T1), reg(FLAGS));
                int m = cc == CC_L || cc == CC_GE ? 1 : 9;
                emit("tst", reg(T1), num(m));
                hostFlagsOf = null;
                hostJump(cc == CC_L || cc == CC_LE ? "jnz" : "jz", target);
                return;
            }
        }
        emit("tst", reg(FLAGS), num(mask));
        hostFlagsOf = null;
        hostJump(whenSet ? "jnz" : "jz", target);
    }

    /**
     * Computes the guest flags into r11 and makes them the current record. In host code where the
     * record allows it (a jump per flag); otherwise by a helper call to the dispatcher.
     */
    private void materialize() {
        LazyFlags f = flags;
        if (f.kind == Kind.CANON) return;
        if (f.kind == Kind.UNKNOWN) throw new IllegalStateException("guest flags needed where the translator does not know them");
        if (!canMaterializeInHost(f)) {
            stub(new Stub(Stub.Kind.FLAGS, curPc));
        } else {
            int defined = f.defined();
            if (defined == LazyFlags.ALL) emit("mov", reg(FLAGS), num(0));
            else emit("and", reg(FLAGS), num(LazyFlags.ALL & ~defined));
            if (f.kind == Kind.LOGIC) defined &= LazyFlags.Z | LazyFlags.S; // C and O are 0
            // A shift whose original value was not kept: its C is read by nobody (that is why it was not kept).
            if (f.kind == Kind.SHIFT && f.b == LazyFlags.NONE) defined &= ~LazyFlags.C;
            int[][] order = {{LazyFlags.Z, CC_NZ}, {LazyFlags.S, CC_NS}, {LazyFlags.C, CC_AE}, {LazyFlags.O, CC_NO}};
            for (int[] fl : order) {
                if ((defined & fl[0]) == 0) continue;
                HostCode.Label skip = new HostCode.Label();
                if (!branchLazy(fl[1], skip)) throw new IllegalStateException("cannot compute a flag of " + f);
                emit("or", reg(FLAGS), num(fl[0]));
                bind(skip);
            }
        }
        if (siteFlags == f) siteFlags = LazyFlags.CANON_FLAGS;
        flags = LazyFlags.CANON_FLAGS;
        hostFlagsOf = null;
    }

    private boolean canMaterializeInHost(LazyFlags f) {
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

    /** An exit to a known guest address: flag code (skipped when chained to a block that does not need it), then a halt. */
    private void exitStub(int target, HostCode.Label from) {
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
    private void indirectExit() {
        inLeavingCode();
        Stub s = new Stub(Stub.Kind.DISPATCH, 0);
        if (flags.kind != Kind.CANON) {
            // Targets that do not read the flags are tried first, before the flags are computed; the
            // cache ends in a jump to the flag code, which ends in the cache for the targets that read them.
            HostCode.Label flagCode = new HostCode.Label();
            s.fastIndex = code.size();
            jump("jmp", flagCode);
            for (int k = 0; k < 2 * CACHE_ENTRIES; k++) code.add("nop", new Operand[0], here().withStub(s));
            bind(flagCode);
            hostFlagsOf = null; // the cache's compares have changed the host flags
            materialize();
            siteFlags = flags;
        }
        s.cacheIndex = code.size();
        stub(s);
        // Room for the cache: each entry is "cmp r7, guest / jz host"; the halt moves down as it fills.
        for (int k = 0; k < 2 * CACHE_ENTRIES; k++) code.add("nop", new Operand[0], here().withStub(s));
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
                emit("mov", reg(dst), ref(src));
                return;
            case ADD: {
                int y = src;
                if (!LazyFlags.isImm(src) && src == dst) { // add x, x: keep x if the flags are read, else forget it
                    y = LazyFlags.NONE;
                    if (liveAfter[index] != 0) {
                        write(K1);
                        emit("mov", reg(K1), reg(src));
                        y = K1;
                    }
                }
                write(dst);
                arith("add", dst, src);
                setFlags(LazyFlags.of(Kind.ADD, dst, y));
                return;
            }
            case SUB: {
                if (!LazyFlags.isImm(src) && src == dst) { // x - x: always Z, never S, C or O
                    write(dst);
                    emit("sub", reg(dst), reg(dst), reg(dst));
                    setFlags(LazyFlags.of(Kind.LOGIC, ZERO, ZERO));
                    return;
                }
                boolean pre = (liveAfter[index] & (LazyFlags.C | LazyFlags.O)) != 0;
                LazyFlags next = LazyFlags.of(Kind.SUB, dst, src);
                if (pre) {
                    emit("cmp", reg(dst), ref(src));
                }
                write(dst);
                arith("sub", dst, src);
                setFlags(next);
                if (pre) {
                    hostFlagsOf = next;
                    hostMode = MODE_CMP;
                }
                return;
            }
            case AND: case OR: case XOR:
                write(dst);
                arith(op.name().toLowerCase(java.util.Locale.ROOT), dst, src);
                setFlags(LazyFlags.of(Kind.LOGIC, dst, dst));
                return;
            case CMP: case TEST: {
                LazyFlags next = LazyFlags.of(op == IntellioOp.CMP ? Kind.CMP : Kind.LOGIC, dst, src);
                // Set the host flags here, where the guest sets its own, if the host code reads them.
                if (liveAfter[index] != 0) emit(op == IntellioOp.CMP ? "cmp" : "tst", reg(dst), ref(src));
                setFlags(next);
                if (liveAfter[index] != 0) {
                    hostFlagsOf = next;
                    hostMode = op == IntellioOp.CMP ? MODE_CMP : MODE_TST;
                }
                return;
            }
            case MUL:
                write(dst);
                arith("mul", dst, src);
                return;
            case DIVU: case MODU: {
                int divisor = src;
                if (LazyFlags.isImm(src)) { // only memory and register forms exist; keep it general
                    write(T2);
                    emit("mov", reg(T2), num(src & 0xFFFF));
                    divisor = T2;
                }
                write(dst);
                emit(op == IntellioOp.DIVU ? "divu" : "remu", reg(dst), reg(dst), reg(divisor));
                return;
            }
            case SHL: case SHR: case SAR:
                shift(op, dst, src);
                return;
            default:
                throw new IllegalStateException("not a two-operand operation: " + op);
        }
    }

    private void arith(String mnemonic, int dst, int src) {
        if (LazyFlags.isImm(src)) emit(mnemonic, reg(dst), num(src & 0xFFFF));
        else emit(mnemonic, reg(dst), reg(dst), reg(src));
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
            emit("mov", reg(k), reg(dst));
            original = k;
            if (!LazyFlags.isImm(count) && count == dst) countRef = k;
        } else if (!LazyFlags.isImm(count) && count == dst) {
            countRef = LazyFlags.NONE;
        }
        write(dst);
        String mn = kind == 0 ? "shl" : kind == 1 ? "shr" : "sar";
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
            access("ldb", 0, 1, false, reg(d), mem(base, disp));
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
            access("stb", 0, 1, true, mem(base, disp), reg(s));
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
            if (store) access("stb", 0, 1, true, mem(ZERO, addr), reg(x));
            else {
                write(x);
                access("ldb", 0, 1, false, reg(x), mem(ZERO, addr));
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
                emit("not", reg(x), reg(x));
                break;
            case NEG:
                write(x);
                emit("neg", reg(x), reg(x));
                setFlags(LazyFlags.of(Kind.NEG, x, LazyFlags.NONE));
                break;
            default: { // INC, DEC: C survives, from r11
                if ((liveAfter[index] & LazyFlags.C) != 0 && !keepsInFlagsRegister(LazyFlags.C)) materialize();
                boolean canon = keepsInFlagsRegister(LazyFlags.C);
                write(x);
                emit(op == IntellioOp.INC ? "add" : "sub", reg(x), num(1));
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
        access("ldb", 1, 2, true, reg(T2), mem(SP, -1));
        access("stb", 0, 2, true, mem(SP, -2), reg(v));
        emit("shr", reg(T2), reg(v), reg(EIGHT));
        access("stb", 1, 2, true, mem(SP, -1), reg(T2));
        write(SP);
        emit("sub", reg(SP), num(2));
        return null;
    }

    @Override
    public Void pop(int r) {
        popInto(h(r));
        return null;
    }

    private void popInto(int d) {
        write(T2);
        access("ldb", 1, 2, false, reg(T2), mem(SP, 1));
        write(T1);
        access("ldb", 0, 2, false, reg(T1), mem(SP, 0));
        emit("shl", reg(T2), num(8));
        write(SP);
        emit("add", reg(SP), num(2));
        write(d);
        emit("or", reg(d), reg(T1), reg(T2));
    }

    @Override
    public Void xchg(int r) {
        int x = h(r), a = h(0);
        write(T1);
        emit("mov", reg(T1), reg(a));
        write(a);
        emit("mov", reg(a), reg(x));
        write(x);
        emit("mov", reg(x), reg(T1));
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
        emit("mov", reg(T1), reg(h(r)));
        indirectExit();
        return null;
    }

    @Override
    public Void callReg(int r) {
        write(T1);
        emit("mov", reg(T1), reg(h(r)));
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
        emit("int", num(vector));
        return null;
    }

    @Override
    public Void halt() {
        stub(new Stub(Stub.Kind.HALT, insn.address()));
        return null;
    }
}
