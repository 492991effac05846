package toyisa.isa;

/**
 * What a CPU's decoder made of the bytes at one address: a form with its operand values, or an
 * illegal instruction. Never null, never zero bytes long.
 *
 * @param row     the form, or {@code null} for an illegal instruction
 * @param address where the bytes were read
 * @param bytes   the bytes the instruction took (for an illegal one: the bytes the decoder had to read)
 * @param values  operand field values indexed by field letter ({@code 'd' - 'a'}); targets are absolute
 */
public record Instruction(Row row, int address, byte[] bytes, int[] values) {

    public boolean isIllegal() {
        return row == null;
    }

    public int length() {
        return bytes.length;
    }

    /** Address of the next instruction in memory. */
    public int next() {
        return (address + bytes.length) & 0xFFFF;
    }

    public int field(char name) {
        return values[name - 'a'];
    }

    public int rd() {
        return field('d');
    }

    public int rs() {
        return field('s');
    }

    public int rt() {
        return field('t');
    }

    /** The constant, displacement or absolute address ({@code i}), or the literal the form names. */
    public int imm() {
        if (row != null) {
            for (Template t : row.templates()) if (t instanceof Template.Literal l) return l.value();
        }
        return field('i');
    }

    public int target() {
        return field('j');
    }

    public int port() {
        return field('p');
    }

    public int vector() {
        return field('v');
    }
}
