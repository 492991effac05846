package toyisa.vm;

import static toyisa.vm.CompareBranch.CC_A;
import static toyisa.vm.IntellioKinds.*;
import static toyisa.vm.CompareBranch.CC_AE;
import static toyisa.vm.CompareBranch.CC_B;
import static toyisa.vm.CompareBranch.CC_BE;
import static toyisa.vm.CompareBranch.CC_GE;
import static toyisa.vm.CompareBranch.CC_GT;
import static toyisa.vm.CompareBranch.CC_LE;
import static toyisa.vm.CompareBranch.CC_LT;
import static toyisa.vm.CompareBranch.CC_NZ;
import static toyisa.vm.CompareBranch.CC_Z;

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
    /** Intellio condition codes (0 o ... F g) to the portable conditions of Machine.compareBranch, -1 if none. */
    private static final int[] PORTABLE_CC = {-1, -1, CC_B, CC_AE, CC_Z, CC_NZ, CC_BE, CC_A, -1, -1, -1, -1, CC_LT, CC_GE, CC_LE, CC_GT};

    /** {@link #alu} result: flags only, nothing to write back. */
    private static final int NO_RESULT = -1;
    /** {@link #alu} result: division by zero. */
    private static final int DIV_ZERO = -2;

    /** The flags when {@code fb == EXPLICIT}. */
    int fz, fs, fc, fo;
    /** Otherwise the flags are those of {@code fa - fb} (also cmp) or, with ADD_TAG, {@code fa + fb}. */
    int fa, fb = EXPLICIT;

    /**
     * Null, or — when this core is a binary translator's host CPU ({@link Core#host}) — the host's own
     * memory, which the absolute forms ({@code mov rd, [addr]}, {@code mov [addr], rd} and their
     * {@code movb}) address instead of data memory, as x86 code reaches per-thread state through a
     * segment prefix: the guest owns all 64 KiB of data memory, the translator keeps the guest's
     * registers here.
     */
    byte[] hostMemory;

    IntellioMachine() {
        super(Intellio.ISA, 9, 8);
    }

    @Override
    Machine blank() {
        return new IntellioMachine();
    }

    @Override
    public int flags() {
        if (fb != EXPLICIT) materialize();
        return fz << 3 | fs << 2 | fc << 1 | fo;
    }

    /** Before a shift, which leaves O alone: works out O from the lazily kept operation (Z, S and C are overwritten). */
    void keepOverflow() {
        fo = overflow(fa, fb);
        fb = EXPLICIT;
    }

    /** O of the operation kept lazily as {@code fa}, {@code fb} (not EXPLICIT). */
    static int overflow(int a, int b) {
        if (b >>> 16 == 0) {
            int d = (a - b) & 0xFFFF;
            return ((a ^ b) & (a ^ d) & 0x8000) >>> 15;
        }
        b &= 0xFFFF;
        int d = (a + b) & 0xFFFF;
        return ((a ^ d) & (b ^ d) & 0x8000) >>> 15;
    }

    /** Works out the four flags from the lazily kept operation. */
    private void materialize() {
        int a = fa, b = fb, d;
        if (fb >>> 16 == 0) {
            d = (a - b) & 0xFFFF;
            fc = a < b ? 1 : 0; // Intellio's carry is the borrow, x86 style
            fo = ((a ^ b) & (a ^ d) & 0x8000) >>> 15;
        } else {
            b &= 0xFFFF;
            int sum = a + b;
            d = sum & 0xFFFF;
            fc = sum >>> 16;
            fo = ((a ^ d) & (b ^ d) & 0x8000) >>> 15;
        }
        fz = d == 0 ? 1 : 0;
        fs = d >>> 15;
        fb = EXPLICIT;
    }

    @Override
    public void setFlags(int flags) {
        fz = flags >> 3 & 1;
        fs = flags >> 2 & 1;
        fc = flags >> 1 & 1;
        fo = flags & 1;
        fb = EXPLICIT;
    }

    @Override
    public String flagNames() {
        return "ZSCO";
    }

    // ------------------------------------------------------------------ the fast loop

    /**
     * The hot loop: the common operations and nothing that calls out, so HotSpot can keep the machine
     * state in registers (a call anywhere in a loop makes it spill everything around it). It stops
     * <em>before</em> any instruction it leaves to the careful loop: a first visit to an address, the
     * HAL, halt, a fault, a store into pre-decoded code, an operation that needs the flags worked out,
     * a conditional jump not fused with its compare.
     */
    @Override
    void executeFast(long limit) {
        final byte[] m = mem;
        final int[] r = regs;
        final int[] code = this.code;
        int pc = this.pc;
        // Instructions left, counted down in an int: one register fewer than a long count and its limit.
        final int room = (int) Math.min(limit - steps, Integer.MAX_VALUE);
        int left = room;
        loop:
        while (left > 0) {
            final int slot = pc << 2;
            final int w = code[slot];
            int next = (pc + (w >>> 8 & 0xF)) & 0xFFFF;
            final int x = code[slot + 1], y = code[slot + 2], z = code[slot + 3];
            switch (w & 0xFF) {
                case MOV_RR:
                    r[x] = r[y];
                    break;
                case MOV_RI:
                    r[x] = z;
                    break;
                // Memory and the stack: only here. The careful loop reports their faults and does their
                // stores into pre-decoded code, the two things this loop stops before. The tests and the
                // byte order are written out rather than called as badWord, word, putWord and inCode:
                // HotSpot inlines those, yet made this loop about a fifth slower with them (JMH fib, see
                // docs/performance.md).
                case LD16: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END | a == 0xFFFF) break loop;
                    r[x] = (m[a] & 0xFF) | (m[a + 1] & 0xFF) << 8;
                    break;
                }
                case LD8: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END) break loop;
                    r[x] = m[a] & 0xFF;
                    break;
                }
                case ST16: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END | a == 0xFFFF || (codeByte[a] | codeByte[a + 1]) != 0) break loop;
                    int v = r[x];
                    m[a] = (byte) v;
                    m[a + 1] = (byte) (v >>> 8);
                    break;
                }
                case ST8: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END || codeByte[a] != 0) break loop;
                    m[a] = (byte) r[x];
                    break;
                }
                case ADD_RR: {
                    int a = r[x], b = r[y];
                    fa = a;
                    fb = b | ADD_TAG;
                    r[x] = (a + b) & 0xFFFF;
                    break;
                }
                case ADD_RI: {
                    int a = r[x];
                    fa = a;
                    fb = z | ADD_TAG;
                    r[x] = (a + z) & 0xFFFF;
                    break;
                }
                case SUB_RR: {
                    int a = r[x], b = r[y];
                    fa = a;
                    fb = b;
                    r[x] = (a - b) & 0xFFFF;
                    break;
                }
                case SUB_RI: {
                    int a = r[x];
                    fa = a;
                    fb = z;
                    r[x] = (a - z) & 0xFFFF;
                    break;
                }
                case CMP_RR:
                    fa = r[x];
                    fb = r[y];
                    break;
                case CMP_RI:
                    fa = r[x];
                    fb = z;
                    break;
                case AND_RR: {
                    int d = r[x] & r[y];
                    fa = d;
                    fb = 0;
                    r[x] = d;
                    break;
                }
                case AND_RI: {
                    int d = r[x] & z;
                    fa = d;
                    fb = 0;
                    r[x] = d;
                    break;
                }
                case OR_RR: {
                    int d = r[x] | r[y];
                    fa = d;
                    fb = 0;
                    r[x] = d;
                    break;
                }
                case OR_RI: {
                    int d = r[x] | z;
                    fa = d;
                    fb = 0;
                    r[x] = d;
                    break;
                }
                case XOR_RR: {
                    int d = r[x] ^ r[y];
                    fa = d;
                    fb = 0;
                    r[x] = d;
                    break;
                }
                case XOR_RI: {
                    int d = r[x] ^ z;
                    fa = d;
                    fb = 0;
                    r[x] = d;
                    break;
                }
                case TEST_RR:
                    fa = r[x] & r[y];
                    fb = 0;
                    break;
                case TEST_RI:
                    fa = r[x] & z;
                    fb = 0;
                    break;
                case MUL_RR:
                    r[x] = (r[x] * r[y]) & 0xFFFF;
                    break;
                case MUL_RI:
                    r[x] = (r[x] * z) & 0xFFFF;
                    break;
                case SHL_RI: { // count 1..15 (a count of 0 goes through alu())
                    int a = r[x];
                    int d = (a << z) & 0xFFFF;
                    if (fb != EXPLICIT) keepOverflow(); // O is left as it was
                    fc = a >>> (16 - z) & 1;
                    fz = d == 0 ? 1 : 0;
                    fs = d >>> 15;
                    r[x] = d;
                    break;
                }
                case SHR_RI: { // count 1..15
                    int a = r[x];
                    int d = a >>> z;
                    if (fb != EXPLICIT) keepOverflow();
                    fc = a >>> (z - 1) & 1;
                    fz = d == 0 ? 1 : 0;
                    fs = d >>> 15;
                    r[x] = d;
                    break;
                }
                // A fused pair counts as two instructions; with room for only one left, just the compare runs.
                case CMP_RR_J: {
                    int a = r[x], b = r[y];
                    fa = a;
                    fb = b;
                    if (left > 1) {
                        left--;
                        next = CompareBranch.taken(w >>> 16, a, b) ? z : (next + (w >>> 12 & 0xF)) & 0xFFFF;
                    }
                    break;
                }
                case CMP_RI_J: {
                    int a = r[x], b = y;
                    fa = a;
                    fb = b;
                    if (left > 1) {
                        left--;
                        next = CompareBranch.taken(w >>> 16, a, b) ? z : (next + (w >>> 12 & 0xF)) & 0xFFFF;
                    }
                    break;
                }
                case TEST_RR_J: {
                    int a = r[x] & r[y];
                    fa = a;
                    fb = 0;
                    if (left > 1) {
                        left--;
                        next = CompareBranch.taken(w >>> 16, a, 0) ? z : (next + (w >>> 12 & 0xF)) & 0xFFFF;
                    }
                    break;
                }
                case TEST_RI_J: {
                    int a = r[x] & y;
                    fa = a;
                    fb = 0;
                    if (left > 1) {
                        left--;
                        next = CompareBranch.taken(w >>> 16, a, 0) ? z : (next + (w >>> 12 & 0xF)) & 0xFFFF;
                    }
                    break;
                }
                case NOT:
                    r[x] = ~r[x] & 0xFFFF;
                    break;
                case NEG: {
                    fb = EXPLICIT;
                    int v = r[x];
                    int d = -v & 0xFFFF;
                    fz = d == 0 ? 1 : 0;
                    fs = d >>> 15;
                    fc = v != 0 ? 1 : 0;
                    fo = v == 0x8000 ? 1 : 0;
                    r[x] = d;
                    break;
                }
                case PUSH: {
                    int v = r[x];
                    int a = (r[SP] - 2) & 0xFFFF;
                    if (a < NULL_PAGE_END | a == 0xFFFF || (codeByte[a] | codeByte[a + 1]) != 0) break loop;
                    m[a] = (byte) v;
                    m[a + 1] = (byte) (v >>> 8);
                    r[SP] = a;
                    break;
                }
                case POP: {
                    int a = r[SP];
                    if (a < NULL_PAGE_END | a == 0xFFFF) break loop;
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
                case LDH: {
                    final byte[] h = hostMemory;
                    r[x] = (h[z] & 0xFF) | (h[(z + 1) & 0xFFFF] & 0xFF) << 8;
                    break;
                }
                case STH: {
                    final byte[] h = hostMemory;
                    int v = r[x];
                    h[z] = (byte) v;
                    h[(z + 1) & 0xFFFF] = (byte) (v >>> 8);
                    break;
                }
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
                    if (a < NULL_PAGE_END | a == 0xFFFF || (codeByte[a] | codeByte[a + 1]) != 0) break loop;
                    m[a] = (byte) next;
                    m[a + 1] = (byte) (next >>> 8);
                    r[SP] = a;
                    next = target;
                    break;
                }
                case RET: {
                    int a = r[SP];
                    if (a < NULL_PAGE_END | a == 0xFFFF) break loop;
                    next = (m[a] & 0xFF) | (m[a + 1] & 0xFF) << 8;
                    r[SP] = (a + 2) & 0xFFFF;
                    break;
                }
                default: // first visit, generic ALU, inc/dec, a jump on its own, the HAL, halt, illegal: the careful loop
                    break loop;
            }
            pc = next;
            left--;
        }
        this.pc = pc;
        this.steps += room - left;
    }


    /**
     * The careful loop: every operation, with its faults, HAL calls and code invalidation. The fast
     * loop hands it the instructions it does not do itself, one at a time.
     */
    @Override
    void executeCareful(long limit) {
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
            if (w == K_UNDECODED) w = decodeFused(pc);
            int next = (pc + (w >>> 8 & 0xF)) & 0xFFFF;
            final int x = code[slot + 1], y = code[slot + 2], z = code[slot + 3];
            switch (w & 0xFF) {
                // The fast loop does these: it stopped before one only on a first visit (decoded
                // above) or at the end of its count. Hand it back.
                case MOV_RR: case MOV_RI: case ADD_RR: case ADD_RI: case SUB_RR: case SUB_RI: case CMP_RR: case CMP_RI:
                case AND_RR: case AND_RI: case OR_RR: case OR_RI: case XOR_RR: case XOR_RI: case TEST_RR: case TEST_RI:
                case MUL_RR: case MUL_RI: case SHL_RI: case SHR_RI: case CMP_RR_J: case CMP_RI_J: case TEST_RR_J:
                case TEST_RI_J: case NOT: case NEG: case XCHG: case NOP: case JMP: case JMP_R: case LDH: case STH:
                    return;
                case LDHB:
                    r[x] = hostMemory[z] & 0xFF;
                    break;
                case STHB:
                    hostMemory[z] = (byte) r[x];
                    break;
                case LD16: case LD8: case ST16: case ST8: case PUSH: case POP: case CALL: case CALL_R: case RET: {
                    int kind = w & 0xFF, f = access(kind, y, z), a = f & 0xFFFF, n = f >>> 16 & 3;
                    boolean write = (f & WRITE) != 0;
                    if (a < NULL_PAGE_END | n == 2 & a == 0xFFFF) { Faults.segv(this, pc, a, n, write); break loop; }
                    if (!write || !inCode(cb, a, n)) return; // the fast loop's to do
                    // A store into pre-decoded code: the fast loop's store, then the code forgotten.
                    int v = kind == CALL || kind == CALL_R ? next : r[x];
                    if (kind == CALL || kind == CALL_R) next = kind == CALL ? z : r[y];
                    if (n == 2) putWord(m, a, v);
                    else m[a] = (byte) v;
                    invalidate(a, n);
                    if (kind != ST16 && kind != ST8) r[SP] = a;
                    break;
                }
                case ALU_RR: {
                    if (fb != EXPLICIT) materialize();
                    int v = alu(w >>> 16, r[x], r[y]);
                    if (v >= 0) r[x] = v;
                    else if (v == DIV_ZERO) { Faults.divideByZero(this, pc); break loop; }
                    break;
                }
                case ALU_RI: {
                    if (fb != EXPLICIT) materialize();
                    int v = alu(w >>> 16, r[x], z);
                    if (v >= 0) r[x] = v;
                    break;
                }
                case ALU_RM: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (badWord(a)) { Faults.segv(this, pc, a, 2, false); break loop; }
                    if (fb != EXPLICIT) materialize();
                    int v = alu(w >>> 16, r[x], word(m, a));
                    if (v >= 0) r[x] = v;
                    else if (v == DIV_ZERO) { Faults.divideByZero(this, pc); break loop; }
                    break;
                }
                case ALU_MR: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (badWord(a)) { Faults.segv(this, pc, a, 2, true); break loop; }
                    if (fb != EXPLICIT) materialize();
                    int v = alu(w >>> 16, word(m, a), r[x]);
                    if (v >= 0) {
                        putWord(m, a, v);
                        if (inCode(cb, a, 2)) invalidate(a, 2);
                    } else if (v == DIV_ZERO) { Faults.divideByZero(this, pc); break loop; }
                    break;
                }
                case INC: {
                    if (fb != EXPLICIT) materialize(); // C is left as it was
                    int v = r[x];
                    int d = (v + 1) & 0xFFFF;
                    fz = d == 0 ? 1 : 0;
                    fs = d >>> 15;
                    fo = v == 0x7FFF ? 1 : 0; // carry is left alone, as on x86
                    r[x] = d;
                    break;
                }
                case DEC: {
                    if (fb != EXPLICIT) materialize();
                    int v = r[x];
                    int d = (v - 1) & 0xFFFF;
                    fz = d == 0 ? 1 : 0;
                    fs = d >>> 15;
                    fo = v == 0x8000 ? 1 : 0;
                    r[x] = d;
                    break;
                }
                case JCC:
                    if (jumpTaken(w >>> 16, x)) next = z;
                    break;
                case INT:
                    if (!Hal.call(this, z, pc, next)) {
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
                    Faults.fetch(this, pc);
                    break loop;
                default: // K_ILLEGAL
                    Faults.illegal(this, pc);
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

    /** A conditional jump on its own (not fused with a compare): Intellio condition code and its portable one. */
    private boolean jumpTaken(int cc, int portable) {
        if (fb >>> 16 == 0 && portable >= 0) return CompareBranch.taken(portable, fa, fb);
        if (fb != EXPLICIT) materialize();
        return condition(cc);
    }

    /**
     * Decodes the instruction at {@code at}; if it is a cmp or test and the instruction after it a
     * conditional jump on one of the portable conditions, fuses the two (see {@link Machine}).
     */
    @Override
    int decodeFused(int at) {
        int w = decode(at);
        int kind = w & 0xFF;
        if (kind != CMP_RR && kind != CMP_RI && kind != TEST_RR && kind != TEST_RI) return w;
        int length = w >>> 8 & 0xF;
        int after = (at + length) & 0xFFFF;
        int jw = code[after << 2];
        if (jw == K_UNDECODED) jw = decode(after);
        if ((jw & 0xFF) != JCC) return w;
        int cc = code[(after << 2) + 1]; // the portable condition
        if (cc < 0) return w;
        int fused = kind == CMP_RR ? CMP_RR_J : kind == CMP_RI ? CMP_RI_J : kind == TEST_RR ? TEST_RR_J : TEST_RI_J;
        int slot = at << 2;
        int operand = kind == CMP_RI || kind == TEST_RI ? code[slot + 3] : code[slot + 2];
        code[slot] = fused | length << 8 | (jw >>> 8 & 0xF) << 12 | cc << 16;
        code[slot + 2] = operand; // y: the second register, or the constant
        code[slot + 3] = code[(after << 2) + 3]; // z: the jump's target
        return code[slot];
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
        int f = access(code[slot] & 0xFF, code[slot + 2], code[slot + 3]);
        return f >= 0 && (f & WRITE) != 0 ? f & ~WRITE : -1;
    }

    /** A word at {@code a} the core refuses: in the null page, or at FFFFh, where its second byte would be past memory. */
    private static boolean badWord(int a) {
        return a < NULL_PAGE_END | a == 0xFFFF;
    }

    /** The little-endian word at {@code a}. */
    private static int word(byte[] m, int a) {
        return (m[a] & 0xFF) | (m[a + 1] & 0xFF) << 8;
    }

    private static void putWord(byte[] m, int a, int v) {
        m[a] = (byte) v;
        m[a + 1] = (byte) (v >>> 8);
    }

    /** True when one of the {@code n} bytes at {@code a} belongs to pre-decoded code. */
    private static boolean inCode(byte[] cb, int a, int n) {
        return (cb[a] | cb[a + n - 1]) != 0;
    }

    /** Bit of {@link #access}: the instruction writes. */
    private static final int WRITE = 1 << 18;

    /** The data memory an instruction of this kind accesses: address | bytes << 16, | {@link #WRITE} for a store; -1 for none. */
    private int access(int kind, int y, int z) {
        switch (kind) {
            case LD16: case ALU_RM: return (regs[y] + z) & 0xFFFF | 2 << 16;
            case LD8: return (regs[y] + z) & 0xFFFF | 1 << 16;
            case ST16: case ALU_MR: return (regs[y] + z) & 0xFFFF | 2 << 16 | WRITE;
            case ST8: return (regs[y] + z) & 0xFFFF | 1 << 16 | WRITE;
            case POP: case RET: return regs[SP] | 2 << 16;
            case PUSH: case CALL: case CALL_R: return (regs[SP] - 2) & 0xFFFF | 2 << 16 | WRITE;
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
            switch (op) {
                case MOV: return put(MOV_RR, 0, rd, rs, 0);
                case ADD: return put(ADD_RR, 0, rd, rs, 0);
                case SUB: return put(SUB_RR, 0, rd, rs, 0);
                case AND: return put(AND_RR, 0, rd, rs, 0);
                case OR: return put(OR_RR, 0, rd, rs, 0);
                case XOR: return put(XOR_RR, 0, rd, rs, 0);
                case CMP: return put(CMP_RR, 0, rd, rs, 0);
                case TEST: return put(TEST_RR, 0, rd, rs, 0);
                case MUL: return put(MUL_RR, 0, rd, rs, 0);
                default: return put(ALU_RR, aluOp(op), rd, rs, 0);
            }
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
            int v = imm & 0xFFFF;
            switch (op) {
                case MOV: return put(MOV_RI, 0, rd, 0, v);
                case ADD: return put(ADD_RI, 0, rd, 0, v);
                case SUB: return put(SUB_RI, 0, rd, 0, v);
                case AND: return put(AND_RI, 0, rd, 0, v);
                case OR: return put(OR_RI, 0, rd, 0, v);
                case XOR: return put(XOR_RI, 0, rd, 0, v);
                case CMP: return put(CMP_RI, 0, rd, 0, v);
                case TEST: return put(TEST_RI, 0, rd, 0, v);
                case MUL: return put(MUL_RI, 0, rd, 0, v);
                // Shifts by 1..15; a count of 0 (or 16 and more, taken modulo 16) goes through alu().
                case SHL: return (v & 15) != 0 && v < 16 ? put(SHL_RI, 0, rd, 0, v) : put(ALU_RI, aluOp(op), rd, 0, v);
                case SHR: return (v & 15) != 0 && v < 16 ? put(SHR_RI, 0, rd, 0, v) : put(ALU_RI, aluOp(op), rd, 0, v);
                default: return put(ALU_RI, aluOp(op), rd, 0, v);
            }
        }

        @Override
        public Void absolute(IntellioOp op, boolean store, int r, int addr) {
            boolean word = op == IntellioOp.MOV;
            if (hostMemory != null) return put(word ? (store ? STH : LDH) : (store ? STHB : LDHB), 0, r, 0, addr & 0xFFFF);
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
        @Override
        public Void jcc(IntellioOp op, int target) {
            int cc = op.conditionCode();
            return put(JCC, cc, PORTABLE_CC[cc & 15], 0, target & 0xFFFF);
        }
        @Override public Void jmp(int target) { return put(JMP, 0, 0, 0, target & 0xFFFF); }
        @Override public Void call(int target) { return put(CALL, 0, 0, 0, target & 0xFFFF); }
        @Override public Void jmpReg(int r) { return put(JMP_R, 0, 0, r, 0); }
        @Override public Void callReg(int r) { return put(CALL_R, 0, 0, r, 0); }
        @Override public Void ret() { return put(RET, 0, 0, 0, 0); }
        @Override public Void interrupt(int vector) { return put(INT, 0, 0, 0, vector); }
        @Override public Void halt() { return put(HLT, 0, 0, 0, 0); }
    }
}
