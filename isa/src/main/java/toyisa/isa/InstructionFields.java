package toyisa.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An instruction's bytes split into its form's fields — the opcode bits, each register, the
 * constant in its byte order, the bits the decoder ignores — each with its place, its name as the
 * reference card writes it, and its value, beside the card's row for the form. Everything comes
 * from the row the table's decoder chose; nothing here decodes.
 *
 * <p>The command line prints it ({@code toyisa disasm --fields}) as {@link #lines()}; the page draws
 * the same parts.
 *
 * @param insn  the decoded instruction
 * @param cpu   the CPU's name, for messages
 * @param card  the reference card's row of the form (Markdown, as in {@code docs/}), or "" when illegal
 * @param parts the fields in byte order, high bits first within a byte
 */
public record InstructionFields(Instruction insn, String cpu, String card, List<Part> parts) {

    /** What a part of an instruction is. */
    public enum Kind {
        /** Bits the form fixes: they select it. */
        OPCODE,
        /** A register field. */
        REGISTER,
        /** A number: a constant, displacement, address, port or vector. */
        CONSTANT,
        /** A code target (absolute, or relative to the next instruction). */
        TARGET,
        /** Bits the decoder ignores ({@code -} in the encoding). */
        IGNORED,
        /** Bytes no form reads: an illegal instruction. */
        ILLEGAL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One field of the instruction: bytes {@code firstByte..lastByte} (offsets in the instruction),
     * bits {@code highBit..lowBit} within a byte (7..0 for a whole-byte field).
     *
     * @param code  the encoding token it comes from, as the card writes it ({@code 36}, {@code ----dddd}, {@code i:be16})
     * @param name  the card's name for it: {@code opcode}, {@code -}, {@code rd}, {@code imm}, {@code disp}, {@code target}, ...
     * @param raw   its bits as they sit: binary for bits in a byte, hex bytes for a whole-byte field
     * @param value what the field holds (for a target, the absolute address)
     * @param meaning the value as read: {@code r1 = a}, {@code 1234h, big-endian: 12 high, 34 low}
     */
    public record Part(Kind kind, String name, String code, int firstByte, int lastByte, int highBit, int lowBit,
                       String raw, int value, String meaning) {

        /** {@code byte 1} or {@code bytes 2-3}. */
        public String where() {
            return firstByte == lastByte ? "byte " + firstByte : "bytes " + firstByte + "-" + lastByte;
        }

        /** {@code 7-4} for bits in a byte; the field's kind ({@code be16}) for a whole-byte field. */
        public String bits() {
            if (kind == Kind.ILLEGAL) return "";
            if (code.indexOf(':') > 0) return code.substring(code.indexOf(':') + 1);
            return highBit == lowBit ? Integer.toString(highBit) : highBit + "-" + lowBit;
        }
    }

    /** The fields of a decoded instruction, as its CPU's table lays them out. */
    public static InstructionFields of(IsaTable table, Instruction insn) {
        List<Part> parts = new ArrayList<>();
        byte[] b = insn.bytes();
        Row row = insn.row();
        if (row == null) {
            parts.add(new Part(Kind.ILLEGAL, "(illegal)", "", 0, b.length - 1, 7, 0, Hex.bytes(b), 0,
                    "no " + table.cpu() + " form reads these bytes"));
            return new InstructionFields(insn, table.cpu(), "", parts);
        }
        for (int at = 0; at < row.length(); ) {
            Field wide = wideFieldAt(row, at);
            if (wide != null) {
                int n = wide.kind().bytes;
                parts.add(wholeBytes(table, row, insn, wide, at, at + n - 1));
                at += n;
                continue;
            }
            String pattern = pattern(row, at);
            int bits = b[at] & 0xFF;
            for (int hi = 7; hi >= 0; ) {
                char c = pattern.charAt(7 - hi);
                int lo = hi;
                while (lo > 0 && sameRun(c, pattern.charAt(7 - (lo - 1)))) lo--;
                int width = hi - lo + 1;
                int v = (bits >>> lo) & ((1 << width) - 1);
                String raw = binary(v, width);
                String code = pattern.indexOf('-') < 0 && pattern.chars().noneMatch(Character::isLetter)
                        ? Hex.byteHex(row.value()[at]) : pattern;
                if (c == '0' || c == '1') {
                    parts.add(new Part(Kind.OPCODE, "opcode", code, at, at, hi, lo, raw, v,
                            width == 8 ? Hex.byteHex(v) + "h" : raw + "b"));
                } else if (c == '-') {
                    parts.add(new Part(Kind.IGNORED, "-", code, at, at, hi, lo, raw, v, "ignored"));
                } else {
                    parts.add(bitsField(table, row, insn, row.field(c), code, at, hi, lo, raw));
                }
                hi = lo - 1;
            }
            at++;
        }
        return new InstructionFields(insn, table.cpu(), ReferenceCard.row(table, row), parts);
    }

    /** The command line's view: the card row, then one line per field (no trailing spaces). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (!card.isEmpty()) out.add("card " + card);
        for (Part p : parts) {
            out.add(String.format(Locale.ROOT, "%-9s  %-5s  %-8s  %-8s  %-9s  %s", p.where(), p.bits(), p.raw(), p.code(),
                    p.name(), p.meaning()).stripTrailing());
        }
        return out;
    }

    // ------------------------------------------------------------------ the parts

    private static boolean sameRun(char a, char b) {
        boolean fixedA = a == '0' || a == '1', fixedB = b == '0' || b == '1';
        return fixedA ? fixedB : a == b;
    }

    private static Field wideFieldAt(Row row, int at) {
        for (Field f : row.fields())
            if (f.kind() != FieldKind.BITS && at >= f.byteIndex() && at < f.byteIndex() + f.kind().bytes) return f;
        return null;
    }

    /** A byte of the encoding as the card writes it: fixed bits, field letters, {@code -}. */
    private static String pattern(Row row, int at) {
        char[] p = new char[8];
        for (int bit = 7; bit >= 0; bit--) {
            char c = '-';
            if ((row.mask()[at] >>> bit & 1) != 0) c = (row.value()[at] >>> bit & 1) != 0 ? '1' : '0';
            for (Field f : row.fields())
                if (f.kind() == FieldKind.BITS && f.byteIndex() == at && bit >= f.shift() && bit < f.shift() + f.width()) c = f.name();
            p[7 - bit] = c;
        }
        return new String(p);
    }

    private static Part bitsField(IsaTable table, Row row, Instruction insn, Field f, String code, int at, int hi, int lo, String raw) {
        int v = insn.field(f.name());
        String name = nameOf(row, f.name());
        if (isRegister(row, f.name())) return new Part(Kind.REGISTER, name, code, at, at, hi, lo, raw, v, registerNames(table, v));
        return new Part(name.equals("target") ? Kind.TARGET : Kind.CONSTANT, name, code, at, at, hi, lo, raw, v, Hex.imm(v));
    }

    private static Part wholeBytes(IsaTable table, Row row, Instruction insn, Field f, int first, int last) {
        byte[] b = insn.bytes();
        String raw = Hex.bytes(java.util.Arrays.copyOfRange(b, first, last + 1));
        String code = f.name() + ":" + f.kind().name().toLowerCase(Locale.ROOT);
        String name = nameOf(row, f.name());
        int v = insn.field(f.name());
        String lo = Hex.byteHex(b[f.kind() == FieldKind.BE16 ? last : first]), hi = Hex.byteHex(b[f.kind() == FieldKind.BE16 ? first : last]);
        String meaning = switch (f.kind()) {
            case U8 -> Hex.imm(v);
            case S8 -> v >= 0x8000 ? "-" + Hex.imm(0x10000 - v) + " (" + Hex.byteHex(b[first]) + "h sign-extended)" : Hex.imm(v);
            case BE16 -> (name.equals("target") ? Hex.addr(v) : Hex.imm(v)) + ", big-endian: " + hi + " high, " + lo + " low";
            case LE16 -> (name.equals("target") ? Hex.addr(v) : Hex.imm(v)) + ", little-endian: " + lo + " low, " + hi + " high";
            case REL8 -> Hex.addr(v) + " = " + Hex.addr(insn.next()) + " " + signed((byte) b[first]);
            case REL16 -> Hex.addr(v) + " = " + Hex.addr(insn.next()) + " " + signed((short) ((b[last] & 0xFF) << 8 | (b[first] & 0xFF)))
                    + ", little-endian: " + lo + " low, " + hi + " high";
            case BITS -> Hex.imm(v);
        };
        Kind kind = name.equals("target") ? Kind.TARGET : Kind.CONSTANT;
        return new Part(kind, name, code, first, last, 7, 0, raw, v, meaning);
    }

    private static String signed(int d) {
        return d < 0 ? "- " + Hex.imm(-d) : "+ " + Hex.imm(d);
    }

    private static String binary(int v, int width) {
        StringBuilder sb = new StringBuilder(Integer.toBinaryString(v));
        while (sb.length() < width) sb.insert(0, '0');
        return sb.toString();
    }

    /** The register's names as the card's register table gives them: {@code r1 = a}. */
    private static String registerNames(IsaTable table, int code) {
        Registers r = table.registers();
        List<String> names = new ArrayList<>();
        for (String n : r.allNames()) if (r.code(n) == code) names.add(n);
        return names.isEmpty() ? "r" + code + " (no such register)" : String.join(" = ", names);
    }

    private static boolean isRegister(Row row, char field) {
        for (Template t : row.templates()) {
            if (t instanceof Template.Reg r && r.field() == field) return true;
            if (t instanceof Template.Mem m && m.base() == field) return true;
        }
        return false;
    }

    /** The field's name in the form's syntax column: rd, rs, rt, imm, disp, addr, port, vec, target. */
    private static String nameOf(Row row, char field) {
        for (Template t : row.templates()) {
            if (t instanceof Template.Reg r && r.field() == field) return "r" + field;
            if (t instanceof Template.Value v && v.field() == field) return v.role();
            if (t instanceof Template.Abs a && a.field() == field) return "addr";
            if (t instanceof Template.Mem m && m.base() == field) return "r" + field;
            if (t instanceof Template.Mem m && m.disp() == field) return "disp";
        }
        return String.valueOf(field);
    }
}
