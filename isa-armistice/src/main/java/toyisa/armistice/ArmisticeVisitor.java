package toyisa.armistice;

import toyisa.isa.Instruction;

/**
 * One typed callback per kind of Armistice instruction, with its operands decoded. The interpreter's
 * pre-decoder, the translator's host-code reader and anything else that needs to know what an
 * instruction does implement this instead of decoding bytes again. {@link Armistice#accept} calls it.
 */
public interface ArmisticeVisitor<R> {
    R illegal(Instruction insn);

    R nop();

    R halt();

    R interrupt(int vector);

    /** {@code out port, imm} ({@code rs < 0}) or {@code out port, rs}. */
    R out(int port, int rs, int imm);

    /** Three-register ALU: add sub and or xor shl shr sar mul divu remu. */
    R alu(ArmisticeOp op, int rd, int rs, int rt);

    /** {@code rd = rd OP imm}: and or xor add sub shl shr sar mul. */
    R aluImm(ArmisticeOp op, int rd, int imm);

    /** {@code cmp}/{@code tst} of two registers: flags only. */
    R compare(ArmisticeOp op, int rs, int rt);

    /** {@code cmp}/{@code tst} of a register and a constant: flags only. */
    R compareImm(ArmisticeOp op, int rd, int imm);

    R move(int rd, int rs);

    R moveImm(int rd, int imm);

    /** {@code not}/{@code neg rd, rs}. */
    R unary(ArmisticeOp op, int rd, int rs);

    R swap(int rd);

    R push(int rs);

    R pop(int rd);

    /** {@code ld}/{@code ldb rd, [rs + disp]}. */
    R load(ArmisticeOp op, int rd, int rs, int disp);

    /** {@code st}/{@code stb [rs + disp], rd}. */
    R store(ArmisticeOp op, int rd, int rs, int disp);

    /** {@code jmp} (always) or a conditional jump, to an absolute target. */
    R jump(ArmisticeOp op, int target);

    R call(int target);

    R ret();

    R jumpReg(int rs);

    R callReg(int rs);
}
