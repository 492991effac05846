package toyisa.intellio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.isa.IsaTable;

/** Intellio: variable-length instructions, little-endian constants. Its table is {@code intellio.isa}. */
public final class Intellio implements Isa {
    /** The table text, as shipped; tests and tools read it to show or break it. */
    public static final String TABLE_TEXT = load();
    public static final IsaTable TABLE = IsaTable.parse(TABLE_TEXT, IntellioOp.class);
    public static final Intellio ISA = new Intellio();

    /** Public for {@link java.util.ServiceLoader}; use {@link #ISA}. */
    public Intellio() {}

    @Override
    public IsaTable table() {
        return TABLE;
    }

    @Override
    public List<String> workedExample() {
        return List.of(
                "mov a, 10h      ; HAL service 10h: print a number",
                "mov c, 2Ah      ; the number: 42",
                "int 13h         ; call the HAL (Intellio has no port I/O)",
                "hlt");
    }

    /** Hands a decoded instruction to the visitor callback for its kind. */
    public static <R> R accept(Instruction insn, IntellioVisitor<R> v) {
        if (insn.isIllegal()) return v.illegal(insn);
        IntellioOp op = (IntellioOp) insn.row().op();
        String shape = insn.row().shape();
        return switch (op) {
            case MOV, ADD, SUB, AND, OR, XOR, CMP, TEST, MOVB, MUL, DIVU, MODU, SHL, SHR, SAR -> switch (shape) {
                case "RR" -> v.binary(op, insn.rd(), insn.rs());
                case "RM" -> v.binaryLoad(op, insn.rd(), insn.rs(), insn.imm());
                case "MR" -> v.binaryStore(op, insn.rd(), insn.imm(), insn.rs());
                case "RI" -> v.binaryImm(op, insn.rd(), insn.imm());
                case "RA" -> v.absolute(op, false, insn.rd(), insn.imm());
                case "AR" -> v.absolute(op, true, insn.rd(), insn.imm());
                default -> throw new IllegalStateException(insn.row().form() + ": no callback for shape " + shape);
            };
            case NOT, NEG, INC, DEC -> v.unary(op, insn.rd());
            case PUSH -> v.push(insn.rd());
            case POP -> v.pop(insn.rd());
            case XCHG -> v.xchg(insn.rs());
            case NOP -> v.nop();
            case JO, JNO, JB, JAE, JZ, JNZ, JBE, JA, JS, JNS, JL, JGE, JLE, JG -> v.jcc(op, insn.target());
            case JMP -> shape.equals("T") ? v.jmp(insn.target()) : v.jmpReg(insn.rd());
            case CALL -> shape.equals("T") ? v.call(insn.target()) : v.callReg(insn.rd());
            case RET -> v.ret();
            case INT -> v.interrupt(insn.vector());
            case HLT -> v.halt();
        };
    }

    private static String load() {
        try (InputStream in = Intellio.class.getResourceAsStream("intellio.isa")) {
            if (in == null) throw new IllegalStateException("intellio.isa is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
