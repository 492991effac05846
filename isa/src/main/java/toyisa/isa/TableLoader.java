package toyisa.isa;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CPU's table (an {@link IsaTable}) from its text and checks it. One form per line:
 *
 * <pre>
 * cpu Armistice              the CPU's name
 * machine A7                 its TXF machine byte
 * order big                  byte order of its constants
 * length 4                   (optional) every instruction has this length
 * registers 4 r0 r1=a ...    register field width, then one entry per code (aliases with '=')
 * flags NZCV                 the flags, in the order the machine shows them
 * overlap nop xchg           (optional) two forms may share bytes; the first, more specific, wins
 * compares CMP TST           the ops that only compare: they write flags and nothing else
 * cond JLT N != V            when a conditional jump's op is taken ({@link Condition})
 * form | syntax | encoding | op | flags | description
 * </pre>
 *
 * <p>The flags column is {@link FlagEffects}: what the form does to each flag.
 *
 * <p>Encodings are a list of bytes: {@code 36} a fixed byte; {@code 00100ddd} a bit pattern
 * ({@code 0}/{@code 1} fixed, {@code -} ignored when decoding and zero when encoding, a letter a
 * field's bits); {@code i:be16} a whole-byte field of a kind of {@link FieldKind}. Syntax operands are
 * {@code rd rs rt} (registers in fields d, s, t), {@code imm port vec target} (fields i, p, v, j),
 * {@code [rs]}, {@code [rs + disp]} (displacement in field i), {@code [addr]} (field i), a number the
 * form names itself, or a register name the form names itself.
 *
 * <p>The table checks itself as it loads: no two forms may claim the same bytes (unless declared
 * with {@code overlap}, and a declared overlap must really overlap), every field must be placed once
 * and used by the syntax, register fields must be exactly as wide as the register file, and a
 * fixed-length CPU has no form of another length.
 */
final class TableLoader {
    private static final Map<String, Character> ROLES = Map.of(
            "imm", 'i', "disp", 'i', "addr", 'i', "port", 'p', "vec", 'v', "target", 'j');

    private TableLoader() {}

    /** Loads and checks a table; {@code ops} is the CPU's operation enum that the op column names. */
    static <E extends Enum<E>> IsaTable load(String text, Class<E> ops) {
        String cpu = null;
        int machine = -1;
        ByteOrder order = null;
        int fixedLength = 0;
        Registers registers = null;
        String flags = null;
        Map<String, Condition> conditions = new LinkedHashMap<>();
        Set<String> compares = new HashSet<>();
        List<String[]> overlaps = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            int lineNo = n + 1;
            if (line.contains("|")) {
                if (registers == null) throw error(lineNo, "the registers line must come before the forms");
                if (flags == null) throw error(lineNo, "the flags line must come before the forms");
                rows.add(parseRow(line, lineNo, registers, flags, ops));
                continue;
            }
            String[] w = line.split("\\s+");
            switch (w[0]) {
                case "cpu" -> cpu = line.substring(3).strip();
                case "machine" -> machine = parseHexByte(w, lineNo);
                case "order" -> order = switch (w.length > 1 ? w[1] : "") {
                    case "big" -> ByteOrder.BIG_ENDIAN;
                    case "little" -> ByteOrder.LITTLE_ENDIAN;
                    default -> throw error(lineNo, "order must be 'big' or 'little'");
                };
                case "length" -> fixedLength = parseInt(w, lineNo);
                case "registers" -> {
                    if (w.length < 3) throw error(lineNo, "registers needs a width and names");
                    registers = new Registers(parseInt(w, lineNo), List.of(w).subList(2, w.length));
                }
                case "flags" -> {
                    if (w.length != 2 || !w[1].matches("[A-Z]{1,6}")) throw error(lineNo, "flags names the flags in one word, like NZCV");
                    flags = w[1];
                }
                case "compares" -> {
                    for (int i = 1; i < w.length; i++) compares.add(opName(w[i], ops, lineNo));
                }
                case "cond" -> {
                    if (flags == null) throw error(lineNo, "the flags line must come before the conditions");
                    if (w.length < 3) throw error(lineNo, "cond names an op and its condition, like 'cond JZ Z'");
                    String op = opName(w[1], ops, lineNo);
                    if (conditions.containsKey(op)) throw error(lineNo, "a second condition for " + op);
                    try {
                        conditions.put(op, Condition.parse(line.substring(line.indexOf(w[1]) + w[1].length()), flags));
                    } catch (IllegalArgumentException e) {
                        throw error(lineNo, op + ": " + e.getMessage());
                    }
                }
                case "overlap" -> {
                    if (w.length != 3) throw error(lineNo, "overlap names two forms");
                    overlaps.add(new String[] {w[1], w[2], Integer.toString(lineNo)});
                }
                default -> throw error(lineNo, "unknown directive '" + w[0] + "'");
            }
        }
        if (cpu == null || machine < 0 || order == null || registers == null)
            throw new TableException("table header incomplete: it needs cpu, machine, order and registers");
        if (rows.isEmpty()) throw new TableException(cpu + ": the table has no forms");
        Set<String> opsUsed = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            opsUsed.add(r.op().name());
            rows.set(i, r.withSemantics(conditions.get(r.op().name()), compares.contains(r.op().name())));
            if (compares.contains(r.op().name()) && r.effects().keepsAll())
                throw error(r.line(), r.form() + ": a compare that writes no flag");
        }
        for (String op : conditions.keySet()) if (!opsUsed.contains(op)) throw new TableException(cpu + ": cond " + op + ": no form has that op");
        for (String op : compares) if (!opsUsed.contains(op)) throw new TableException(cpu + ": compares " + op + ": no form has that op");
        validate(cpu, fixedLength, rows, overlaps);
        return new IsaTable(cpu, machine, order, fixedLength, registers, rows, !overlaps.isEmpty());
    }

    private static <E extends Enum<E>> String opName(String name, Class<E> ops, int lineNo) {
        try {
            return Enum.valueOf(ops, name).name();
        } catch (IllegalArgumentException e) {
            throw error(lineNo, "op '" + name + "' is not one of " + List.of(ops.getEnumConstants()));
        }
    }

    private static <E extends Enum<E>> Row parseRow(String line, int lineNo, Registers regs, String flags, Class<E> ops) {
        String[] c = line.split("\\|", -1);
        if (c.length != 6) throw error(lineNo, "a form has 6 columns (form | syntax | encoding | op | flags | description), found " + c.length);
        for (int i = 0; i < c.length; i++) c[i] = c[i].strip();
        String form = c[0];
        String syntax = c[1];
        if (form.isEmpty() || syntax.isEmpty()) throw error(lineNo, "form and syntax must not be empty");
        Enum<?> op;
        try {
            op = Enum.valueOf(ops, c[3]);
        } catch (IllegalArgumentException e) {
            throw error(lineNo, form + ": op '" + c[3] + "' is not one of " + List.of(ops.getEnumConstants()));
        }

        // Syntax: mnemonic, then comma-separated operand templates.
        int sp = syntax.indexOf(' ');
        String mnemonic = sp < 0 ? syntax : syntax.substring(0, sp);
        List<Template> templates = new ArrayList<>();
        if (sp >= 0) {
            for (String t : syntax.substring(sp + 1).split(",")) templates.add(parseTemplate(t.strip(), lineNo, form, regs));
        }

        // Encoding: bytes, bit patterns and wide fields.
        String[] tokens = c[2].split("\\s+");
        List<int[]> bytes = new ArrayList<>(); // {mask, value}
        List<Field> fields = new ArrayList<>();
        Set<Character> placed = new HashSet<>();
        for (String tok : tokens) {
            if (tok.isEmpty()) continue;
            int at = bytes.size();
            if (tok.matches("[0-9A-Fa-f]{2}")) {
                bytes.add(new int[] {0xFF, Integer.parseInt(tok, 16)});
            } else if (tok.length() == 8 && tok.matches("[01a-z-]{8}")) {
                int mask = 0, value = 0;
                for (int bit = 0; bit < 8; bit++) {
                    char ch = tok.charAt(bit);
                    int pos = 7 - bit;
                    if (ch == '0' || ch == '1') {
                        mask |= 1 << pos;
                        if (ch == '1') value |= 1 << pos;
                    } else if (ch != '-') {
                        int end = bit;
                        while (end + 1 < 8 && tok.charAt(end + 1) == ch) end++;
                        if (!placed.add(ch) ) throw error(lineNo, form + ": field '" + ch + "' is placed twice");
                        fields.add(new Field(ch, FieldKind.BITS, at, 7 - end, end - bit + 1));
                        bit = end;
                    }
                }
                bytes.add(new int[] {mask, value});
            } else if (tok.matches("[a-z]:[a-z0-9]+")) {
                char name = tok.charAt(0);
                FieldKind kind = FieldKind.parse(tok.substring(2));
                if (kind == null) throw error(lineNo, form + ": unknown field kind in '" + tok + "'");
                if (!placed.add(name)) throw error(lineNo, form + ": field '" + name + "' is placed twice");
                fields.add(new Field(name, kind, at, 0, kind.bytes * 8));
                for (int i = 0; i < kind.bytes; i++) bytes.add(new int[] {0, 0});
            } else {
                throw error(lineNo, form + ": cannot read encoding token '" + tok + "'");
            }
        }
        if (bytes.isEmpty()) throw error(lineNo, form + ": empty encoding");
        if (bytes.get(0)[0] == 0) throw error(lineNo, form + ": the first byte must fix some bits");

        // Every template field is placed, every placed field is used, register fields fit the register file.
        Set<Character> used = new HashSet<>();
        for (Template t : templates) {
            for (char f : fieldsOf(t)) {
                Field field = fields.stream().filter(x -> x.name() == f).findFirst().orElse(null);
                if (field == null) throw error(lineNo, form + ": operand field '" + f + "' has no bits in the encoding");
                if (!used.add(f)) throw error(lineNo, form + ": field '" + f + "' used twice in the syntax");
                boolean isReg = t instanceof Template.Reg || (t instanceof Template.Mem m && m.base() == f);
                if (isReg && (field.kind() != FieldKind.BITS || field.width() != regs.bits()))
                    throw error(lineNo, form + ": register field '" + f + "' must be " + regs.bits() + " bits wide");
                if (!isReg && field.kind() == FieldKind.BITS && field.width() < 8 && !(t instanceof Template.Value))
                    throw error(lineNo, form + ": value field '" + f + "' is too narrow");
                boolean target = t instanceof Template.Value v && v.role().equals("target");
                boolean rel = field.kind() == FieldKind.REL8 || field.kind() == FieldKind.REL16;
                if (rel && !target) throw error(lineNo, form + ": a relative field can only hold a target");
            }
        }
        for (Field f : fields)
            if (!used.contains(f.name())) throw error(lineNo, form + ": field '" + f.name() + "' is in the encoding but not in the syntax");

        int[] mask = new int[bytes.size()];
        int[] value = new int[bytes.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = bytes.get(i)[0];
            value[i] = bytes.get(i)[1];
        }
        FlagEffects effects;
        try {
            effects = FlagEffects.parse(c[4], flags);
        } catch (IllegalArgumentException e) {
            throw error(lineNo, form + ": flags " + e.getMessage());
        }
        return new Row(form, mnemonic.toLowerCase(Locale.ROOT), List.copyOf(templates), syntax, c[2], op, c[4], c[5],
                List.copyOf(fields), mask, value, lineNo, effects, null, false);
    }

    private static Template parseTemplate(String t, int lineNo, String form, Registers regs) {
        switch (t) {
            case "rd": return new Template.Reg('d');
            case "rs": return new Template.Reg('s');
            case "rt": return new Template.Reg('t');
            default: break;
        }
        Character role = ROLES.get(t);
        if (role != null && !t.equals("disp") && !t.equals("addr")) return new Template.Value(t, role);
        if (t.startsWith("[") && t.endsWith("]")) {
            String in = t.substring(1, t.length() - 1).strip();
            if (in.equals("addr")) return new Template.Abs('i');
            String[] parts = in.split("\\+");
            String base = parts[0].strip();
            if (base.matches("r[dst]")) {
                if (parts.length == 1) return new Template.Mem(base.charAt(1), '\0');
                if (parts.length == 2 && parts[1].strip().equals("disp")) return new Template.Mem(base.charAt(1), 'i');
            }
        }
        if (t.matches("\\d+")) return new Template.Literal(Integer.parseInt(t));
        int code = regs.code(t);
        if (code >= 0) return new Template.FixedReg(code);
        throw error(lineNo, form + ": cannot read operand '" + t + "'");
    }

    private static List<Character> fieldsOf(Template t) {
        if (t instanceof Template.Reg r) return List.of(r.field());
        if (t instanceof Template.Value v) return List.of(v.field());
        if (t instanceof Template.Abs a) return List.of(a.field());
        if (t instanceof Template.Mem m) return m.disp() == '\0' ? List.of(m.base()) : List.of(m.base(), m.disp());
        return List.of();
    }

    private static void validate(String cpu, int fixedLength, List<Row> rows, List<String[]> overlaps) {
        Map<String, Row> byForm = new LinkedHashMap<>();
        for (Row r : rows) {
            if (byForm.put(r.form(), r) != null) throw error(r.line(), "form '" + r.form() + "' is defined twice");
            if (fixedLength > 0 && r.length() != fixedLength)
                throw error(r.line(), r.form() + " is " + r.length() + " bytes long; every " + cpu + " instruction is " + fixedLength);
        }
        Set<String> allowed = new HashSet<>();
        for (String[] o : overlaps) {
            int line = Integer.parseInt(o[2]);
            Row a = byForm.get(o[0]), b = byForm.get(o[1]);
            if (a == null || b == null) throw error(line, "overlap names an unknown form");
            if (!a.overlaps(b)) throw error(line, "overlap " + o[0] + " " + o[1] + " is stale: the two forms do not overlap");
            if (a.fixedBits() <= b.fixedBits()) throw error(line, "overlap: " + o[0] + " must fix more bits than " + o[1] + " to win");
            allowed.add(o[0] + " " + o[1]);
        }
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                Row a = rows.get(i), b = rows.get(j);
                if (a.overlaps(b) && !allowed.contains(a.form() + " " + b.form()) && !allowed.contains(b.form() + " " + a.form()))
                    throw error(b.line(), "forms " + a.form() + " and " + b.form() + " claim the same encoding");
            }
        }
    }

    private static int parseHexByte(String[] w, int lineNo) {
        if (w.length != 2 || !w[1].matches("[0-9A-Fa-f]{2}")) throw error(lineNo, "machine is one hex byte");
        return Integer.parseInt(w[1], 16);
    }

    private static int parseInt(String[] w, int lineNo) {
        try {
            return Integer.parseInt(w[1]);
        } catch (RuntimeException e) {
            throw error(lineNo, w[0] + " needs a number");
        }
    }

    private static TableException error(int line, String message) {
        return new TableException("table line " + line + ": " + message);
    }
}
