package toyisa.isa;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CPU as one table, and everything that follows from it: the decoder, the encoder, form
 * selection for the assembler, and the disassembler. The table is text, read and checked by
 * {@link TableLoader} (the format is described there).
 */
public final class IsaTable {
    private final String cpu;
    private final int machine;
    private final ByteOrder order;
    private final int fixedLength;
    private final Registers registers;
    private final List<Row> rows;
    private final Row[][] byFirstByte = new Row[256][];
    private final Map<String, List<Row>> byMnemonic = new HashMap<>();
    private final boolean hasOverlaps;

    IsaTable(String cpu, int machine, ByteOrder order, int fixedLength, Registers registers, List<Row> rows,
                     boolean hasOverlaps) {
        this.cpu = cpu;
        this.hasOverlaps = hasOverlaps;
        this.machine = machine;
        this.order = order;
        this.fixedLength = fixedLength;
        this.registers = registers;
        this.rows = List.copyOf(rows);
        for (int b = 0; b < 256; b++) {
            List<Row> match = new ArrayList<>();
            for (Row r : rows) if ((b & r.mask()[0]) == r.value()[0]) match.add(r);
            // A declared overlap resolves to the more specific form.
            match.sort(Comparator.comparingInt(Row::fixedBits).reversed());
            byFirstByte[b] = match.toArray(new Row[0]);
        }
        for (Row r : rows) {
            byMnemonic.computeIfAbsent(r.mnemonic(), k -> new ArrayList<>()).add(r);
            if (!r.form().equals(r.mnemonic())) byMnemonic.computeIfAbsent(r.form(), k -> new ArrayList<>()).add(r);
        }
    }

    /** Loads and checks a table; {@code ops} is the CPU's operation enum that the op column names (see {@link TableLoader}). */
    public static <E extends Enum<E>> IsaTable parse(String text, Class<E> ops) {
        return TableLoader.load(text, ops);
    }

    // ------------------------------------------------------------------ facts

    public String cpu() {
        return cpu;
    }

    public int machine() {
        return machine;
    }

    public ByteOrder byteOrder() {
        return order;
    }

    /** The length of every instruction, or 0 when lengths vary. */
    public int fixedLength() {
        return fixedLength;
    }

    /** The flags, in the order the machine shows them ({@code NZCV}, {@code ZSCO}). */
    public String flags() {
        return rows.get(0).effects().letters();
    }

    public Registers registers() {
        return registers;
    }

    public List<Row> rows() {
        return rows;
    }

    public Row row(String form) {
        for (Row r : rows) if (r.form().equals(form)) return r;
        throw new IllegalArgumentException("no form " + form);
    }

    /** Longest instruction, in bytes. */
    public int maxLength() {
        int max = 0;
        for (Row r : rows) max = Math.max(max, r.length());
        return max;
    }

    /** Every mnemonic and form name the assembler accepts, for completion and suggestions. */
    public Set<String> mnemonics() {
        return byMnemonic.keySet();
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes the instruction at {@code pc}. Memory is read with 16-bit wrap-around; an array shorter
     * than 64 KiB reads as zero past its end. Total: every input gives an instruction or an illegal
     * instruction of at least one byte.
     */
    public Instruction decode(byte[] mem, int pc) {
        pc &= 0xFFFF;
        int[] b = new int[maxLength()];
        b[0] = byteAt(mem, pc);
        int read = 1; // bytes are read only as far as some form needs them
        int longestPrefix = 0;
        for (Row r : byFirstByte[b[0]]) {
            int len = r.length();
            int k = 1;
            for (; k < len; k++) {
                if (k >= read) b[read++] = byteAt(mem, pc + k);
                if ((b[k] & r.mask()[k]) != r.value()[k]) break;
            }
            if (k == len) return build(r, pc, b);
            longestPrefix = Math.max(longestPrefix, k);
        }
        int len = fixedLength > 0 ? fixedLength : longestPrefix + 1;
        byte[] bytes = new byte[len];
        for (int i = 0; i < len; i++) bytes[i] = (byte) byteAt(mem, pc + i);
        return new Instruction(null, pc, bytes, new int[26]);
    }

    private static Instruction build(Row r, int pc, int[] b) {
        int len = r.length();
        int[] values = new int[26];
        for (Field f : r.fields()) values[f.name() - 'a'] = f.read(b, pc, len);
        byte[] bytes = new byte[len];
        for (int i = 0; i < len; i++) bytes[i] = (byte) b[i];
        return new Instruction(r, pc, bytes, values);
    }

    private static int byteAt(byte[] mem, int addr) {
        addr &= 0xFFFF;
        return addr < mem.length ? mem[addr] & 0xFF : 0;
    }

    // ------------------------------------------------------------------ encoding and selection

    /** Encodes one form with its operands at an address (the address matters for relative targets). */
    public byte[] encode(Row row, List<Operand> operands, int address) throws EncodingException {
        if (!accepts(row, operands)) throw new EncodingException(row.form() + " takes " + row.syntax());
        byte[] out = new byte[row.length()];
        for (int i = 0; i < out.length; i++) out[i] = (byte) row.value()[i];
        for (int i = 0; i < operands.size(); i++) {
            Template t = row.templates().get(i);
            Operand o = operands.get(i);
            if (t instanceof Template.Reg r) {
                write(row, r.field(), ((Operand.Reg) o).code(), out, address, "register");
            } else if (t instanceof Template.Value v) {
                write(row, v.field(), ((Operand.Num) o).value(), out, address, v.role().equals("imm") ? "constant" : v.role());
            } else if (t instanceof Template.Abs a) {
                write(row, a.field(), ((Operand.Abs) o).addr(), out, address, "address");
            } else if (t instanceof Template.Mem m) {
                Operand.Mem mo = (Operand.Mem) o;
                write(row, m.base(), mo.base(), out, address, "register");
                if (m.disp() != '\0') write(row, m.disp(), mo.disp(), out, address, "displacement");
            }
        }
        // Where a declared overlap lets a more specific form win these bytes, they are that form.
        if (hasOverlaps) {
            Instruction insn = decode(out, 0);
            if (insn.row() != row)
                throw new EncodingException(row.form() + " with these operands has the bytes of " + insn.row().form() + " ("
                        + Hex.bytes(out) + "): write " + insn.row().syntax());
        }
        return out;
    }

    private void write(Row row, char name, int value, byte[] out, int address, String role) throws EncodingException {
        Field f = row.field(name);
        if (role.equals("register") && value >= registers.count())
            throw new EncodingException(cpu + " has no register " + value);
        f.write(out, value, address, row.length(), role);
    }

    /** True when the operands have the kinds the form's syntax asks for (values are not checked). */
    public boolean accepts(Row row, List<Operand> operands) {
        List<Template> ts = row.templates();
        if (ts.size() != operands.size()) return false;
        for (int i = 0; i < ts.size(); i++) {
            Template t = ts.get(i);
            Operand o = operands.get(i);
            boolean ok;
            if (t instanceof Template.Reg) ok = o instanceof Operand.Reg;
            else if (t instanceof Template.FixedReg f) ok = o instanceof Operand.Reg r && r.code() == f.code();
            else if (t instanceof Template.Value) ok = o instanceof Operand.Num;
            else if (t instanceof Template.Literal l) ok = o instanceof Operand.Num n && n.value() == (l.value() & 0xFFFF);
            else if (t instanceof Template.Abs) ok = o instanceof Operand.Abs;
            else {
                Template.Mem m = (Template.Mem) t;
                ok = o instanceof Operand.Mem mo && (m.disp() != '\0' || mo.disp() == 0);
            }
            if (!ok) return false;
        }
        return true;
    }

    /** The forms a mnemonic (or form name) can mean with these operand kinds, shortest first. */
    public List<Row> candidates(String mnemonic, List<Operand> operands) {
        List<Row> out = new ArrayList<>();
        for (Row r : byMnemonic.getOrDefault(mnemonic.toLowerCase(Locale.ROOT), List.of()))
            if (accepts(r, operands)) out.add(r);
        out.sort(Comparator.comparingInt(Row::length));
        return out;
    }

    /** The forms a mnemonic names, whatever their operands (for messages and completion). */
    public List<Row> forms(String mnemonic) {
        return byMnemonic.getOrDefault(mnemonic.toLowerCase(Locale.ROOT), List.of());
    }

    /** Picks the shortest form that encodes these operands, and encodes it. */
    public Encoded assemble(String mnemonic, List<Operand> operands, int address) throws EncodingException {
        List<Row> rows = candidates(mnemonic, operands);
        if (rows.isEmpty()) {
            List<Row> all = forms(mnemonic);
            if (all.isEmpty()) throw new EncodingException(cpu + " has no instruction '" + mnemonic + "'");
            StringBuilder sb = new StringBuilder();
            for (Row r : all) {
                String s = r.syntax();
                if (sb.indexOf(s) < 0) sb.append(sb.length() == 0 ? "" : "; ").append(s);
            }
            throw new EncodingException("no " + cpu + " form of '" + mnemonic + "' takes these operands (forms: " + sb + ")");
        }
        EncodingException last = null;
        for (Row r : rows) {
            try {
                return new Encoded(r, encode(r, operands, address));
            } catch (EncodingException e) {
                last = e;
            }
        }
        throw last;
    }

    /** An encoded instruction and the form chosen for it. */
    public record Encoded(Row row, byte[] bytes) {}

    // ------------------------------------------------------------------ disassembly

    /** The operands of a decoded instruction, as the assembler would give them. */
    public List<Operand> operands(Instruction insn) {
        List<Operand> out = new ArrayList<>();
        for (Template t : insn.row().templates()) {
            if (t instanceof Template.Reg r) out.add(Operand.reg(insn.field(r.field())));
            else if (t instanceof Template.FixedReg f) out.add(Operand.reg(f.code()));
            else if (t instanceof Template.Value v) out.add(Operand.num(insn.field(v.field())));
            else if (t instanceof Template.Literal l) out.add(Operand.num(l.value()));
            else if (t instanceof Template.Abs a) out.add(Operand.abs(insn.field(a.field())));
            else {
                Template.Mem m = (Template.Mem) t;
                out.add(Operand.mem(insn.field(m.base()), m.disp() == '\0' ? 0 : insn.field(m.disp())));
            }
        }
        return out;
    }

    /**
     * The instruction as assembly text that reassembles to the same form. Where the assembler would
     * pick a shorter form for the same operands (a long jump that would fit a short one), the form
     * name is printed instead of the mnemonic, so the round trip keeps the bytes.
     */
    public String disassemble(Instruction insn) {
        if (insn.isIllegal()) return "(illegal)";
        Row row = insn.row();
        List<Operand> ops = operands(insn);
        String name = row.mnemonic();
        try {
            if (assemble(name, ops, insn.address()).row() != row) name = row.form();
        } catch (EncodingException e) {
            name = row.form();
        }
        StringBuilder sb = new StringBuilder(name);
        for (int i = 0; i < ops.size(); i++) {
            sb.append(i == 0 ? " " : ", ").append(operandText(row, row.templates().get(i), ops.get(i)));
        }
        return sb.toString();
    }

    private String operandText(Row row, Template t, Operand o) {
        if (o instanceof Operand.Reg r) return registers.name(r.code());
        if (o instanceof Operand.Abs a) return "[" + Hex.addr(a.addr()) + "]";
        if (o instanceof Operand.Mem m) {
            String base = registers.name(m.base());
            if (((Template.Mem) t).disp() == '\0') return "[" + base + "]";
            int d = m.disp();
            return d >= 0x8000 ? "[" + base + " - " + Hex.imm(0x10000 - d) + "]" : "[" + base + " + " + Hex.imm(d) + "]";
        }
        int v = ((Operand.Num) o).value();
        if (t instanceof Template.Value val) {
            if (val.role().equals("target")) return Hex.addr(v);
            if (row.field(val.field()).kind() == FieldKind.S8 && v >= 0x8000) return "-" + Hex.imm(0x10000 - v);
        }
        return Hex.imm(v);
    }
}
