package toyisa.asm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import toyisa.isa.Isa;
import toyisa.isa.IsaTable;
import toyisa.isa.Operand;

/**
 * What each portable instruction becomes on one CPU: a small declarative table, one line per
 * portable form, read from {@code toyisa/asm/lowering/<cpu>.lower}:
 *
 * <pre>
 * divu r, i   -> push %t ; mov %t, $2 ; divu $1, %t ; pop %t
 * out *       -> ! Intellio has no port I/O | use the HAL: ...
 * </pre>
 *
 * The right side is native syntax of the CPU, so the table reads like the reference card it
 * generates ({@code docs/portable.md}). Which native <em>form</em> each line becomes (short or long
 * jump, 8- or 16-bit constant) is the CPU table's business, decided when the values are known.
 * The table is checked as it loads: every native line must name a mnemonic of the CPU with operand
 * kinds some form accepts.
 */
final class Lowering {
    /** Operand kinds, one letter each: r register, i constant, m [reg + constant], a [constant]. */
    static final String KINDS = "rima";

    /** One native argument of a template. */
    sealed interface Arg {
        /** {@code $n}: the n-th portable operand, as it is. */
        record Param(int index) implements Arg {}

        /** A register the template names itself ({@code r0}). */
        record Reg(int code) implements Arg {}

        /** {@code %t}: a scratch register that no operand uses. */
        record Temp() implements Arg {}

        /** {@code [reg + $n]}: the n-th operand's address, relative to a register. */
        record MemOf(int base, int index) implements Arg {}
    }

    /**
     * One native instruction of a template.
     *
     * @param forms the CPU forms it can become, shortest first (the encoder picks by value)
     */
    record Native(String mnemonic, List<Arg> args, String text, List<String> forms) {}

    /**
     * One line of the table.
     *
     * @param kinds   operand kinds ({@code "ri"}), or {@code "*"} for any operands
     * @param natives what it becomes, or empty for an error line
     * @param error   the error message of an error line, else {@code null}
     * @param hint    the hint of an error line
     * @param native_ the right side as written
     */
    record Rule(String mnemonic, String kinds, List<Native> natives, String error, String hint, String native_) {
        /** The portable form as written: {@code add r, i}. */
        String portable() {
            if (kinds.equals("*")) return mnemonic + " …";
            StringBuilder sb = new StringBuilder(mnemonic);
            for (int i = 0; i < kinds.length(); i++) sb.append(i == 0 ? " " : ", ").append(kinds.charAt(i));
            return sb.toString();
        }
    }

    private final List<Rule> rules;
    private final List<Integer> temps;
    private final Map<String, List<Rule>> byMnemonic = new LinkedHashMap<>();

    private Lowering(List<Rule> rules, List<Integer> temps) {
        this.rules = List.copyOf(rules);
        this.temps = List.copyOf(temps);
        for (Rule r : rules) byMnemonic.computeIfAbsent(r.mnemonic(), k -> new ArrayList<>()).add(r);
    }

    private static final Map<String, Lowering> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The lowering for a CPU, or {@code null} when the assembler has none (native code only). */
    static Lowering of(Isa isa) {
        String text = resource(isa.id());
        if (text == null) return null;
        return CACHE.computeIfAbsent(isa.id(), k -> parse(isa, text));
    }

    static String resource(String id) {
        try (InputStream in = Lowering.class.getResourceAsStream("lowering/" + id + ".lower")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    static Lowering parse(Isa isa, String text) {
        List<Rule> rules = new ArrayList<>();
        List<Integer> temps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            String where = isa.id() + ".lower line " + (n + 1) + ": ";
            if (line.startsWith("temps ")) {
                for (String t : line.substring(6).strip().split("\\s+")) {
                    int code = isa.registers().code(t);
                    if (code < 0) throw new IllegalStateException(where + "'" + t + "' is not a register");
                    temps.add(code);
                }
                continue;
            }
            int arrow = line.indexOf("->");
            if (arrow < 0) throw new IllegalStateException(where + "expected 'portable -> native'");
            String left = line.substring(0, arrow).strip(), right = line.substring(arrow + 2).strip();
            int sp = left.indexOf(' ');
            String mnemonic = (sp < 0 ? left : left.substring(0, sp)).toLowerCase(Locale.ROOT);
            StringBuilder kinds = new StringBuilder();
            if (sp >= 0) {
                String ops = left.substring(sp + 1).strip();
                if (ops.equals("*")) kinds.append('*');
                else for (String k : ops.split(",")) {
                    k = k.strip();
                    if (k.length() != 1 || KINDS.indexOf(k.charAt(0)) < 0)
                        throw new IllegalStateException(where + "operand kind '" + k + "' is not one of r i m a");
                    kinds.append(k);
                }
            }
            if (right.startsWith("!")) {
                String[] mh = right.substring(1).split("\\|", 2);
                rules.add(new Rule(mnemonic, kinds.toString(), List.of(), mh[0].strip(),
                        mh.length > 1 ? mh[1].strip() : null, right));
                continue;
            }
            List<Native> natives = new ArrayList<>();
            for (String part : right.split(";")) natives.add(parseNative(isa, part.strip(), kinds.toString(), where));
            rules.add(new Rule(mnemonic, kinds.toString(), natives, null, null, right));
        }
        for (Rule r : rules)
            for (Native nat : r.natives())
                for (Arg a : nat.args())
                    if (a instanceof Arg.Temp && temps.isEmpty())
                        throw new IllegalStateException(isa.id() + ".lower: %t is used but no temps are declared");
        return new Lowering(rules, temps);
    }

    private static Native parseNative(Isa isa, String text, String kinds, String where) {
        int sp = text.indexOf(' ');
        String mnemonic = sp < 0 ? text : text.substring(0, sp);
        List<Arg> args = new ArrayList<>();
        List<Operand> sample = new ArrayList<>();
        List<Operand> small = new ArrayList<>(); // the same kinds with small values: 1, [rs + 0]
        if (sp >= 0) {
            for (String a : text.substring(sp + 1).split(",")) {
                a = a.strip();
                Arg arg;
                if (a.matches("\\$[1-9]")) {
                    int idx = a.charAt(1) - '1';
                    if (idx >= kinds.length()) throw new IllegalStateException(where + a + " has no portable operand");
                    arg = new Arg.Param(idx);
                    sample.add(sampleOf(kinds.charAt(idx)));
                    small.add(smallOf(kinds.charAt(idx)));
                } else if (a.equals("%t")) {
                    arg = new Arg.Temp();
                    sample.add(Operand.reg(1));
                    small.add(Operand.reg(1));
                } else if (a.matches("\\[\\s*\\w+\\s*\\+\\s*\\$[1-9]\\s*\\]")) {
                    String in = a.substring(1, a.length() - 1);
                    String reg = in.substring(0, in.indexOf('+')).strip();
                    int idx = in.charAt(in.indexOf('$') + 1) - '1';
                    int code = isa.registers().code(reg);
                    if (code < 0) throw new IllegalStateException(where + "'" + reg + "' is not a register");
                    if (idx >= kinds.length() || "ia".indexOf(kinds.charAt(idx)) < 0)
                        throw new IllegalStateException(where + a + " needs a constant or absolute operand");
                    arg = new Arg.MemOf(code, idx);
                    sample.add(Operand.mem(code, 0x200));
                    small.add(Operand.mem(code, 0x200));
                } else {
                    int code = isa.registers().code(a);
                    if (code < 0) throw new IllegalStateException(where + "cannot read native operand '" + a + "'");
                    arg = new Arg.Reg(code);
                    sample.add(Operand.reg(code));
                    small.add(Operand.reg(code));
                }
                args.add(arg);
            }
        }
        IsaTable table = isa.table();
        if (table.candidates(mnemonic, sample).isEmpty())
            throw new IllegalStateException(where + "no " + isa.name() + " form of '" + mnemonic + "' takes " + text);
        java.util.Set<toyisa.isa.Row> rows = new java.util.LinkedHashSet<>(table.candidates(mnemonic, small));
        rows.addAll(table.candidates(mnemonic, sample));
        List<String> forms = rows.stream().sorted(java.util.Comparator.comparingInt(toyisa.isa.Row::length))
                .map(toyisa.isa.Row::form).toList();
        return new Native(mnemonic.toLowerCase(Locale.ROOT), List.copyOf(args), text, forms);
    }

    private static Operand smallOf(char kind) {
        return switch (kind) {
            case 'r' -> Operand.reg(1);
            case 'i' -> Operand.num(1);
            case 'm' -> Operand.mem(1, 0);
            default -> Operand.abs(0x200);
        };
    }

    private static Operand sampleOf(char kind) {
        return switch (kind) {
            case 'r' -> Operand.reg(1);
            case 'i' -> Operand.num(0x1234);
            case 'm' -> Operand.mem(1, 0x200);
            default -> Operand.abs(0x200);
        };
    }

    List<Rule> rules() {
        return rules;
    }

    /** Scratch registers for {@code %t}, in order of preference. */
    List<Integer> temps() {
        return temps;
    }

    boolean isPortable(String mnemonic) {
        return byMnemonic.containsKey(mnemonic);
    }

    List<Rule> rulesFor(String mnemonic) {
        return byMnemonic.getOrDefault(mnemonic, List.of());
    }

    /** The line for a mnemonic with these operand kinds, or {@code null}. */
    Rule find(String mnemonic, String kinds) {
        for (Rule r : rulesFor(mnemonic)) if (r.kinds().equals(kinds) || r.kinds().equals("*")) return r;
        return null;
    }
}
