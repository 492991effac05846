package toyisa.isa;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CPU as one table, and everything that follows from it: the decoder, the encoder, form
 * selection for the assembler, and the disassembler. A table is text, one form per line:
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
public final class IsaTable {
    private static final Map<String, Character> ROLES = Map.of(
            "imm", 'i', "disp", 'i', "addr", 'i', "port", 'p', "vec", 'v', "target", 'j');
    // Compiled once: String.matches and split on a pattern compile it at every call, and the two
    // tables are read at the start of nearly every command, mostly by the bytecode interpreter.
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern HEX_BYTE = Pattern.compile("[0-9A-Fa-f]{2}");
    private static final Pattern BITS = Pattern.compile("[01a-z-]{8}");
    private static final Pattern WIDE_FIELD = Pattern.compile("[a-z]:[a-z0-9]+");
    private static final Pattern FLAG_LETTERS = Pattern.compile("[A-Z]{1,6}");
    private static final Pattern BASE_REGISTER = Pattern.compile("r[dst]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final String cpu;
    private final int machine;
    private final ByteOrder order;
    private final int fixedLength;
    private final Registers registers;
    private final List<Row> rows;
    private final Row[][] byFirstByte = new Row[256][];
    private final Map<String, List<Row>> byMnemonic = new HashMap<>();
    private final boolean hasOverlaps;

    private IsaTable(String cpu, int machine, ByteOrder order, int fixedLength, Registers registers, List<Row> rows,
                     boolean hasOverlaps) {
        this.cpu = cpu;
        this.hasOverlaps = hasOverlaps;
        this.machine = machine;
        this.order = order;
        this.fixedLength = fixedLength;
        this.registers = registers;
        this.rows = List.copyOf(rows);
        // Each row into the bucket of every first byte it matches (its free bits' every value), in
        // table order: far fewer steps than testing each of 256 bytes against every row.
        List<List<Row>> buckets = new ArrayList<>(256);
        for (int b = 0; b < 256; b++) buckets.add(new ArrayList<>());
        for (Row r : rows) {
            int free = ~r.mask()[0] & 0xFF;
            for (int bits = free; ; bits = (bits - 1) & free) {
                buckets.get(r.value()[0] | bits).add(r);
                if (bits == 0) break;
            }
        }
        for (int b = 0; b < 256; b++) {
            List<Row> match = buckets.get(b);
            // A declared overlap resolves to the more specific form (a stable sort, as List.sort).
            for (int i = 1; i < match.size(); i++) {
                Row r = match.get(i);
                int j = i;
                for (; j > 0 && match.get(j - 1).fixedBits() < r.fixedBits(); j--) match.set(j, match.get(j - 1));
                match.set(j, r);
            }
            byFirstByte[b] = match.toArray(new Row[0]);
        }
        for (Row r : rows) {
            byMnemonic.computeIfAbsent(r.mnemonic(), k -> new ArrayList<>()).add(r);
            if (!r.form().equals(r.mnemonic())) byMnemonic.computeIfAbsent(r.form(), k -> new ArrayList<>()).add(r);
        }
    }

    // ------------------------------------------------------------------ loading

    /** Loads and checks a table; {@code ops} is the CPU's operation enum that the op column names. */
    public static <E extends Enum<E>> IsaTable parse(String text, Class<E> ops) {
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
            String[] w = SPACES.split(line);
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
                    if (w.length != 2 || !FLAG_LETTERS.matcher(w[1]).matches()) throw error(lineNo, "flags names the flags in one word, like NZCV");
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
        String[] tokens = SPACES.split(c[2]);
        List<int[]> bytes = new ArrayList<>(); // {mask, value}
        List<Field> fields = new ArrayList<>();
        Set<Character> placed = new HashSet<>();
        for (String tok : tokens) {
            if (tok.isEmpty()) continue;
            int at = bytes.size();
            if (HEX_BYTE.matcher(tok).matches()) {
                bytes.add(new int[] {0xFF, Integer.parseInt(tok, 16)});
            } else if (tok.length() == 8 && BITS.matcher(tok).matches()) {
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
            } else if (WIDE_FIELD.matcher(tok).matches()) {
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
            if (BASE_REGISTER.matcher(base).matches()) {
                if (parts.length == 1) return new Template.Mem(base.charAt(1), '\0');
                if (parts.length == 2 && parts[1].strip().equals("disp")) return new Template.Mem(base.charAt(1), 'i');
            }
        }
        if (DIGITS.matcher(t).matches()) return new Template.Literal(Integer.parseInt(t));
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
        if (w.length != 2 || !HEX_BYTE.matcher(w[1]).matches()) throw error(lineNo, "machine is one hex byte");
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
