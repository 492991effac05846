package toyisa.isa;

/**
 * One operand of a row's assembly syntax, as written in the table. The same template parses
 * (assembles) and prints (disassembles) the operand: one mapping, both directions.
 */
public sealed interface Template {
    /** {@code rd}, {@code rs}, {@code rt}: a register field. */
    record Reg(char field) implements Template {}

    /** A register that the form names itself, such as the {@code a} of Intellio's {@code xchg a, rs}. */
    record FixedReg(int code) implements Template {}

    /** {@code imm}, {@code port}, {@code vec}, {@code target}: a number field. */
    record Value(String role, char field) implements Template {}

    /** A constant the form names itself, such as the {@code 1} of {@code shl rd, 1}. */
    record Literal(int value) implements Template {}

    /** {@code [rs]} or {@code [rs + disp]}: base register field and displacement field (0 when absent). */
    record Mem(char base, char disp) implements Template {}

    /** {@code [addr]}: an absolute address field. */
    record Abs(char field) implements Template {}
}
