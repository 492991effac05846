package toyisa.vm;

import toyisa.intellio.Intellio;
import toyisa.intellio.IntellioOp;
import toyisa.intellio.IntellioVisitor;
import toyisa.isa.Instruction;

/**
 * The Intellio interpreter: variable-length instructions (1–4 bytes), little-endian words that may be
 * unaligned, eight registers, flags Z S C O set by every arithmetic and logic instruction, no ports.
 *
 * <p>Pre-decoded operands: {@code x} the register written (or the value stored), {@code y} a source
 * or base register, {@code z} a constant, displacement or absolute target; the aux byte of the kind
 * word carries the ALU operation or the condition code. Absolute addressing ({@code mov a, [1234h]})
 * becomes base-plus-displacement with base slot 8, which always holds 0.
 */
final class IntellioMachine extends Machine {
    private static final int SP = 7;
    /** A register slot that is always zero: the base of absolute addresses. */
    private static final int ZERO = 8;

    static final int MOV_RR = FIRST_CPU_KIND, MOV_RI = MOV_RR + 1, LD16 = MOV_RR + 2, LD8 = MOV_RR + 3,
            ST16 = MOV_RR + 4, ST8 = MOV_RR + 5, ALU_RR = MOV_RR + 6, ALU_RI = MOV_RR + 7, ALU_RM = MOV_RR + 8,
            ALU_MR = MOV_RR + 9, NOT = MOV_RR + 10, NEG = MOV_RR + 11, INC = MOV_RR + 12, DEC = MOV_RR + 13,
            PUSH = MOV_RR + 14, POP = MOV_RR + 15, XCHG = MOV_RR + 16, NOP = MOV_RR + 17, JCC = MOV_RR + 18,
            JMP = MOV_RR + 19, CALL = MOV_RR + 20, JMP_R = MOV_RR + 21, CALL_R = MOV_RR + 22, RET = MOV_RR + 23,
            INT = MOV_RR + 24, HLT = MOV_RR + 25;

    // ALU operations (aux byte of ALU_* kinds).
    static final int A_ADD = 0, A_SUB = 1, A_AND = 2, A_OR = 3, A_XOR = 4, A_CMP = 5, A_TEST = 6, A_MUL = 7,
            A_DIVU = 8, A_MODU = 9, A_SHL = 10, A_SHR = 11, A_SAR = 12;
    /** {@link #alu} result: flags only, nothing to write back. */
    private static final int NO_RESULT = -1;
    /** {@link #alu} result: division by zero. */
    private static final int DIV_ZERO = -2;

    private int fz, fs, fc, fo;

    IntellioMachine() {
        super(Intellio.ISA, 9, 8);
    }

    @Override
    Machine blank() {
        return new IntellioMachine();
    }

    @Override
    public int flags() {
        return fz << 3 | fs << 2 | fc << 1 | fo;
    }

    @Override
    public void setFlags(int flags) {
        fz = flags >> 3 & 1;
        fs = flags >> 2 & 1;
        fc = flags >> 1 & 1;
        fo = flags & 1;
    }

    @Override
    public String flagNames() {
        return "ZSCO";
    }

    // ------------------------------------------------------------------ the fast loop

    @Override
    void execute(long limit) {
        final byte[] m = mem;
        final int[] r = regs;
        final int[] code = this.code;
        final byte[] cb = codeByte;
        int pc = this.pc;
        long steps = this.steps;
        loop:
        while (steps < limit) {
            final int slot = pc << 2;
            int w = code[slot];
            if (w == K_UNDECODED) w = decode(pc);
            int next = (pc + (w >>> 8 & 0xF)) & 0xFFFF;
            final int x = code[slot + 1], y = code[slot + 2], z = code[slot + 3];
            switch (w & 0xFF) {
                case MOV_RR:
                    r[x] = r[y];
                    break;
                case MOV_RI:
                    r[x] = z;
                    break;
                case LD16: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END || a == 0xFFFF) { segv(pc, a, 2, false); break loop; }
                    r[x] = (m[a] & 0xFF) | (m[a + 1] & 0xFF) << 8;
                    break;
                }
                case LD8: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END) { segv(pc, a, 1, false); break loop; }
                    r[x] = m[a] & 0xFF;
                    break;
                }
                case ST16: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END || a == 0xFFFF) { segv(pc, a, 2, true); break loop; }
                    int v = r[x];
                    m[a] = (byte) v;
                    m[a + 1] = (byte) (v >>> 8);
                    if ((cb[a] | cb[a + 1]) != 0) invalidate(a, 2);
                    break;
                }
                case ST8: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END) { segv(pc, a, 1, true); break loop; }
                    m[a] = (byte) r[x];
                    if (cb[a] != 0) invalidate(a, 1);
                    break;
                }
                case ALU_RR: {
                    int v = alu(w >>> 16, r[x], r[y]);
                    if (v >= 0) r[x] = v;
                    else if (v == DIV_ZERO) { divideByZero(pc); break loop; }
                    break;
                }
                case ALU_RI: {
                    int v = alu(w >>> 16, r[x], z);
                    if (v >= 0) r[x] = v;
                    break;
                }
                case ALU_RM: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END || a == 0xFFFF) { segv(pc, a, 2, false); break loop; }
                    int v = alu(w >>> 16, r[x], (m[a] & 0xFF) | (m[a + 1] & 0xFF) << 8);
                    if (v >= 0) r[x] = v;
                    else if (v == DIV_ZERO) { divideByZero(pc); break loop; }
                    break;
                }
                case ALU_MR: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END || a == 0xFFFF) { segv(pc, a, 2, true); break loop; }
                    int v = alu(w >>> 16, (m[a] & 0xFF) | (m[a + 1] & 0xFF) << 8, r[x]);
                    if (v >= 0) {
                        m[a] = (byte) v;
                        m[a + 1] = (byte) (v >>> 8);
                        if ((cb[a] | cb[a + 1]) != 0) invalidate(a, 2);
                    } else if (v == DIV_ZERO) { divideByZero(pc); break loop; }
                    break;
                }
                case NOT:
                    r[x] = ~r[x] & 0xFFFF;
                    break;
                case NEG: {
                    int v = r[x];
                    int d = -v & 0xFFFF;
                    fz = d == 0 ? 1 : 0;
                    fs = d >>> 15;
                    fc = v != 0 ? 1 : 0;
                    fo = v == 0x8000 ? 1 : 0;
                    r[x] = d;
                    break;
                }
                case INC: {
                    int v = r[x];
                    int d = (v + 1) & 0xFFFF;
                    fz = d == 0 ? 1 : 0;
                    fs = d >>> 15;
                    fo = v == 0x7FFF ? 1 : 0; // carry is left alone, as on x86
                    r[x] = d;
                    break;
                }
                case DEC: {
                    int v = r[x];
                    int d = (v - 1) & 0xFFFF;
                    fz = d == 0 ? 1 : 0;
                    fs = d >>> 15;
                    fo = v == 0x8000 ? 1 : 0;
                    r[x] = d;
                    break;
                }
                case PUSH: {
                    int v = r[x];
                    int a = (r[SP] - 2) & 0xFFFF;
                    if (a < NULL_PAGE_END || a == 0xFFFF) { segv(pc, a, 2, true); break loop; }
                    m[a] = (byte) v;
                    m[a + 1] = (byte) (v >>> 8);
                    if ((cb[a] | cb[a + 1]) != 0) invalidate(a, 2);
                    r[SP] = a;
                    break;
                }
                case POP: {
                    int a = r[SP];
                    if (a < NULL_PAGE_END || a == 0xFFFF) { segv(pc, a, 2, false); break loop; }
                    int v = (m[a] & 0xFF) | (m[a + 1] & 0xFF) << 8;
                    r[SP] = (a + 2) & 0xFFFF;
                    r[x] = v;
                    break;
                }
                case XCHG: {
                    int t = r[0];
                    r[0] = r[y];
                    r[y] = t;
                    break;
                }
                case NOP:
                    break;
                case JCC:
                    if (condition(w >>> 16)) next = z;
                    break;
                case JMP:
                    next = z;
                    break;
                case JMP_R:
                    next = r[y];
                    break;
                case CALL:
                case CALL_R: {
                    int target = (w & 0xFF) == CALL ? z : r[y];
                    int a = (r[SP] - 2) & 0xFFFF;
                    if (a < NULL_PAGE_END || a == 0xFFFF) { segv(pc, a, 2, true); break loop; }
                    m[a] = (byte) next;
                    m[a + 1] = (byte) (next >>> 8);
                    if ((cb[a] | cb[a + 1]) != 0) invalidate(a, 2);
                    r[SP] = a;
                    next = target;
                    break;
                }
                case RET: {
                    int a = r[SP];
                    if (a < NULL_PAGE_END || a == 0xFFFF) { segv(pc, a, 2, false); break loop; }
                    next = (m[a] & 0xFF) | (m[a + 1] & 0xFF) << 8;
                    r[SP] = (a + 2) & 0xFFFF;
                    break;
                }
                case INT:
                    if (!interrupt(z, pc, next)) {
                        if (outcome != Outcome.FAULT) { pc = next; steps++; }
                        break loop;
                    }
                    break;
                case HLT:
                    stopHalt();
                    pc = next;
                    steps++;
                    break loop;
                case K_FETCH_SEGV:
                    fetchSegv(pc);
                    break loop;
                default: // K_ILLEGAL
                    illegal(pc);
                    break loop;
            }
            pc = next;
            steps++;
        }
        this.pc = pc;
        this.steps = steps;
    }

    /**
     * One two-operand ALU operation with x86-style flags. Returns the result, {@link #NO_RESULT} for
     * cmp/test, or {@link #DIV_ZERO} (leaving everything unchanged).
     */
    private int alu(int op, int a, int b) {
        int d;
        switch (op) {
            case A_ADD:
                d = a + b;
                fc = d >>> 16 & 1;
                d &= 0xFFFF;
                fo = ((a ^ d) & (b ^ d) & 0x8000) >>> 15;
                break;
            case A_SUB:
            case A_CMP:
                d = (a - b) & 0xFFFF;
                fc = a < b ? 1 : 0; // Intellio's carry is the borrow, x86 style
                fo = ((a ^ b) & (a ^ d) & 0x8000) >>> 15;
                if (op == A_CMP) {
                    zs(d);
                    return NO_RESULT;
                }
                break;
            case A_AND:
            case A_TEST:
                d = a & b;
                fc = 0;
                fo = 0;
                if (op == A_TEST) {
                    zs(d);
                    return NO_RESULT;
                }
                break;
            case A_OR:
                d = a | b;
                fc = 0;
                fo = 0;
                break;
            case A_XOR:
                d = a ^ b;
                fc = 0;
                fo = 0;
                break;
            case A_MUL:
                return (a * b) & 0xFFFF;
            case A_DIVU:
                return b == 0 ? DIV_ZERO : a / b;
            case A_MODU:
                return b == 0 ? DIV_ZERO : a % b;
            case A_SHL: {
                int n = b & 15;
                d = (a << n) & 0xFFFF;
                fc = n == 0 ? 0 : a >>> (16 - n) & 1;
                break;
            }
            case A_SHR: {
                int n = b & 15;
                d = a >>> n;
                fc = n == 0 ? 0 : a >>> (n - 1) & 1;
                break;
            }
            default: { // A_SAR
                int n = b & 15;
                int s = (short) a;
                d = (s >> n) & 0xFFFF;
                fc = n == 0 ? 0 : s >> (n - 1) & 1;
                break;
            }
        }
        zs(d);
        return d;
    }

    private void zs(int d) {
        fz = d == 0 ? 1 : 0;
        fs = d >>> 15;
    }

    /** The x86 condition codes: 0 o, 1 no, 2 b, 3 ae, 4 z, 5 nz, 6 be, 7 a, 8 s, 9 ns, C l, D ge, E le, F g. */
    private boolean condition(int cc) {
        switch (cc) {
            case 0x0: return fo != 0;
            case 0x1: return fo == 0;
            case 0x2: return fc != 0;
            case 0x3: return fc == 0;
            case 0x4: return fz != 0;
            case 0x5: return fz == 0;
            case 0x6: return fc != 0 || fz != 0;
            case 0x7: return fc == 0 && fz == 0;
            case 0x8: return fs != 0;
            case 0x9: return fs == 0;
            case 0xC: return fs != fo;
            case 0xD: return fs == fo;
            case 0xE: return fz != 0 || fs != fo;
            default: return fz == 0 && fs == fo; // 0xF
        }
    }

    @Override
    int writeFootprint(int at) {
        int slot = at << 2;
        int y = code[slot + 2], z = code[slot + 3];
        switch (code[slot] & 0xFF) {
            case ST16: case ALU_MR: return (regs[y] + z) & 0xFFFF | 2 << 16;
            case ST8: return (regs[y] + z) & 0xFFFF | 1 << 16;
            case PUSH: case CALL: case CALL_R: return (regs[SP] - 2) & 0xFFFF | 2 << 16;
            default: return -1;
        }
    }

    // ------------------------------------------------------------------ pre-decoding

    private final Filler filler = new Filler();

    @Override
    void fill(Instruction insn, int slot) {
        filler.slot = slot;
        filler.length = insn.length();
        Intellio.accept(insn, filler);
    }

    private static int aluOp(IntellioOp op) {
        switch (op) {
            case ADD: return A_ADD;
            case SUB: return A_SUB;
            case AND: return A_AND;
            case OR: return A_OR;
            case XOR: return A_XOR;
            case CMP: return A_CMP;
            case TEST: return A_TEST;
            case MUL: return A_MUL;
            case DIVU: return A_DIVU;
            case MODU: return A_MODU;
            case SHL: return A_SHL;
            case SHR: return A_SHR;
            case SAR: return A_SAR;
            default: throw new IllegalStateException("not an ALU operation: " + op);
        }
    }

    /** Turns one decoded instruction into a kind and operand ints: the typed visitor of the table's decoder. */
    private final class Filler implements IntellioVisitor<Void> {
        int slot;
        int length;

        private Void put(int kind, int aux, int x, int y, int z) {
            setSlot(slot, kind, length, aux, x, y, z);
            return null;
        }

        @Override public Void illegal(Instruction insn) { return put(K_ILLEGAL, 0, 0, 0, 0); }

        @Override
        public Void binary(IntellioOp op, int rd, int rs) {
            return op == IntellioOp.MOV ? put(MOV_RR, 0, rd, rs, 0) : put(ALU_RR, aluOp(op), rd, rs, 0);
        }

        @Override
        public Void binaryLoad(IntellioOp op, int rd, int rs, int disp) {
            if (op == IntellioOp.MOV) return put(LD16, 0, rd, rs, disp & 0xFFFF);
            if (op == IntellioOp.MOVB) return put(LD8, 0, rd, rs, disp & 0xFFFF);
            return put(ALU_RM, aluOp(op), rd, rs, disp & 0xFFFF);
        }

        @Override
        public Void binaryStore(IntellioOp op, int rd, int disp, int rs) {
            if (op == IntellioOp.MOV) return put(ST16, 0, rs, rd, disp & 0xFFFF);
            if (op == IntellioOp.MOVB) return put(ST8, 0, rs, rd, disp & 0xFFFF);
            return put(ALU_MR, aluOp(op), rs, rd, disp & 0xFFFF);
        }

        @Override
        public Void binaryImm(IntellioOp op, int rd, int imm) {
            return op == IntellioOp.MOV ? put(MOV_RI, 0, rd, 0, imm & 0xFFFF) : put(ALU_RI, aluOp(op), rd, 0, imm & 0xFFFF);
        }

        @Override
        public Void absolute(IntellioOp op, boolean store, int r, int addr) {
            boolean word = op == IntellioOp.MOV;
            if (store) return put(word ? ST16 : ST8, 0, r, ZERO, addr & 0xFFFF);
            return put(word ? LD16 : LD8, 0, r, ZERO, addr & 0xFFFF);
        }

        @Override
        public Void unary(IntellioOp op, int r) {
            switch (op) {
                case NOT: return put(NOT, 0, r, 0, 0);
                case NEG: return put(NEG, 0, r, 0, 0);
                case INC: return put(INC, 0, r, 0, 0);
                default: return put(DEC, 0, r, 0, 0);
            }
        }

        @Override public Void push(int r) { return put(PUSH, 0, r, 0, 0); }
        @Override public Void pop(int r) { return put(POP, 0, r, 0, 0); }
        @Override public Void xchg(int r) { return put(XCHG, 0, 0, r, 0); }
        @Override public Void nop() { return put(NOP, 0, 0, 0, 0); }
        @Override public Void jcc(IntellioOp op, int target) { return put(JCC, op.conditionCode(), 0, 0, target & 0xFFFF); }
        @Override public Void jmp(int target) { return put(JMP, 0, 0, 0, target & 0xFFFF); }
        @Override public Void call(int target) { return put(CALL, 0, 0, 0, target & 0xFFFF); }
        @Override public Void jmpReg(int r) { return put(JMP_R, 0, 0, r, 0); }
        @Override public Void callReg(int r) { return put(CALL_R, 0, 0, r, 0); }
        @Override public Void ret() { return put(RET, 0, 0, 0, 0); }
        @Override public Void interrupt(int vector) { return put(INT, 0, 0, 0, vector); }
        @Override public Void halt() { return put(HLT, 0, 0, 0, 0); }
    }
}
