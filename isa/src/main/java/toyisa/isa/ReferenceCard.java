package toyisa.isa;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a CPU's reference card (Markdown) from its table alone: registers, the opcode map, every
 * form with an example and its bytes, flags, and a worked example. The committed cards in
 * {@code docs/} are checked against this output, so they cannot drift from the table.
 */
public final class ReferenceCard {
    private static final int ORIGIN = 0x0100;

    private ReferenceCard() {}

    public static String markdown(Isa isa) {
        IsaTable t = isa.table();
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(t.cpu()).append(" reference card\n\n");
        sb.append("<!-- Generated from the ").append(isa.id()).append(".isa table; do not edit. ")
                .append("Regenerate: mvn -pl isa-").append(isa.id()).append(" -am test -Dtoyisa.regenerate=true -->\n\n");
        sb.append("| property | value |\n|---|---|\n");
        sb.append("| instruction length | ").append(t.fixedLength() > 0 ? "always " + t.fixedLength() + " bytes" : "1 to " + t.maxLength() + " bytes").append(" |\n");
        sb.append("| byte order of constants | ").append(t.byteOrder().toString().equals("BIG_ENDIAN") ? "big-endian" : "little-endian").append(" |\n");
        sb.append("| TXF machine byte | ").append(Hex.byteHex(t.machine())).append(" |\n");
        sb.append("| forms | ").append(t.rows().size()).append(" |\n\n");

        sb.append("## Registers\n\n| code | name |\n|---|---|\n");
        Registers r = t.registers();
        for (int code = 0; code < r.count(); code++) {
            List<String> names = new ArrayList<>();
            for (String n : r.allNames()) if (r.code(n) == code) names.add(n);
            sb.append("| ").append(code).append(" | ").append(String.join(" = ", names)).append(" |\n");
        }

        sb.append("\n## Opcode map (first byte)\n\n");
        sb.append("Rows give the high nibble, columns the low nibble; `·` is undefined (illegal instruction).\n\n");
        sb.append("|   |");
        for (int lo = 0; lo < 16; lo++) sb.append(" _").append(Integer.toHexString(lo).toUpperCase(java.util.Locale.ROOT)).append(" |");
        sb.append("\n|---|");
        for (int lo = 0; lo < 16; lo++) sb.append("---|");
        sb.append('\n');
        for (int hi = 0; hi < 16; hi++) {
            sb.append("| ").append(Integer.toHexString(hi).toUpperCase(java.util.Locale.ROOT)).append("_ |");
            for (int lo = 0; lo < 16; lo++) sb.append(' ').append(cell(t, hi << 4 | lo)).append(" |");
            sb.append('\n');
        }

        sb.append("\n## Forms\n\n");
        sb.append("Encoding: hex digits are fixed bytes; in a bit pattern `0`/`1` are fixed bits, a letter is a field ");
        sb.append("(`d` `s` `t` registers), `-` is ignored when decoding and zero when encoding; ");
        sb.append("`i:be16` a 16-bit field, big-endian; `le16` little-endian; `u8`/`s8` a byte, zero-/sign-extended; ");
        sb.append("`rel8`/`rel16` a displacement from the next instruction.\n\n");
        sb.append("| form | syntax | encoding | example | bytes | flags | description |\n|---|---|---|---|---|---|---|\n");
        for (Row row : t.rows()) sb.append(row(t, row)).append('\n');
        sb.append("\n## Flags and conditions\n\n");
        sb.append("Flags, in the order the machine shows them: `").append(t.flags()).append("`. In the flags column above, ");
        sb.append("letters are written from the result, `X=0` is cleared, `kept` is left as it was; `-` keeps every flag. ");
        sb.append("Compares (they write flags and nothing else): ");
        Set<String> compares = new LinkedHashSet<>();
        for (Row c : t.rows()) if (c.compare()) compares.add("`" + c.mnemonic() + "`");
        sb.append(String.join(", ", compares)).append(".\n\n| jump | taken when | reads |\n|---|---|---|\n");
        Set<String> jumps = new LinkedHashSet<>();
        for (Row j : t.rows()) {
            if (j.condition() == null || !jumps.add(j.mnemonic())) continue;
            StringBuilder reads = new StringBuilder();
            for (int i = 0; i < t.flags().length(); i++) if ((j.condition().reads() >> (t.flags().length() - 1 - i) & 1) != 0) reads.append(t.flags().charAt(i));
            sb.append("| `").append(j.mnemonic()).append("` | `").append(j.condition()).append("` | ").append(reads).append(" |\n");
        }

        sb.append("\n## Worked example\n\nAssembled at ").append(Hex.addr(ORIGIN)).append(":\n\n```\n");
        int pc = ORIGIN;
        for (String line : isa.workedExample()) {
            try {
                byte[] b = isa.assembleLine(line, pc);
                sb.append(String.format(java.util.Locale.ROOT, "%s  %-12s  %s\n", Hex.addr(pc), Hex.bytes(b), line.strip()));
                pc += b.length;
            } catch (EncodingException e) {
                throw new IllegalStateException("worked example '" + line + "': " + e.getMessage());
            }
        }
        sb.append("```\n");
        return sb.toString();
    }

    /** The form's row of the card's table of forms (Markdown): form, syntax, encoding, example, bytes, flags, description. */
    public static String row(IsaTable t, Row row) {
        byte[] b = example(t, row);
        return "| `" + row.form() + "` | `" + row.syntax() + "` | `" + row.encoding().replaceAll("\\s+", " ")
                + "` | `" + t.disassemble(t.decode(place(b), ORIGIN)) + "` | `" + Hex.bytes(b) + "` | "
                + row.effects().toString().replace("|", "/") + " | " + row.description().replace("|", "/") + " |";
    }

    /** The card's example of a form: its bytes at 0100h, with the operands {@link #sampleOperands} picks. */
    public static byte[] example(IsaTable t, Row row) {
        try {
            return t.encode(row, sampleOperands(t, row), ORIGIN);
        } catch (EncodingException e) {
            throw new IllegalStateException(row.form() + ": sample does not encode: " + e.getMessage());
        }
    }

    /**
     * The card's example of every form, one after another: a binary in which each form of the table
     * occurs once. Each example decodes as its own form wherever it stands, so a linear sweep finds
     * them all (relative targets then point elsewhere; the bytes are the same).
     */
    public static byte[] everyForm(IsaTable t) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Row row : t.rows()) out.writeBytes(example(t, row));
        return out.toByteArray();
    }

    private static byte[] place(byte[] code) {
        byte[] mem = new byte[ORIGIN + code.length];
        System.arraycopy(code, 0, mem, ORIGIN, code.length);
        return mem;
    }

    private static String cell(IsaTable t, int b) {
        Set<String> names = new LinkedHashSet<>();
        for (Row r : t.rows()) if ((b & r.mask()[0]) == r.value()[0]) names.add(r.mnemonic());
        if (names.isEmpty()) return "·";
        if (names.size() > 3) return "group";
        return String.join("/", names);
    }

    /** Operands that exercise a form: a, b, c for registers, values that fit each field. */
    static List<Operand> sampleOperands(IsaTable t, Row row) {
        Registers regs = t.registers();
        List<Operand> ops = new ArrayList<>();
        for (Template tp : row.templates()) {
            if (tp instanceof Template.Reg reg) {
                ops.add(Operand.reg(regs.code(switch (reg.field()) { case 'd' -> "a"; case 's' -> "b"; default -> "c"; })));
            } else if (tp instanceof Template.FixedReg f) {
                ops.add(Operand.reg(f.code()));
            } else if (tp instanceof Template.Literal l) {
                ops.add(Operand.num(l.value()));
            } else if (tp instanceof Template.Value v) {
                FieldKind kind = row.field(v.field()).kind();
                int value = switch (v.role()) {
                    case "target" -> ORIGIN + 0x20;
                    case "vec" -> 0x13;
                    case "port" -> 0x1234;
                    default -> kind == FieldKind.S8 ? 0xFFFE : kind == FieldKind.U8 || kind == FieldKind.BITS ? 0x2A : 0x1234;
                };
                ops.add(Operand.num(value));
            } else if (tp instanceof Template.Mem m) {
                ops.add(Operand.mem(regs.code(m.base() == 'd' ? "a" : "b"), m.disp() == '\0' ? 0 : 4));
            } else {
                ops.add(Operand.abs(0x2000));
            }
        }
        return ops;
    }
}
