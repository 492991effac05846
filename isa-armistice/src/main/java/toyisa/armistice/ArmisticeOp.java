package toyisa.armistice;

/** What an Armistice form does: the op column of the table, and what {@link ArmisticeVisitor} dispatches on. */
public enum ArmisticeOp {
    NOP, INT, OUT, HALT,
    ADD, SUB, AND, OR, XOR, SHL, SHR, SAR, MUL, DIVU, REMU,
    CMP, TST, MOV, NOT, NEG, SWAP, PUSH, POP,
    LD, LDB, ST, STB,
    JMP, JZ, JNZ, JLT, JGE, JGT, JLE, JB, JAE, JA, JBE, JN, JNN, JV, JNV,
    CALL, RET
}
