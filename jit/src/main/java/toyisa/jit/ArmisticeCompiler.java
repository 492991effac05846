package toyisa.jit;

import static org.objectweb.asm.Opcodes.*;
import static toyisa.vm.ArmisticeKinds.*;

import java.util.List;
import org.objectweb.asm.Label;
import toyisa.vm.ArmisticeKinds;
import toyisa.vm.CompareBranch;
import toyisa.vm.Core;

/**
 * Armistice instructions in bytecode, as {@code ArmisticeMachine.executeFast} does them: big-endian
 * words that must be 2-aligned, r0 reading 0, flags only from compares, kept lazily as the two
 * compared values ({@code fa}, {@code fb}, {@code lazy}), in locals while the region runs.
 */
final class ArmisticeCompiler extends RegionCompiler {
    private static final int TST_B = 0x10000;
    private static final String CORE = "toyisa/vm/ArmisticeMachine";
    private static final Flag[] FLAGS = {new Flag("fa", "I"), new Flag("fb", "I"), new Flag("lazy", "Z")};
    private static final int FA = 0, FB = 1, LAZY = 2;

    ArmisticeCompiler(Core core, JitCpu cpu, Region region) {
        super(core, cpu, region);
    }

    @Override
    void badWord(Label bad) {
        load(A); push(1); op(IAND); jump(IFNE, bad); // misaligned
    }

    @Override
    Flag[] flagFields() {
        return FLAGS;
    }

    @Override
    int flagsUsed(int kind) {
        switch (kind) {
            case CMP: case CMPI: case TST: case TSTI: case CMP_J: case CMPI_J: case TST_J: case TSTI_J: return 0b111;
            default: return 0;
        }
    }

    @Override
    String machineClass() {
        return CORE;
    }

    /** The members of the core the generated code names. */
    static List<FieldCheck.Member> members() {
        return members(CORE, FLAGS);
    }

    @Override
    void instruction(Region.Block b, int at, int done, int w, int x, int y, int z) {
        int next = (at + 4) & 0xFFFF;
        switch (w & 0xFF) {
            case ArmisticeKinds.NOP: return;
            case MOV: reg(y); store(x); return;
            case MOVI: push(z); store(x); return;
            case ADD3: reg(y); reg(z); op(IADD); maskSum(); store(x); return;
            case SUB3: reg(y); reg(z); op(ISUB); mask(); store(x); return;
            case AND3: reg(y); reg(z); op(IAND); store(x); return;
            case OR3: reg(y); reg(z); op(IOR); store(x); return;
            case XOR3: reg(y); reg(z); op(IXOR); store(x); return;
            case SHL3: reg(y); reg(z); push(15); op(IAND); op(ISHL); mask(); store(x); return;
            case SHR3: reg(y); reg(z); push(15); op(IAND); op(IUSHR); store(x); return;
            case SAR3: reg(y); op(I2S); reg(z); push(15); op(IAND); op(ISHR); mask(); store(x); return;
            case MUL3: reg(y); reg(z); op(IMUL); mask(); store(x); return;
            case DIVU3: case REMU3: {
                Label ok = new Label();
                reg(z);
                jump(IFNE, ok);
                bail(b, at, done);
                mark(ok);
                reg(y); reg(z); op((w & 0xFF) == DIVU3 ? IDIV : IREM); store(x);
                return;
            }
            case ADDI: reg(y); push(z); op(IADD); maskSum(); store(x); return;
            case SUBI: reg(y); push(z); op(ISUB); mask(); store(x); return;
            case ANDI: reg(y); push(z); op(IAND); store(x); return;
            case ORI: reg(y); push(z); op(IOR); store(x); return;
            case XORI: reg(y); push(z); op(IXOR); store(x); return;
            case SHLI: reg(y); push(z & 15); op(ISHL); mask(); store(x); return;
            case SHRI: reg(y); push(z & 15); op(IUSHR); store(x); return;
            case SARI: reg(y); op(I2S); push(z & 15); op(ISHR); mask(); store(x); return;
            case MULI: reg(y); push(z); op(IMUL); mask(); store(x); return;
            case CMP: reg(y); reg(z); flags(); return;
            case CMPI: reg(y); push(z); flags(); return;
            case TST: reg(y); reg(z); op(IAND); push(TST_B); flags(); return;
            case TSTI: reg(y); push(z); op(IAND); push(TST_B); flags(); return;
            case CMP_J: reg(y); reg(z); fusedBranch(w >>> 16, zero(z) ? 0 : B_REGISTER, x, (at + 8) & 0xFFFF); return;
            case CMPI_J: reg(y); push(z); fusedBranch(w >>> 16, z, x, (at + 8) & 0xFFFF); return;
            case TST_J: reg(y); reg(z); op(IAND); push(TST_B); fusedBranch(w >>> 16, TST_B, x, (at + 8) & 0xFFFF); return;
            case TSTI_J: reg(y); push(z); op(IAND); push(TST_B); fusedBranch(w >>> 16, TST_B, x, (at + 8) & 0xFFFF); return;
            case NOT: reg(y); push(-1); op(IXOR); mask(); store(x); return;
            case NEG: reg(y); op(INEG); mask(); store(x); return;
            case ArmisticeKinds.SWAP: reg(y); push(8); op(IUSHR); reg(y); push(8); op(ISHL); op(IOR); mask(); store(x); return;
            case LD: address(y, z); check(b, at, done, true, false); word(); store(x); return;
            case LDB: address(y, z); check(b, at, done, false, false); loadByte(); store(x); return;
            case ST: address(y, z); check(b, at, done, true, true); reg(x); storeWord(); return;
            case STB: address(y, z); check(b, at, done, false, true); reg(x); storeByte(); return;
            case PUSH: pushWord(b, at, done, () -> reg(y)); return;
            case ArmisticeKinds.POP: popWord(b, at, done); store(x); return;
            case JMP: go(z); return;
            case JMP_R: reg(y); leaveTo(); return;
            case CALL: case CALL_R: call(b, at, done, (w & 0xFF) == CALL_R, y, z, next); return;
            case ArmisticeKinds.RET: ret(b, at, done); return;
            default:
                throw new IllegalStateException("not a compiled kind: " + (w & 0xFF));
        }
    }

    @Override
    CountedLoop.Test loopTest(int w, int x, int y, int z) {
        if (w >>> 16 != CompareBranch.CC_B) return null;
        switch (w & 0xFF) {
            case CMP_J: return new CountedLoop.Test(y, new CountedLoop.Operand(true, z));
            case CMPI_J: return z >= 0 && z <= 0xFFFF ? new CountedLoop.Test(y, new CountedLoop.Operand(false, z)) : null;
            default: return null;
        }
    }

    @Override
    CountedLoop.Operand step(int w, int x, int y, int z, int r) {
        if (x != r) return null;
        switch (w & 0xFF) {
            case ADDI: return y == r && z >= 0 && z <= 0xFFFF ? new CountedLoop.Operand(false, z) : null;
            case ADD3: return y == r ? new CountedLoop.Operand(true, z) : z == r ? new CountedLoop.Operand(true, y) : null;
            default: return null;
        }
    }

    @Override
    CountedLoop.Access access(int w, int x, int y, int z) {
        switch (w & 0xFF) {
            case LD: return new CountedLoop.Access(y, z, true, false);
            case LDB: return new CountedLoop.Access(y, z, false, false);
            case ST: return new CountedLoop.Access(y, z, true, true);
            case STB: return new CountedLoop.Access(y, z, false, true);
            default: return null;
        }
    }

    @Override
    boolean alignedWords() {
        return true;
    }

    /** The two compared values on the stack become the lazy flags (in their locals until the region exits), kept in A and B. */
    private void flags() {
        save(B);
        save(A);
        if (!keepFlags) return;
        load(A); save(flag(FA));
        load(B); save(flag(FB));
        push(1); save(flag(LAZY));
    }

    /** A fused compare and jump: the flags, then the condition of {@link CompareBranch#taken} on A and B (B the constant {@code b}, or a register). */
    private void fusedBranch(int cc, int b, int target, int after) {
        flags();
        branch(cc, b, target, after);
    }
}
