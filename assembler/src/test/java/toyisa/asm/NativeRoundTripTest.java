package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import toyisa.isa.EncodingException;
import toyisa.isa.Field;
import toyisa.isa.FieldKind;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.isa.IsaTable;
import toyisa.isa.Operand;
import toyisa.isa.Row;
import toyisa.isa.Template;

/**
 * Every native form of every CPU is reachable from assembly: encode a sample of the form, decode
 * it, disassemble it, and the portable assembler turns that text back into the same bytes.
 */
class NativeRoundTripTest {
    static final int AT = 0x0200;

    static Stream<Object[]> rows() {
        List<Object[]> out = new ArrayList<>();
        for (Isa isa : Isa.all()) for (Row r : isa.table().rows()) out.add(new Object[] {isa, r.form()});
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rows")
    void everyFormRoundTrips(Isa isa, String form) throws EncodingException {
        IsaTable table = isa.table();
        Row row = table.row(form);
        for (int variant = 0; variant < 2; variant++) {
            byte[] bytes = table.encode(row, sample(isa, row, variant), AT);
            byte[] mem = new byte[0x10000];
            System.arraycopy(bytes, 0, mem, AT, bytes.length);
            Instruction insn = table.decode(mem, AT);
            assertEquals(form, insn.row().form(), "decodes as its own form");
            String text = table.disassemble(insn);
            Assembly a = Assembler.assemble("rt.pasm", text + "\n", isa, AT, IncludeResolver.NONE);
            assertTrue(a.ok(), form + ": '" + text + "'\n" + a.formatDiagnostics());
            assertEquals(Hex.bytes(bytes), Hex.bytes(a.binary()), form + ": '" + text + "'");
        }
    }

    /** Operands for a form; variant 1 uses other registers and values (high registers, negative displacements). */
    private static List<Operand> sample(Isa isa, Row row, int variant) {
        List<Operand> ops = new ArrayList<>();
        int regs = isa.registers().count();
        int n = 0;
        for (Template t : row.templates()) {
            n++;
            int reg = variant == 0 ? n : regs - n;
            if (t instanceof Template.Reg) ops.add(Operand.reg(reg));
            else if (t instanceof Template.FixedReg f) ops.add(Operand.reg(f.code()));
            else if (t instanceof Template.Literal l) ops.add(Operand.num(l.value()));
            else if (t instanceof Template.Abs) ops.add(Operand.abs(variant == 0 ? 0x0300 : 0xFFF0));
            else if (t instanceof Template.Mem m) ops.add(Operand.mem(reg, m.disp() == '\0' ? 0 : variant == 0 ? 0x20 : -4));
            else {
                Template.Value v = (Template.Value) t;
                FieldKind kind = kind(row, v.field());
                int value = switch (kind) {
                    case U8 -> variant == 0 ? 0x2A : 0xFF;
                    case S8 -> variant == 0 ? 5 : -16;
                    case REL8 -> AT + row.length() + (variant == 0 ? 0x10 : -0x20);
                    case REL16 -> variant == 0 ? AT + 0x400 : 0x0150;
                    default -> variant == 0 ? 0x1234 : 0xFEDC;
                };
                ops.add(Operand.num(value));
            }
        }
        return ops;
    }

    private static FieldKind kind(Row row, char name) {
        for (Field f : row.fields()) if (f.name() == name) return f.kind();
        throw new IllegalArgumentException(row.form() + " has no field " + name);
    }
}
