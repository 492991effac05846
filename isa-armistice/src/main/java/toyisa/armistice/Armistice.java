package toyisa.armistice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.isa.IsaTable;

/** Armistice: fixed 4-byte instructions, big-endian constants. Its table is {@code armistice.isa}. */
public final class Armistice implements Isa {
    /** The table text, as shipped; tests and tools read it to show or break it. */
    public static final String TABLE_TEXT = load();
    public static final IsaTable TABLE = IsaTable.parse(TABLE_TEXT, ArmisticeOp.class);
    public static final Armistice ISA = new Armistice();

    /** Public for {@link java.util.ServiceLoader}; use {@link #ISA}. */
    public Armistice() {}

    @Override
    public IsaTable table() {
        return TABLE;
    }

    @Override
    public List<String> workedExample() {
        return List.of(
                "mov a, 10h      ; HAL service 10h: print a number",
                "mov c, 2Ah      ; the number: 42",
                "int 13h         ; call the HAL",
                "out 1234h, 2Ah  ; or print it through the port device",
                "halt");
    }

    /** Hands a decoded instruction to the visitor callback for its kind. */
    public static <R> R accept(Instruction insn, ArmisticeVisitor<R> v) {
        if (insn.isIllegal()) return v.illegal(insn);
        ArmisticeOp op = (ArmisticeOp) insn.row().op();
        String shape = insn.row().shape();
        return switch (op) {
            case NOP -> v.nop();
            case HALT -> v.halt();
            case INT -> v.interrupt(insn.vector());
            case OUT -> shape.equals("II") ? v.out(insn.port(), -1, insn.imm()) : v.out(insn.port(), insn.rs(), 0);
            case ADD, SUB, AND, OR, XOR, SHL, SHR, SAR, MUL, DIVU, REMU ->
                    shape.equals("RRR") ? v.alu(op, insn.rd(), insn.rs(), insn.rt()) : v.aluImm(op, insn.rd(), insn.imm());
            case CMP, TST -> shape.equals("RR") ? v.compare(op, insn.rs(), insn.rt()) : v.compareImm(op, insn.rd(), insn.imm());
            case MOV -> shape.equals("RR") ? v.move(insn.rd(), insn.rs()) : v.moveImm(insn.rd(), insn.imm());
            case NOT, NEG -> v.unary(op, insn.rd(), insn.rs());
            case SWAP -> v.swap(insn.rd());
            case PUSH -> v.push(insn.rs());
            case POP -> v.pop(insn.rd());
            case LD, LDB -> v.load(op, insn.rd(), insn.rs(), insn.imm());
            case ST, STB -> v.store(op, insn.rd(), insn.rs(), insn.imm());
            case JMP -> shape.equals("T") ? v.jump(op, insn.target()) : v.jumpReg(insn.rs());
            case JZ, JNZ, JLT, JGE, JGT, JLE, JB, JAE, JA, JBE, JN, JNN, JV, JNV -> v.jump(op, insn.target());
            case CALL -> shape.equals("T") ? v.call(insn.target()) : v.callReg(insn.rs());
            case RET -> v.ret();
        };
    }

    private static String load() {
        try (InputStream in = Armistice.class.getResourceAsStream("armistice.isa")) {
            if (in == null) throw new IllegalStateException("armistice.isa is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
