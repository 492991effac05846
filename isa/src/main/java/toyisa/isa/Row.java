package toyisa.isa;

import java.util.List;

/**
 * One row of a CPU's table: one form of one instruction. Everything about the form is here —
 * its assembly syntax, its bytes, what it does — so the encoder, decoder, disassembler, assembler
 * and reference card all read the same line.
 *
 * @param form        unique name of the form ({@code and.imm.reg}); also accepted as a mnemonic
 * @param mnemonic    what the assembly writes ({@code and})
 * @param templates   the operands, in syntax order
 * @param syntax      the syntax column as written
 * @param encoding    the encoding column as written
 * @param op          the operation, a constant of the CPU's operation enum (what the visitor dispatches on)
 * @param flags       flags written, as the table says ({@code -} for none)
 * @param description one line for the reference card
 * @param fields      where each operand's bits are
 * @param mask        per byte, the bits the form fixes
 * @param value       per byte, the values of those bits
 * @param line        line of the table text, for messages
 * @param effects     what the form does to each flag (the flags column, read)
 * @param condition   for a conditional jump, when it is taken (the table's cond line for its op); else null
 * @param compare     true for a compare: it writes flags and nothing else (the table's compares line)
 */
public record Row(String form, String mnemonic, List<Template> templates, String syntax, String encoding,
                  Enum<?> op, String flags, String description, List<Field> fields, int[] mask, int[] value,
                  int line, FlagEffects effects, Condition condition, boolean compare) {

    Row withSemantics(Condition condition, boolean compare) {
        return new Row(form, mnemonic, templates, syntax, encoding, op, flags, description, fields, mask, value, line,
                effects, condition, compare);
    }

    public int length() {
        return mask.length;
    }

    /** The opcode byte (the first byte's fixed bits). */
    public int opcode() {
        return value[0];
    }

    Field field(char name) {
        for (Field f : fields) if (f.name() == name) return f;
        return null;
    }

    /**
     * The operand kinds in order, one letter each: R register, I constant, T code target, M register
     * memory operand, A absolute memory operand. Visitors dispatch on it with the op.
     */
    public String shape() {
        StringBuilder sb = new StringBuilder();
        for (Template t : templates) {
            // Java 17: no pattern matching in switch yet.
            if (t instanceof Template.Reg || t instanceof Template.FixedReg) sb.append('R');
            else if (t instanceof Template.Value v) sb.append(v.role().equals("target") ? 'T' : 'I');
            else if (t instanceof Template.Literal) sb.append('I');
            else if (t instanceof Template.Mem) sb.append('M');
            else sb.append('A');
        }
        return sb.toString();
    }

    /** True when the byte sequences of this row and the other can be the same. */
    boolean overlaps(Row other) {
        int n = Math.min(length(), other.length());
        for (int i = 0; i < n; i++) {
            int common = mask[i] & other.mask[i];
            if ((value[i] & common) != (other.value[i] & common)) return false;
        }
        return true;
    }

    int fixedBits() {
        int n = 0;
        for (int m : mask) n += Integer.bitCount(m);
        return n;
    }
}
