package toyisa.vm;

import static toyisa.vm.ArmisticeKinds.*;
import static toyisa.vm.CompareBranch.CC_BE;

import toyisa.armistice.Armistice;
import toyisa.armistice.ArmisticeOp;
import toyisa.armistice.ArmisticeVisitor;
import toyisa.isa.Instruction;

/**
 * The Armistice interpreter: fixed 4-byte instructions, big-endian words that must be 2-aligned,
 * sixteen registers with {@code r0} reading 0, flags N Z C V set only by {@code cmp}/{@code tst},
 * the port device at 1234h.
 *
 * <p>Pre-decoded operands: {@code x} is the register written (r0 is redirected to the sink slot 16,
 * so a write to r0 is simply lost, with no test on the hot path), {@code y} and {@code z} the
 * registers or constants read. See {@link Machine} for the design.
 */
final class ArmisticeMachine extends Machine {
    /** The register slot writes to r0 go to. */
    private static final int SINK = 16;
    private static final int SP = 15;
    /** The port whose writes print an unsigned number and a newline. */
    static final int PRINT_PORT = 0x1234;

    /** tst v sets the flags of cmp v, TST_B: Z and N from v, C = 0 (a borrow, on Armistice), V = 0. */
    private static final int TST_B = 0x10000;

    // Condition codes of JCC (in the aux byte of the kind word).
    private static final int C_Z = 0, C_NZ = 1, C_LT = 2, C_GE = 3, C_GT = 4, C_LE = 5, C_B = 6, C_AE = 7,
            C_A = 8, C_BE = 9, C_N = 10, C_NN = 11, C_V = 12, C_NV = 13;

    /** The flags when {@link #lazy} is false. */
    private int fn, fz, fc, fv;
    /** When {@link #lazy}: the flags are those of {@code cmp fa, fb} (see {@link CompareBranch}). */
    int fa, fb;
    boolean lazy;

    ArmisticeMachine() {
        super(Armistice.ISA, 17, 16);
    }

    @Override
    Machine blank() {
        return new ArmisticeMachine();
    }

    @Override
    boolean isZeroRegister(int code) {
        return code == 0;
    }

    @Override
    public int flags() {
        if (lazy) materialize();
        return fn << 3 | fz << 2 | fc << 1 | fv;
    }

    /** Works out the four flags from the lazily kept compare. */
    private void materialize() {
        int a = fa, b = fb, d = (a - b) & 0xFFFF;
        fn = d >>> 15;
        fz = d == 0 ? 1 : 0;
        fc = a >= b ? 1 : 0; // Armistice's carry is "no borrow", ARM style
        fv = ((a ^ b) & (a ^ d) & 0x8000) >>> 15;
        lazy = false;
    }

    @Override
    public void setFlags(int flags) {
        fn = flags >> 3 & 1;
        fz = flags >> 2 & 1;
        fc = flags >> 1 & 1;
        fv = flags & 1;
        lazy = false;
    }

    @Override
    public String flagNames() {
        return "NZCV";
    }

    // ------------------------------------------------------------------ the fast loop

    /**
     * The hot loop: the common operations and nothing that calls out, so HotSpot can keep the machine
     * state in registers (a call anywhere in a loop makes it spill everything around it). It stops
     * <em>before</em> any instruction it leaves to the careful loop: a first visit to an address, I/O,
     * halt, a fault, a store into pre-decoded code, a conditional jump not fused with its compare.
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
            int next = (pc + 4) & 0xFFFF;
            final int x = code[slot + 1], y = code[slot + 2], z = code[slot + 3];
            switch (w & 0xFF) {
                case NOP:
                    break;
                case MOV:
                    r[x] = r[y];
                    break;
                case MOVI:
                    r[x] = z;
                    break;
                case ADD3:
                    r[x] = (r[y] + r[z]) & 0xFFFF;
                    break;
                case SUB3:
                    r[x] = (r[y] - r[z]) & 0xFFFF;
                    break;
                case AND3:
                    r[x] = r[y] & r[z];
                    break;
                case OR3:
                    r[x] = r[y] | r[z];
                    break;
                case XOR3:
                    r[x] = r[y] ^ r[z];
                    break;
                case SHL3:
                    r[x] = (r[y] << (r[z] & 15)) & 0xFFFF;
                    break;
                case SHR3:
                    r[x] = r[y] >>> (r[z] & 15);
                    break;
                case SAR3:
                    r[x] = ((short) r[y] >> (r[z] & 15)) & 0xFFFF;
                    break;
                case MUL3:
                    r[x] = (r[y] * r[z]) & 0xFFFF;
                    break;
                case DIVU3:
                    if (r[z] == 0) break loop;
                    r[x] = r[y] / r[z];
                    break;
                case REMU3:
                    if (r[z] == 0) break loop;
                    r[x] = r[y] % r[z];
                    break;
                case ADDI:
                    r[x] = (r[y] + z) & 0xFFFF;
                    break;
                case SUBI:
                    r[x] = (r[y] - z) & 0xFFFF;
                    break;
                case ANDI:
                    r[x] = r[y] & z;
                    break;
                case ORI:
                    r[x] = r[y] | z;
                    break;
                case XORI:
                    r[x] = r[y] ^ z;
                    break;
                case SHLI:
                    r[x] = (r[y] << (z & 15)) & 0xFFFF;
                    break;
                case SHRI:
                    r[x] = r[y] >>> (z & 15);
                    break;
                case SARI:
                    r[x] = ((short) r[y] >> (z & 15)) & 0xFFFF;
                    break;
                case MULI:
                    r[x] = (r[y] * z) & 0xFFFF;
                    break;
                case CMP:
                    fa = r[y];
                    fb = r[z];
                    lazy = true;
                    break;
                case CMPI:
                    fa = r[y];
                    fb = z;
                    lazy = true;
                    break;
                case TST:
                    fa = r[y] & r[z];
                    fb = TST_B;
                    lazy = true;
                    break;
                case TSTI:
                    fa = r[y] & z;
                    fb = TST_B;
                    lazy = true;
                    break;
                // A fused pair counts as two instructions; with room for only one left, just the compare runs.
                case CMP_J: {
                    int a = r[y], b = r[z];
                    fa = a;
                    fb = b;
                    lazy = true;
                    if (left > 1) {
                        left--;
                        next = CompareBranch.taken(w >>> 16, a, b) ? x : (pc + 8) & 0xFFFF;
                    }
                    break;
                }
                case CMPI_J: {
                    int a = r[y];
                    fa = a;
                    fb = z;
                    lazy = true;
                    if (left > 1) {
                        left--;
                        next = CompareBranch.taken(w >>> 16, a, z) ? x : (pc + 8) & 0xFFFF;
                    }
                    break;
                }
                case TST_J: {
                    int a = r[y] & r[z];
                    fa = a;
                    fb = TST_B;
                    lazy = true;
                    if (left > 1) {
                        left--;
                        next = CompareBranch.taken(w >>> 16, a, TST_B) ? x : (pc + 8) & 0xFFFF;
                    }
                    break;
                }
                case TSTI_J: {
                    int a = r[y] & z;
                    fa = a;
                    fb = TST_B;
                    lazy = true;
                    if (left > 1) {
                        left--;
                        next = CompareBranch.taken(w >>> 16, a, TST_B) ? x : (pc + 8) & 0xFFFF;
                    }
                    break;
                }
                case NOT:
                    r[x] = ~r[y] & 0xFFFF;
                    break;
                case NEG:
                    r[x] = -r[y] & 0xFFFF;
                    break;
                case SWAP: {
                    int v = r[y];
                    r[x] = (v >>> 8 | v << 8) & 0xFFFF;
                    break;
                }
                // Memory and the stack: only here. The careful loop reports their faults and does their
                // stores into pre-decoded code, the two things this loop stops before. The tests and the
                // byte order are written out rather than called as badWord, word, putWord and inCode:
                // HotSpot inlines those, yet made this loop about a fifth slower with them (JMH fib, see
                // docs/performance.md).
                case LD: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END | (a & 1) != 0) break loop;
                    r[x] = (m[a] & 0xFF) << 8 | (m[a + 1] & 0xFF);
                    break;
                }
                case LDB: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END) break loop;
                    r[x] = m[a] & 0xFF;
                    break;
                }
                case ST: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END | (a & 1) != 0 || (codeByte[a] | codeByte[a + 1]) != 0) break loop;
                    int v = r[x];
                    m[a] = (byte) (v >>> 8);
                    m[a + 1] = (byte) v;
                    break;
                }
                case STB: {
                    int a = (r[y] + z) & 0xFFFF;
                    if (a < NULL_PAGE_END | codeByte[a] != 0) break loop;
                    m[a] = (byte) r[x];
                    break;
                }
                case PUSH: {
                    int a = (r[SP] - 2) & 0xFFFF;
                    if (a < NULL_PAGE_END | (a & 1) != 0 || (codeByte[a] | codeByte[a + 1]) != 0) break loop;
                    int v = r[y];
                    m[a] = (byte) (v >>> 8);
                    m[a + 1] = (byte) v;
                    r[SP] = a;
                    break;
                }
                case POP: {
                    int a = r[SP];
                    if (a < NULL_PAGE_END | (a & 1) != 0) break loop;
                    int v = (m[a] & 0xFF) << 8 | (m[a + 1] & 0xFF);
                    r[SP] = (a + 2) & 0xFFFF;
                    r[x] = v;
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
                    if (a < NULL_PAGE_END | (a & 1) != 0 || (codeByte[a] | codeByte[a + 1]) != 0) break loop;
                    m[a] = (byte) (next >>> 8);
                    m[a + 1] = (byte) next;
                    r[SP] = a;
                    next = target;
                    break;
                }
                case RET: {
                    int a = r[SP];
                    if (a < NULL_PAGE_END | (a & 1) != 0) break loop;
                    next = (m[a] & 0xFF) << 8 | (m[a + 1] & 0xFF);
                    r[SP] = (a + 2) & 0xFFFF;
                    break;
                }
                default: // first visit, I/O, halt, illegal, a jump on its own: the careful loop
                    break loop;
            }
            pc = next;
            left--;
        }
        this.pc = pc;
        this.steps += room - left;
    }


    /**
     * The careful loop: the instructions the fast loop stops before — a first visit (decoded here,
     * then handed back), faults, I/O, the HAL, halt, stores into code, unfused jumps — one at a time.
     * What the fast loop does, only the fast loop does.
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
            final int w = code[slot];
            int next = (pc + 4) & 0xFFFF;
            final int x = code[slot + 1], y = code[slot + 2], z = code[slot + 3];
            switch (w & 0xFF) {
                case K_UNDECODED: // first visit: decode, then dispatch again
                    decodeFused(pc);
                    continue loop;
                // The fast loop does these: it stopped before one only on a first visit (decoded
                // above) or at the end of its count. Hand it back.
                case NOP: case MOV: case MOVI: case ADD3: case SUB3: case AND3: case OR3: case XOR3: case SHL3:
                case SHR3: case SAR3: case MUL3: case ADDI: case SUBI: case ANDI: case ORI: case XORI: case SHLI:
                case SHRI: case SARI: case MULI: case CMP: case CMPI: case TST: case TSTI: case CMP_J: case CMPI_J:
                case TST_J: case TSTI_J: case NOT: case NEG: case SWAP: case JMP: case JMP_R:
                    return;
                case DIVU3:
                    if (r[z] == 0) { Faults.divideByZero(this, pc); break loop; }
                    r[x] = r[y] / r[z];
                    break;
                case REMU3:
                    if (r[z] == 0) { Faults.divideByZero(this, pc); break loop; }
                    r[x] = r[y] % r[z];
                    break;
                case LD: case LDB: case ST: case STB: case PUSH: case POP: case CALL: case CALL_R: case RET: {
                    int kind = w & 0xFF, f = access(kind, y, z), a = f & 0xFFFF, n = f >>> 16 & 3;
                    boolean write = (f & WRITE) != 0;
                    if (a < NULL_PAGE_END | n == 2 & (a & 1) != 0) {
                        if (n == 2) wordFault(pc, a, write);
                        else Faults.segv(this, pc, a, 1, write);
                        break loop;
                    }
                    if (!write || !inCode(cb, a, n)) return; // the fast loop's to do
                    // A store into pre-decoded code: the fast loop's store, then the code forgotten.
                    int v = kind == ST || kind == STB ? r[x] : kind == PUSH ? r[y] : next;
                    if (kind == CALL || kind == CALL_R) next = kind == CALL ? z : r[y];
                    if (n == 2) putWord(m, a, v);
                    else m[a] = (byte) v;
                    invalidate(a, n);
                    if (kind != ST && kind != STB) r[SP] = a;
                    break;
                }
                case JCC:
                    if (jumpTaken(w >>> 16)) next = z;
                    break;
                case OUT_IMM:
                case OUT_REG: {
                    // Only the print port has a device behind it; writes elsewhere go nowhere.
                    if (y == PRINT_PORT && !print(Integer.toString((w & 0xFF) == OUT_IMM ? z : r[x]) + "\n", next)) {
                        pc = next;
                        steps++;
                        break loop;
                    }
                    break;
                }
                case INT:
                    if (!Hal.call(this, z, pc, next)) {
                        if (outcome != Outcome.FAULT) { pc = next; steps++; }
                        break loop;
                    }
                    break;
                case HALT:
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

    /** A word at {@code a} the core refuses: in the null page or misaligned (one test). */
    private static boolean badWord(int a) {
        return a < NULL_PAGE_END | (a & 1) != 0;
    }

    /** The big-endian word at {@code a}. */
    private static int word(byte[] m, int a) {
        return (m[a] & 0xFF) << 8 | (m[a + 1] & 0xFF);
    }

    private static void putWord(byte[] m, int a, int v) {
        m[a] = (byte) (v >>> 8);
        m[a + 1] = (byte) v;
    }

    /** True when one of the {@code n} bytes at {@code a} belongs to pre-decoded code. */
    private static boolean inCode(byte[] cb, int a, int n) {
        return (cb[a] | cb[a + n - 1]) != 0;
    }

    /** Bit of {@link #access}: the instruction writes. */
    private static final int WRITE = 1 << 18;

    /** The memory an instruction of this kind accesses: address | bytes << 16, | {@link #WRITE} for a store; -1 for none. */
    private int access(int kind, int y, int z) {
        switch (kind) {
            case LD: return (regs[y] + z) & 0xFFFF | 2 << 16;
            case LDB: return (regs[y] + z) & 0xFFFF | 1 << 16;
            case ST: return (regs[y] + z) & 0xFFFF | 2 << 16 | WRITE;
            case STB: return (regs[y] + z) & 0xFFFF | 1 << 16 | WRITE;
            case POP: case RET: return regs[SP] | 2 << 16;
            case PUSH: case CALL: case CALL_R: return (regs[SP] - 2) & 0xFFFF | 2 << 16 | WRITE;
            default: return -1;
        }
    }

    /** A word access at {@code a} that is in the null page or misaligned: one test on the hot path, two here. */
    private void wordFault(int at, int a, boolean write) {
        if (a < NULL_PAGE_END) Faults.segv(this, at, a, 2, write);
        else Faults.misaligned(this, at, a, write);
    }

    /** A conditional jump on its own (not fused with the compare before it). */
    private boolean jumpTaken(int cc) {
        if (lazy) {
            if (cc <= CC_BE) return CompareBranch.taken(cc, fa, fb); // Armistice's C_Z..C_BE are the portable CC_Z..CC_BE
            materialize();
        }
        return condition(cc);
    }

    /**
     * Decodes the instruction at {@code at}; if it is a compare and the instruction after it a
     * conditional jump on one of the portable conditions, fuses the two (see {@link Machine}).
     */
    @Override
    int decodeFused(int at) {
        int w = decode(at);
        int kind = w & 0xFF;
        if (kind != CMP && kind != CMPI && kind != TST && kind != TSTI) return w;
        int after = (at + 4) & 0xFFFF;
        int jw = code[after << 2];
        if (jw == K_UNDECODED) jw = decode(after);
        int cc = jw >>> 16;
        if ((jw & 0xFF) != JCC || cc > CC_BE) return w;
        int fused = kind == CMP ? CMP_J : kind == CMPI ? CMPI_J : kind == TST ? TST_J : TSTI_J;
        int slot = at << 2;
        code[slot] = fused | 4 << 8 | cc << 16;
        code[slot + 1] = code[(after << 2) + 3]; // the jump's target
        return code[slot];
    }

    private boolean condition(int cc) {
        switch (cc) {
            case C_Z: return fz != 0;
            case C_NZ: return fz == 0;
            case C_LT: return fn != fv;
            case C_GE: return fn == fv;
            case C_GT: return fz == 0 && fn == fv;
            case C_LE: return fz != 0 || fn != fv;
            case C_B: return fc == 0;
            case C_AE: return fc != 0;
            case C_A: return fc != 0 && fz == 0;
            case C_BE: return fc == 0 || fz != 0;
            case C_N: return fn != 0;
            case C_NN: return fn == 0;
            case C_V: return fv != 0;
            default: return fv == 0; // C_NV
        }
    }

    @Override
    int writeFootprint(int at) {
        int slot = at << 2;
        int f = access(code[slot] & 0xFF, code[slot + 2], code[slot + 3]);
        return f >= 0 && (f & WRITE) != 0 ? f & ~WRITE : -1;
    }

    // ------------------------------------------------------------------ pre-decoding

    private final Filler filler = new Filler();

    @Override
    void fill(Instruction insn, int slot) {
        filler.slot = slot;
        Armistice.accept(insn, filler);
    }

    /** Turns one decoded instruction into a kind and operand ints: the typed visitor of the table's decoder. */
    private final class Filler implements ArmisticeVisitor<Void> {
        int slot;

        private Void put(int kind, int aux, int x, int y, int z) {
            setSlot(slot, kind, 4, aux, x, y, z);
            return null;
        }

        private int dest(int rd) {
            return rd == 0 ? SINK : rd;
        }

        @Override public Void illegal(Instruction insn) { return put(K_ILLEGAL, 0, 0, 0, 0); }
        @Override public Void nop() { return put(NOP, 0, 0, 0, 0); }
        @Override public Void halt() { return put(HALT, 0, 0, 0, 0); }
        @Override public Void interrupt(int vector) { return put(INT, 0, 0, 0, vector); }

        @Override
        public Void out(int port, int rs, int imm) {
            return rs < 0 ? put(OUT_IMM, 0, 0, port, imm) : put(OUT_REG, 0, rs, port, 0);
        }

        @Override
        public Void alu(ArmisticeOp op, int rd, int rs, int rt) {
            int kind;
            switch (op) {
                case ADD: kind = ADD3; break;
                case SUB: kind = SUB3; break;
                case AND: kind = AND3; break;
                case OR: kind = OR3; break;
                case XOR: kind = XOR3; break;
                case SHL: kind = SHL3; break;
                case SHR: kind = SHR3; break;
                case SAR: kind = SAR3; break;
                case MUL: kind = MUL3; break;
                case DIVU: kind = DIVU3; break;
                case REMU: kind = REMU3; break;
                default: throw new IllegalStateException("not a three-register ALU op: " + op);
            }
            return put(kind, 0, dest(rd), rs, rt);
        }

        @Override
        public Void aluImm(ArmisticeOp op, int rd, int imm) {
            int kind;
            switch (op) {
                case ADD: kind = ADDI; break;
                case SUB: kind = SUBI; break;
                case AND: kind = ANDI; break;
                case OR: kind = ORI; break;
                case XOR: kind = XORI; break;
                case SHL: kind = SHLI; break;
                case SHR: kind = SHRI; break;
                case SAR: kind = SARI; break;
                case MUL: kind = MULI; break;
                default: throw new IllegalStateException("not an immediate ALU op: " + op);
            }
            return put(kind, 0, dest(rd), rd, imm & 0xFFFF);
        }

        @Override
        public Void compare(ArmisticeOp op, int rs, int rt) {
            return put(op == ArmisticeOp.CMP ? CMP : TST, 0, 0, rs, rt);
        }

        @Override
        public Void compareImm(ArmisticeOp op, int rd, int imm) {
            return put(op == ArmisticeOp.CMP ? CMPI : TSTI, 0, 0, rd, imm & 0xFFFF);
        }

        @Override public Void move(int rd, int rs) { return put(MOV, 0, dest(rd), rs, 0); }
        @Override public Void moveImm(int rd, int imm) { return put(MOVI, 0, dest(rd), 0, imm & 0xFFFF); }

        @Override
        public Void unary(ArmisticeOp op, int rd, int rs) {
            return put(op == ArmisticeOp.NOT ? NOT : NEG, 0, dest(rd), rs, 0);
        }

        @Override public Void swap(int rd) { return put(SWAP, 0, dest(rd), rd, 0); }
        @Override public Void push(int rs) { return put(PUSH, 0, 0, rs, 0); }
        @Override public Void pop(int rd) { return put(POP, 0, dest(rd), 0, 0); }

        @Override
        public Void load(ArmisticeOp op, int rd, int rs, int disp) {
            return put(op == ArmisticeOp.LD ? LD : LDB, 0, dest(rd), rs, disp & 0xFFFF);
        }

        @Override
        public Void store(ArmisticeOp op, int rd, int rs, int disp) {
            return put(op == ArmisticeOp.ST ? ST : STB, 0, rd, rs, disp & 0xFFFF);
        }

        @Override
        public Void jump(ArmisticeOp op, int target) {
            switch (op) {
                case JMP: return put(JMP, 0, 0, 0, target);
                case JZ: return put(JCC, C_Z, 0, 0, target);
                case JNZ: return put(JCC, C_NZ, 0, 0, target);
                case JLT: return put(JCC, C_LT, 0, 0, target);
                case JGE: return put(JCC, C_GE, 0, 0, target);
                case JGT: return put(JCC, C_GT, 0, 0, target);
                case JLE: return put(JCC, C_LE, 0, 0, target);
                case JB: return put(JCC, C_B, 0, 0, target);
                case JAE: return put(JCC, C_AE, 0, 0, target);
                case JA: return put(JCC, C_A, 0, 0, target);
                case JBE: return put(JCC, C_BE, 0, 0, target);
                case JN: return put(JCC, C_N, 0, 0, target);
                case JNN: return put(JCC, C_NN, 0, 0, target);
                case JV: return put(JCC, C_V, 0, 0, target);
                case JNV: return put(JCC, C_NV, 0, 0, target);
                default: throw new IllegalStateException("not a jump: " + op);
            }
        }

        @Override public Void call(int target) { return put(CALL, 0, 0, 0, target); }
        @Override public Void ret() { return put(RET, 0, 0, 0, 0); }
        @Override public Void jumpReg(int rs) { return put(JMP_R, 0, 0, rs, 0); }
        @Override public Void callReg(int rs) { return put(CALL_R, 0, 0, rs, 0); }
    }
}
