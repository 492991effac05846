package toyisa.asm;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import toyisa.isa.EncodingException;
import toyisa.isa.Hex;
import toyisa.isa.Isa;
import toyisa.isa.IsaTable;
import toyisa.isa.Operand;
import toyisa.isa.Row;

/**
 * Gives every statement its address and bytes, in passes, until nothing moves.
 *
 * <p>Why passes: on Intellio a jump to a label is 2 bytes when the label is near and 3 or 4 when it
 * is far, and whether it is near depends on the sizes of everything in between — including other
 * jumps. So each pass encodes everything with the label addresses of the pass before, and any
 * instruction that needs a longer form than before gets it. Sizes only ever grow (an instruction
 * never goes back to a shorter form), so the passes end: there are finitely many forms to grow
 * into. A forward reference seen for the first time gets the shortest form, like a jump, and grows
 * when its value turns out not to fit ({@code mov a, label} on Intellio: {@code mov.i8} then
 * {@code mov.i16}). Armistice, fixed-length, settles in two passes.
 *
 * <p>Only the diagnostics of the last pass are kept: an earlier pass guesses forward values.
 */
final class Layout {
    static final int MAX_PASSES = 40;

    /** One line of the listing: address, bytes, and the source line (null for continuation lines). */
    record ListingRow(int address, byte[] bytes, Stmt.Loc loc, boolean fill) {}

    /** Where code came from: the debugger's line table. */
    /** @param mnemonic the instruction as written, or null for a directive */
    record Line(int address, int length, String file, int line, String text, String mnemonic) {}

    private final Isa isa;
    private final IsaTable table;
    private final int origin;
    private final List<Stmt> stmts;
    private final Set<String> known = new HashSet<>();
    private final int[][] minLen;

    // Results of the latest pass.
    private final byte[] image = new byte[0x10000];
    private final BitSet written = new BitSet(0x10000);
    private List<Diagnostic> diags = new ArrayList<>();
    private Map<String, Long> values = new LinkedHashMap<>();
    private Map<String, Long> labels = new LinkedHashMap<>();
    private List<ListingRow> listing = new ArrayList<>();
    private List<Line> lines = new ArrayList<>();
    private int passes;

    Layout(Isa isa, int origin, List<Stmt> stmts) {
        this.isa = isa;
        this.table = isa.table();
        this.origin = origin;
        this.stmts = stmts;
        this.minLen = new int[stmts.size()][];
        for (int i = 0; i < stmts.size(); i++) {
            Stmt s = stmts.get(i);
            if (s instanceof Stmt.Insn in) minLen[i] = new int[in.natives().size()];
            if (s instanceof Stmt.Label l) known.add(l.name());
            if (s instanceof Stmt.Equ e) known.add(e.name());
        }
    }

    void run() {
        if (equCycle()) return;
        Map<String, Long> prev = new HashMap<>(), older = prev;
        for (passes = 1; passes <= MAX_PASSES; passes++) {
            boolean grew = pass(prev);
            boolean moved = !values.equals(prev);
            older = prev;
            prev = values;
            if (!grew && !moved) {
                warnPortability();
                return;
            }
        }
        // Point at the first name whose value still moves: that is where the circle is.
        Stmt at = stmts.get(0);
        String moving = null;
        for (Stmt s : stmts) {
            String name = s instanceof Stmt.Equ e ? e.name() : s instanceof Stmt.Label l ? l.name() : null;
            if (name != null && !java.util.Objects.equals(values.get(name), older.get(name))) {
                at = s;
                moving = name;
                break;
            }
        }
        error(at.loc(), moving == null ? "the addresses do not settle after " + MAX_PASSES + " passes"
                        : "the value of '" + moving + "' does not settle after " + MAX_PASSES + " passes",
                "does it depend on itself, or on a label that moves with it (.org, .space, .align of a later label)?");
    }

    /** A value as the source would write it, unmasked: -1, 42, 10000h. */
    private static String number(long v) {
        if (v < 0) return Long.toString(v);
        if (v < 10) return Long.toString(v);
        String h = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
        return (Character.isLetter(h.charAt(0)) ? "0" : "") + h + "h";
    }

    /**
     * {@code .equ X, Y} with {@code .equ Y, X}: each pass would give both the other's old value (0),
     * and the values would "settle" at 0. A constant that depends on itself is an error, named with its circle.
     */
    private boolean equCycle() {
        Map<String, Stmt.Equ> equs = new LinkedHashMap<>();
        for (Stmt s : stmts) if (s instanceof Stmt.Equ e) equs.putIfAbsent(e.name(), e);
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (Stmt.Equ e : equs.values()) {
            java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
            List<String> circle = cycleFrom(e.name(), equs, state, path);
            if (circle != null) {
                error(e.loc(), "'" + e.name() + "' is defined in terms of itself: " + String.join(" → ", circle),
                        "give one of them a value that does not depend on the others");
                return true;
            }
        }
        return false;
    }

    private static List<String> cycleFrom(String name, Map<String, Stmt.Equ> equs, Map<String, Integer> state,
                                          java.util.ArrayDeque<String> path) {
        Stmt.Equ e = equs.get(name);
        if (e == null || Integer.valueOf(2).equals(state.get(name))) return null;
        if (Integer.valueOf(1).equals(state.get(name))) {
            List<String> circle = new ArrayList<>();
            boolean in = false;
            for (java.util.Iterator<String> it = path.descendingIterator(); it.hasNext(); ) {
                String n = it.next();
                if (n.equals(name)) in = true;
                if (in) circle.add(n);
            }
            circle.add(name);
            return circle;
        }
        state.put(name, 1);
        path.push(name);
        List<String> refs = new ArrayList<>();
        Expr.names(e.value(), refs);
        for (String r : refs) {
            List<String> c = cycleFrom(r, equs, state, path);
            if (c != null) return c;
        }
        path.pop();
        state.put(name, 2);
        return null;
    }

    // ------------------------------------------------------------------ one pass

    private Map<String, Long> prevValues;
    private Map<String, Long> cur;
    private long pc;
    private boolean guessed;
    private final Set<String> poisoned = new HashSet<>();
    private final Set<Diagnostic> reported = new HashSet<>();

    /** One pass over the program; true when some instruction needed a longer form. */
    private boolean pass(Map<String, Long> prev) {
        prevValues = prev;
        cur = new LinkedHashMap<>();
        labels = new LinkedHashMap<>();
        diags = new ArrayList<>();
        listing = new ArrayList<>();
        lines = new ArrayList<>();
        poisoned.clear();
        reported.clear();
        java.util.Arrays.fill(image, (byte) 0);
        written.clear();
        pc = origin;
        boolean grew = false;
        for (int i = 0; i < stmts.size(); i++) {
            Stmt s = stmts.get(i);
            long start = pc;
            if (s instanceof Stmt.Label l) {
                cur.put(l.name(), pc);
                labels.put(l.name(), pc);
            } else if (s instanceof Stmt.Equ e) {
                Long v = eval(e.value(), e.loc());
                if (v == null) poisoned.add(e.name());
                cur.put(e.name(), v == null ? 0 : v);
            } else if (s instanceof Stmt.Org o) {
                Long v = eval(o.address(), o.loc());
                if (v != null) {
                    if (v < origin || v > 0xFFFF)
                        error(o.loc(), ".org " + number(v) + " is outside the program",
                                "addresses run from the load address " + Hex.addr(origin) + " to 0FFFFh");
                    else pc = v;
                }
            } else if (s instanceof Stmt.Align a) {
                Long v = eval(a.boundary(), a.loc());
                if (v != null) {
                    if (v < 1 || v > 0x8000 || (v & (v - 1)) != 0)
                        error(a.loc(), ".align " + v + " is not a power of two", "write .align 2, .align 4, .align 256 …");
                    else fill(s, (int) ((v - pc % v) % v), 0);
                }
            } else if (s instanceof Stmt.Space sp) {
                Long n = eval(sp.count(), sp.loc());
                Long f = eval(sp.fill(), sp.loc());
                if (n != null && (n < 0 || n > 0x10000)) error(sp.loc(), ".space " + n + " is not a size", "a size is 0..65536");
                else if (f != null && !fits(f, 8)) error(sp.loc().at(sp.fill().col()), "fill " + f + " does not fit in a byte", "a byte is -128..255");
                else if (n != null) fill(s, (int) (long) n, f == null ? 0 : (int) (long) f);
            } else if (s instanceof Stmt.Data d) {
                data(d);
            } else if (s instanceof Stmt.Insn in) {
                grew |= instruction(in, minLen[i]);
            }
            if (pc > start && !(s instanceof Stmt.Org)) {
                Stmt.Loc loc = s.loc();
                lines.add(new Line((int) start, (int) (pc - start), loc.file(), loc.line(), loc.text(),
                        s instanceof Stmt.Insn in ? in.mnemonic() : null));
            }
        }
        values = cur;
        return grew;
    }

    private void fill(Stmt s, int count, int value) {
        byte[] b = new byte[count];
        java.util.Arrays.fill(b, (byte) value);
        emit(s.loc(), b, true, true);
    }

    private void data(Stmt.Data d) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean big = isa.byteOrder() == ByteOrder.BIG_ENDIAN;
        for (Object item : d.items()) {
            if (item instanceof byte[] b) {
                out.write(b, 0, b.length);
                continue;
            }
            Expr e = (Expr) item;
            long v = orZero(eval(e, d.loc()));
            if (!fits(v, d.width() * 8)) {
                error(d.loc().at(e.col()), "value " + v + " does not fit in a " + (d.width() == 1 ? "byte" : "word"),
                        d.width() == 1 ? "a byte is -128..255" : "a word is -32768..65535");
            }
            if (d.width() == 1) out.write((int) v);
            else if (big) {
                out.write((int) (v >> 8));
                out.write((int) v);
            } else {
                out.write((int) v);
                out.write((int) (v >> 8));
            }
        }
        emit(d.loc(), out.toByteArray(), true, false);
    }

    /** Encodes one instruction; true when one of its native instructions needed a longer form. */
    private boolean instruction(Stmt.Insn in, int[] min) {
        boolean grew = false;
        int k = 0;
        for (Stmt.NativeOp op : in.natives()) {
            guessed = false;
            List<Operand> operands = new ArrayList<>();
            boolean bad = false;
            for (Stmt.Op o : op.operands()) {
                Operand v = operand(o, in);
                if (v == null) {
                    bad = true;
                    v = Operand.num(0);
                }
                operands.add(v);
            }
            byte[] bytes = bad ? null : encode(in, op, operands, min[k]);
            if (bytes == null) {
                int len = longest(op, operands, min[k]);
                bytes = new byte[len];
            }
            if (bytes.length > min[k]) {
                if (min[k] != 0) grew = true;
                min[k] = bytes.length;
            }
            emit(in.loc(), bytes, k == 0, false);
            k++;
        }
        return grew;
    }

    /** The bytes of the shortest form at least {@code min} long that takes these operands; null after an error. */
    private byte[] encode(Stmt.Insn in, Stmt.NativeOp op, List<Operand> operands, int min) {
        List<Row> rows = table.candidates(op.mnemonic(), operands);
        if (rows.isEmpty()) {
            try {
                table.assemble(op.mnemonic(), operands, (int) pc); // for its message
                error(in.loc(), "no " + isa.name() + " form of '" + op.mnemonic() + "' takes these operands", null);
            } catch (EncodingException e) {
                error(in.loc(), e.getMessage(), null);
            }
            return null;
        }
        EncodingException last = null;
        for (Row r : rows) {
            if (r.length() < min) continue;
            // A value guessed for a forward reference: take the form, the next pass checks the fit.
            if (guessed) return new byte[r.length()];
            try {
                return table.encode(r, operands, (int) pc);
            } catch (EncodingException e) {
                last = e;
            }
        }
        if (last == null) return new byte[min];
        String message = last.getMessage();
        if (message.startsWith("vec ")) message = "interrupt vector" + message.substring(3);
        error(in.loc().at(in.valueCol()), message, rangeHint(message));
        return null;
    }

    private int longest(Stmt.NativeOp op, List<Operand> operands, int min) {
        int len = min;
        for (Row r : table.forms(op.mnemonic())) len = Math.max(len, r.length());
        return Math.max(len, 1);
    }

    private static String rangeHint(String message) {
        if (message.contains("short jump")) return "a long form exists only for some jumps; move the target closer";
        return null;
    }

    private Operand operand(Stmt.Op o, Stmt.Insn in) {
        if (o instanceof Stmt.Op.Reg r) return Operand.reg(r.code());
        if (o instanceof Stmt.Op.Val v) {
            Long x = word(v.expr(), in.loc(), "constant");
            return x == null ? null : Operand.num((int) (long) x);
        }
        if (o instanceof Stmt.Op.Mem m) {
            Long x = word(m.disp(), in.loc(), "displacement");
            return x == null ? null : Operand.mem(m.base(), (int) (long) x);
        }
        Long x = word(((Stmt.Op.Abs) o).addr(), in.loc(), "address");
        return x == null ? null : Operand.abs((int) (long) x);
    }

    /** A 16-bit value (-32768..65535), or null after an error. */
    private Long word(Expr e, Stmt.Loc loc, String what) {
        Long v = eval(e, loc);
        if (v == null) return null;
        if (!fits(v, 16)) {
            error(loc.at(e.col()), what + " " + v + " does not fit in 16 bits", "16-bit values are -32768..65535 (0..0FFFFh)");
            return null;
        }
        return v;
    }

    private static boolean fits(long v, int bits) {
        return v >= -(1L << (bits - 1)) && v < (1L << bits);
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private void emit(Stmt.Loc loc, byte[] bytes, boolean first, boolean fill) {
        if (bytes.length == 0) return;
        long start = pc;
        if (start + bytes.length > 0x10000) {
            error(loc, "the program runs past the end of memory (0FFFFh)", null);
            pc = start + bytes.length;
            return;
        }
        boolean overlap = false;
        for (int i = 0; i < bytes.length; i++) {
            int a = (int) start + i;
            if (written.get(a)) overlap = true;
            written.set(a);
            image[a] = bytes[i];
        }
        if (overlap) error(loc, "this overwrites bytes already placed at " + Hex.addr((int) start) + "…",
                "a .org went back over earlier code or data");
        listing.add(new ListingRow((int) start, bytes, first ? loc : null, fill));
        pc = start + bytes.length;
    }

    // ------------------------------------------------------------------ values

    private Long eval(Expr e, Stmt.Loc loc) {
        final long here = pc;
        try {
            return Expr.eval(e, new Expr.Env() {
                @Override
                public Long lookup(String name, int col) {
                    Long v = cur.get(name);
                    if (v != null) {
                        if (poisoned.contains(name)) guessed = true;
                        return v;
                    }
                    v = prevValues.get(name);
                    if (v != null) return v;
                    if (known.contains(name)) {
                        guessed = true; // a forward reference in the first pass
                        return 0L;
                    }
                    return null;
                }

                @Override
                public long here() {
                    return here;
                }
            });
        } catch (Expr.Failure f) {
            String hint = f.hint;
            if (hint == null && f.getMessage().startsWith("undefined symbol")) {
                String name = f.getMessage().substring(f.getMessage().indexOf('\'') + 1, f.getMessage().lastIndexOf('\''));
                hint = Habits.symbol(name, isa);
                if (hint == null) hint = Suggestions.suggest(name, known);
            }
            error(loc.at(f.col), f.getMessage(), hint);
            return null;
        }
    }

    // ------------------------------------------------------------------ portability

    /**
     * Portable code may test only flags set by {@code cmp} and {@code test}: Armistice's arithmetic
     * does not set flags at all, Intellio's does. A conditional jump whose flags come from anything
     * else (the last flag-writing instruction before it, in straight-line code) works on one CPU
     * and not the other, so it gets a warning. A label or an unconditional transfer forgets what
     * set the flags: control may come from elsewhere.
     */
    private void warnPortability() {
        Stmt.Insn setter = null;
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Label) {
                setter = null;
                continue;
            }
            if (!(s instanceof Stmt.Insn in)) continue;
            switch (in.effect()) {
                case COMPARE, BARRIER -> setter = null;
                case ARITHMETIC -> setter = in;
                case BRANCH -> {
                    if (setter != null) {
                        Stmt.Loc loc = in.loc();
                        diags.add(new Diagnostic(Diagnostic.Severity.WARNING, loc.file(), loc.line(), loc.col(),
                                "portability: '" + in.mnemonic() + "' tests flags set by '" + setter.mnemonic() + "' (line "
                                        + setter.loc().line() + "); only cmp and test set flags on every CPU",
                                "Armistice arithmetic leaves the flags alone: compare first (cmp r, 0 or test r, r)",
                                loc.text(), loc.note()));
                    }
                }
                default -> { }
            }
        }
    }

    private void error(Stmt.Loc loc, String message, String hint) {
        Diagnostic d = new Diagnostic(Diagnostic.Severity.ERROR, loc.file(), loc.line(), loc.col(), message, hint, loc.text(), loc.note());
        // Past a screenful of errors the rest are counted by the caller, not kept: a runaway
        // program (64K of code past the end of memory) must not cost quadratic time.
        if (diags.size() <= 2 * Assembler.MAX_DIAGNOSTICS && reported.add(d)) diags.add(d);
    }

    // ------------------------------------------------------------------ results

    List<Diagnostic> diagnostics() {
        return diags;
    }

    byte[] image() {
        return image;
    }

    /** Highest address written plus one, or the origin when nothing was. */
    int end() {
        int last = written.length();
        return Math.max(last, origin);
    }

    int passes() {
        return passes;
    }

    Map<String, Long> values() {
        return values;
    }

    Map<String, Long> labels() {
        return labels;
    }

    List<ListingRow> listing() {
        return listing;
    }

    List<Line> lines() {
        return lines;
    }
}
