package toyisa.asm;

import java.util.List;

/**
 * One statement of a source as the front end reads it and the layout places it: a label, a
 * directive, or an instruction already turned into the target's native instructions. Values are
 * expressions here; the layout computes them.
 */
sealed interface Stmt {
    Loc loc();

    /** Where a statement came from: file, line, column, the text of that line, and a macro note. */
    record Loc(String file, int line, int col, String text, String note) {
        Loc at(int column) {
            return new Loc(file, line, column, text, note);
        }
    }

    /** An operand after parsing, with registers recognised. */
    sealed interface Op {
        record Reg(int code) implements Op {}

        record Val(Expr expr) implements Op {}

        record Mem(int base, Expr disp) implements Op {}

        record Abs(Expr addr) implements Op {}
    }

    /** One native instruction to encode: a mnemonic (or form name) of the target and its operands. */
    record NativeOp(String mnemonic, List<Op> operands) {}

    /** What an instruction does to the flags, as far as portability is concerned. */
    enum Effect { NONE, COMPARE, ARITHMETIC, BRANCH, BARRIER }

    record Label(Loc loc, String name) implements Stmt {}

    record Equ(Loc loc, String name, Expr value) implements Stmt {}

    record Org(Loc loc, Expr address) implements Stmt {}

    record Align(Loc loc, Expr boundary) implements Stmt {}

    record Space(Loc loc, Expr count, Expr fill) implements Stmt {}

    /** {@code .byte}/{@code .word}/{@code .ascii}/{@code .asciz}: items are {@link Expr} or {@code byte[]}. */
    record Data(Loc loc, int width, List<Object> items) implements Stmt {}

    /**
     * An instruction: the mnemonic as written and the native instructions it becomes.
     *
     * @param valueCol column of the first non-register operand (where value errors point)
     */
    record Insn(Loc loc, String mnemonic, List<NativeOp> natives, Effect effect, int valueCol) implements Stmt {}
}
