package toyisa.isa;

/** An operand as the assembler has evaluated it: the input of form selection and encoding. */
public sealed interface Operand {
    record Reg(int code) implements Operand {}

    record Num(int value) implements Operand {}

    /** {@code [base + disp]}; base is a register code. */
    record Mem(int base, int disp) implements Operand {}

    /** {@code [addr]}. */
    record Abs(int addr) implements Operand {}

    static Operand reg(int code) {
        return new Reg(code);
    }

    static Operand num(int value) {
        return new Num(value & 0xFFFF);
    }

    static Operand mem(int base, int disp) {
        return new Mem(base, disp & 0xFFFF);
    }

    static Operand abs(int addr) {
        return new Abs(addr & 0xFFFF);
    }
}
