package toyisa.jit;

import static org.objectweb.asm.Opcodes.*;
import static toyisa.vm.IntellioKinds.*;

import java.util.List;
import org.objectweb.asm.Label;
import toyisa.vm.CompareBranch;
import toyisa.vm.Core;
import toyisa.vm.IntellioKinds;

/**
 * Intellio instructions in bytecode, as {@code IntellioMachine.executeFast} does them: variable
 * lengths, little-endian words anywhere but at FFFFh, flags Z S C O from every ALU operation, kept
 * lazily as the operands of the last subtraction or addition ({@code fa}, {@code fb}) or explicitly
 * ({@code fz fs fc fo} with {@code fb = EXPLICIT}), in locals while the region runs.
 */
final class IntellioCompiler extends RegionCompiler {
    private static final String CORE = "toyisa/vm/IntellioMachine";
    /** The core's {@code overflow(a, b)}: O of a - b. */
    private static final FieldCheck.Member OVERFLOW = new FieldCheck.Member(CORE, "overflow", "(II)I"),
            HOST_MEMORY = new FieldCheck.Member(CORE, "hostMemory", "[B");
    private static final Flag[] FLAGS = {new Flag("fa", "I"), new Flag("fb", "I"), new Flag("fz", "I"), new Flag("fs", "I"),
            new Flag("fc", "I"), new Flag("fo", "I")};
    private static final int FA = 0, FB = 1, FZ = 2, FS = 3, FC = 4, FO = 5;

    IntellioCompiler(Core core, JitCpu cpu, Region region) {
        super(core, cpu, region);
    }

    @Override
    void badWord(Label bad) {
        load(A); push(0xFFFF); jump(IF_ICMPEQ, bad); // its second byte would be past the end of memory
    }

    @Override
    Flag[] flagFields() {
        return FLAGS;
    }

    @Override
    int flagsUsed(int kind) {
        switch (kind) {
            case ADD_RR: case ADD_RI: case SUB_RR: case SUB_RI: case CMP_RR: case CMP_RI: case AND_RR: case AND_RI:
            case OR_RR: case OR_RI: case XOR_RR: case XOR_RI: case TEST_RR: case TEST_RI:
            case CMP_RR_J: case CMP_RI_J: case TEST_RR_J: case TEST_RI_J:
                return 1 << FA | 1 << FB;
            case SHL_RI: case SHR_RI: case NEG:
                return 0b111111; // the explicit flags, and the lazy ones they come from
            default:
                return 0;
        }
    }

    @Override
    String machineClass() {
        return CORE;
    }

    /** The members of the core the generated code names. */
    static List<FieldCheck.Member> members() {
        List<FieldCheck.Member> all = members(CORE, FLAGS);
        all.add(OVERFLOW);
        all.add(HOST_MEMORY);
        return all;
    }

    @Override
    void instruction(Region.Block b, int at, int done, int w, int x, int y, int z) {
        int next = (at + (w >>> 8 & 0xF)) & 0xFFFF;
        switch (w & 0xFF) {
            case MOV_RR: reg(y); store(x); return;
            case MOV_RI: push(z); store(x); return;
            case LD16: address(y, z); check(b, at, done, true, false); word(); store(x); return;
            case LD8: address(y, z); check(b, at, done, false, false); loadByte(); store(x); return;
            case ST16: address(y, z); check(b, at, done, true, true); reg(x); storeWord(); return;
            case ST8: address(y, z); check(b, at, done, false, true); reg(x); storeByte(); return;
            // fa = a, fb = b | ADD_TAG: the flags of a + b.
            case ADD_RR: reg(x); save(A); reg(y); save(B); lazy(A, B, ADD_TAG); load(A); load(B); op(IADD); maskSum(); store(x); return;
            case ADD_RI: reg(x); save(A); lazyConst(A, z | ADD_TAG); load(A); push(z); op(IADD); maskSum(); store(x); return;
            case SUB_RR: reg(x); save(A); reg(y); save(B); lazy(A, B, 0); load(A); load(B); op(ISUB); mask(); store(x); return;
            case SUB_RI: reg(x); save(A); lazyConst(A, z); load(A); push(z); op(ISUB); mask(); store(x); return;
            case CMP_RR: reg(x); save(A); reg(y); save(B); lazy(A, B, 0); return;
            case CMP_RI: reg(x); save(A); lazyConst(A, z); return;
            case AND_RR: reg(x); reg(y); op(IAND); logic(x); return;
            case AND_RI: reg(x); push(z); op(IAND); logic(x); return;
            case OR_RR: reg(x); reg(y); op(IOR); logic(x); return;
            case OR_RI: reg(x); push(z); op(IOR); logic(x); return;
            case XOR_RR: reg(x); reg(y); op(IXOR); logic(x); return;
            case XOR_RI: reg(x); push(z); op(IXOR); logic(x); return;
            case TEST_RR: reg(x); reg(y); op(IAND); save(A); lazyConst(A, 0); return;
            case TEST_RI: reg(x); push(z); op(IAND); save(A); lazyConst(A, 0); return;
            case MUL_RR: reg(x); reg(y); op(IMUL); mask(); store(x); return;
            case MUL_RI: reg(x); push(z); op(IMUL); mask(); store(x); return;
            case SHL_RI: case SHR_RI: shift(w & 0xFF, x, z); return;
            case CMP_RR_J: reg(x); save(A); reg(y); save(B); lazy(A, B, 0); fusedBranch(w, at, z, zero(y) ? 0 : B_REGISTER); return;
            case CMP_RI_J: reg(x); save(A); push(y); save(B); lazy(A, B, 0); fusedBranch(w, at, z, y); return;
            case TEST_RR_J: reg(x); reg(y); op(IAND); save(A); push(0); save(B); lazy(A, B, 0); fusedBranch(w, at, z, 0); return;
            case TEST_RI_J: reg(x); push(y); op(IAND); save(A); push(0); save(B); lazy(A, B, 0); fusedBranch(w, at, z, 0); return;
            case NOT: reg(x); push(-1); op(IXOR); mask(); store(x); return;
            case NEG: neg(x); return;
            case PUSH: pushWord(b, at, done, () -> reg(x)); return; // read before sp is stored: push sp pushes the old sp
            case IntellioKinds.POP: popWord(b, at, done); store(x); return;
            case XCHG: reg(0); save(A); reg(y); store(0); load(A); store(y); return;
            case IntellioKinds.NOP: return;
            case JMP: go(z); return;
            case JMP_R: reg(y); leaveTo(); return;
            case CALL: case CALL_R: call(b, at, done, (w & 0xFF) == CALL_R, y, z, next); return;
            case IntellioKinds.RET: ret(b, at, done); return;
            // A translator's host code keeps the guest's registers in the host's own memory (HostCpu):
            // a word there, at a constant address, little-endian, never faults.
            case LDH: hostByte(z); hostByte((z + 1) & 0xFFFF); push(8); op(ISHL); op(IOR); store(x); return;
            case STH: reg(x); save(B); storeHostByte(z, 0); storeHostByte((z + 1) & 0xFFFF, 8); return;
            default:
                throw new IllegalStateException("not a compiled kind: " + (w & 0xFF));
        }
    }

    @Override
    CountedLoop.Test loopTest(int w, int x, int y, int z) {
        if (w >>> 16 != CompareBranch.CC_B) return null;
        switch (w & 0xFF) {
            case CMP_RR_J: return new CountedLoop.Test(x, new CountedLoop.Operand(true, y));
            case CMP_RI_J: return y >= 0 && y <= 0xFFFF ? new CountedLoop.Test(x, new CountedLoop.Operand(false, y)) : null;
            default: return null;
        }
    }

    @Override
    CountedLoop.Operand step(int w, int x, int y, int z, int r) {
        if (x != r) return null;
        switch (w & 0xFF) {
            case ADD_RI: return z >= 0 && z <= 0xFFFF ? new CountedLoop.Operand(false, z) : null;
            case ADD_RR: return new CountedLoop.Operand(true, y);
            default: return null;
        }
    }

    @Override
    CountedLoop.Access access(int w, int x, int y, int z) {
        switch (w & 0xFF) {
            case LD16: return new CountedLoop.Access(y, z, true, false);
            case LD8: return new CountedLoop.Access(y, z, false, false);
            case ST16: return new CountedLoop.Access(y, z, true, true);
            case ST8: return new CountedLoop.Access(y, z, false, true);
            default: return null;
        }
    }

    @Override
    boolean alignedWords() {
        return false;
    }

    /** Pushes the byte of the host's own memory at {@code addr}, zero-extended. */
    private void hostByte(int addr) {
        getField(HOST_MEMORY.name(), HOST_MEMORY.desc()); push(addr); op(BALOAD); push(0xFF); op(IAND);
    }

    /** Stores local B shifted right by {@code shift} as the byte of the host's own memory at {@code addr}. */
    private void storeHostByte(int addr, int shift) {
        getField(HOST_MEMORY.name(), HOST_MEMORY.desc()); push(addr); load(B);
        if (shift != 0) { push(shift); op(IUSHR); }
        op(I2B); op(BASTORE);
    }

    /** fa = local a, fb = local b | tag (the flags' locals). */
    private void lazy(int a, int b, int tag) {
        if (!keepFlags) return;
        load(a); save(flag(FA));
        load(b);
        if (tag != 0) { push(tag); op(IOR); }
        save(flag(FB));
    }

    private void lazyConst(int a, int fb) {
        if (!keepFlags) return;
        load(a); save(flag(FA));
        push(fb); save(flag(FB));
    }

    /** and/or/xor: the result d on the stack; the flags of cmp d, 0. */
    private void logic(int x) {
        save(A);
        lazyConst(A, 0);
        load(A);
        store(x);
    }

    /** shl/shr by 1..15: Z S C from the result, O kept (worked out first if kept lazily, as keepOverflow does). */
    private void shift(int kind, int x, int n) {
        if (!keepFlags) {
            reg(x); push(n); op(kind == SHL_RI ? ISHL : IUSHR);
            if (kind == SHL_RI) mask();
            store(x);
            return;
        }
        Label explicit = new Label();
        load(flag(FB));
        push(EXPLICIT);
        jump(IF_ICMPEQ, explicit);
        load(flag(FA)); load(flag(FB));
        mv.visitMethodInsn(INVOKESTATIC, OVERFLOW.owner(), OVERFLOW.name(), OVERFLOW.desc(), false);
        save(flag(FO));
        push(EXPLICIT); save(flag(FB));
        mark(explicit);
        reg(x); save(A);
        if (kind == SHL_RI) {
            load(A); push(n); op(ISHL); mask(); save(B);
            load(A); push(16 - n); op(IUSHR); push(1); op(IAND); save(flag(FC));
        } else {
            load(A); push(n); op(IUSHR); save(B);
            load(A); push(n - 1); op(IUSHR); push(1); op(IAND); save(flag(FC));
        }
        zs(B);
        load(B); store(x);
    }

    /** neg: explicit flags. */
    private void neg(int x) {
        if (!keepFlags) {
            reg(x); op(INEG); mask(); store(x);
            return;
        }
        push(EXPLICIT); save(flag(FB));
        reg(x); save(A);
        load(A); op(INEG); mask(); save(B);
        zs(B);
        load(A); bit(IFNE); save(flag(FC)); // C = (v != 0)
        load(A); push(0x8000); bit(IF_ICMPEQ); save(flag(FO)); // O = (v == 8000h)
        load(B); store(x);
    }

    /** Pushes 1 when the jump {@code opcode} on the values on the stack would be taken, else 0. */
    private void bit(int opcode) {
        Label one = new Label(), done = new Label();
        jump(opcode, one);
        push(0); jump(GOTO, done);
        mark(one);
        push(1);
        mark(done);
    }

    /** fz and fs from local d. */
    private void zs(int d) {
        load(d); bit(IFEQ); save(flag(FZ));
        load(d); push(15); op(IUSHR); save(flag(FS));
    }

    /** The fused jump after the compare just done, on A and B (B the constant {@code b}, or a register): taken to {@code target}, else past the jump. */
    private void fusedBranch(int w, int at, int target, int b) {
        int cc = w >>> 16;
        branch(cc, b, target, (at + (w >>> 8 & 0xF) + (w >>> 12 & 0xF)) & 0xFFFF);
    }
}
