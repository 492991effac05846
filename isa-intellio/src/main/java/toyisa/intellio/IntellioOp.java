package toyisa.intellio;

/** What an Intellio form does: the op column of the table, and what {@link IntellioVisitor} dispatches on. */
public enum IntellioOp {
    MOV, ADD, SUB, AND, OR, XOR, CMP, TEST, MOVB, MUL, DIVU, MODU, SHL, SHR, SAR,
    NOT, NEG, INC, DEC, PUSH, POP, XCHG, NOP,
    JO, JNO, JB, JAE, JZ, JNZ, JBE, JA, JS, JNS, JL, JGE, JLE, JG,
    JMP, CALL, RET, INT, HLT;

    /** The condition code {@code c} of {@code 7c rel8} and {@code 0F 8c rel16}, or -1 for non-jumps. */
    public int conditionCode() {
        return switch (this) {
            case JO -> 0x0; case JNO -> 0x1; case JB -> 0x2; case JAE -> 0x3;
            case JZ -> 0x4; case JNZ -> 0x5; case JBE -> 0x6; case JA -> 0x7;
            case JS -> 0x8; case JNS -> 0x9; case JL -> 0xC; case JGE -> 0xD;
            case JLE -> 0xE; case JG -> 0xF;
            default -> -1;
        };
    }
}
