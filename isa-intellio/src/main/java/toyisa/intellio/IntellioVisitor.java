package toyisa.intellio;

import toyisa.isa.Instruction;

/**
 * One typed callback per kind of Intellio instruction, with its operands decoded and addressing
 * modes resolved. The interpreter's pre-decoder and the translator implement this instead of
 * decoding bytes again. {@link Intellio#accept} calls it.
 */
public interface IntellioVisitor<R> {
    R illegal(Instruction insn);

    /** Register, register: {@code op rd, rs} (mov add sub and or xor cmp test mul divu modu shl shr sar). */
    R binary(IntellioOp op, int rd, int rs);

    /** Register, memory: {@code op rd, [rs + disp]} ({@code [rs]} has disp 0); movb loads a byte. */
    R binaryLoad(IntellioOp op, int rd, int rs, int disp);

    /** Memory, register: {@code op [rd + disp], rs}; movb stores a byte; cmp/test only set flags. */
    R binaryStore(IntellioOp op, int rd, int disp, int rs);

    /** Register, constant: {@code op rd, imm} (the constant already sign- or zero-extended). */
    R binaryImm(IntellioOp op, int rd, int imm);

    /** {@code mov}/{@code movb} between a register and an absolute address. */
    R absolute(IntellioOp op, boolean store, int r, int addr);

    /** {@code not neg inc dec r}. */
    R unary(IntellioOp op, int r);

    R push(int r);

    R pop(int r);

    /** {@code xchg a, r}. */
    R xchg(int r);

    R nop();

    /** A conditional jump; {@code op.conditionCode()} gives the condition. */
    R jcc(IntellioOp op, int target);

    R jmp(int target);

    R call(int target);

    R jmpReg(int r);

    R callReg(int r);

    R ret();

    R interrupt(int vector);

    R halt();
}
