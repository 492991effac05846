package toyisa.debug;

import toyisa.isa.EncodingException;
import toyisa.isa.NativeSyntax;

/**
 * The expressions the REPL reads wherever it wants a number: addresses ({@code loop+4}, {@code sp+2}),
 * {@code print} ({@code p [sp] * 2}), breakpoint conditions ({@code a == 1 && c > 3}) and watches.
 * Pure: what a name means comes from a {@link Context}, so it is tested without a machine.
 *
 * <pre>
 * expr    = or
 * or      = and ("||" and)*          and = bitor ("&amp;&amp;" bitor)*
 * bitor   = xor ("|" xor)*           xor = bitand ("^" bitand)*       bitand = compare ("&amp;" compare)*
 * compare = sum (("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") sum)?
 * sum     = product (("+" | "-") product)*
 * product = unary (("*" | "/" | "%") unary)*
 * unary   = ("-" | "!" | "~" | "*") unary | primary        (* is gdb's dereference: the word at)
 * primary = NUMBER | 'c' | NAME | "$" | "$" NAME | "$" DIGITS | "(" expr ")" | "[" expr "]"
 * </pre>
 * Numbers are written as in the assembler ({@code 0104h}, {@code 0x104}, {@code 260}, {@code 0b101});
 * a NAME is a register, a label or {@code pc}; {@code $} alone is the PC, {@code $c} is register c as
 * gdb writes it, {@code $1} an earlier {@code print} result; {@code [e]} and {@code *e} are the 16-bit
 * word at address e in the CPU's byte order. Arithmetic is on 16-bit words; comparisons are unsigned
 * and give 1 or 0.
 */
public final class AddressExpression {
    /** What names mean. */
    public interface Context {
        int pc();

        /** A register's value, or null when there is no such register (or registers are not allowed here). */
        Integer register(String name);

        /** A label's address, or null. */
        Integer label(String name);

        /** The 16-bit word at an address. */
        int word(int address);

        boolean hasLabels();

        /** The {@code n}th value {@code print} showed, or null. */
        default Integer history(int n) {
            return null;
        }
    }

    private final String text;
    private final Context ctx;
    private int pos;

    private AddressExpression(String text, Context ctx) {
        this.text = text;
        this.ctx = ctx;
    }

    /** The value of an expression, 0..FFFFh; a mistake is a {@link UserError} that says what is wrong. */
    public static int evaluate(String text, Context ctx) {
        if (text == null || text.isBlank()) throw new UserError("missing address");
        AddressExpression e = new AddressExpression(text, ctx);
        int v = e.or();
        e.skipSpace();
        if (e.pos < text.length()) throw new UserError("cannot read the address '" + text.strip() + "'");
        return v & 0xFFFF;
    }

    /** The same context with registers hidden: a breakpoint location is an address, not a register's value. */
    public static Context withoutRegisters(Context c) {
        return new Context() {
            @Override public int pc() { return c.pc(); }
            @Override public Integer register(String name) { return null; }
            @Override public Integer label(String name) { return c.label(name); }
            @Override public int word(int address) { return c.word(address); }
            @Override public boolean hasLabels() { return c.hasLabels(); }
            @Override public Integer history(int n) { return c.history(n); }
        };
    }

    private int or() {
        int v = and();
        while (eat("||")) {
            int r = and();
            v = (v != 0 || r != 0) ? 1 : 0;
        }
        return v;
    }

    private int and() {
        int v = bitOr();
        while (eat("&&")) {
            int r = bitOr();
            v = (v != 0 && r != 0) ? 1 : 0;
        }
        return v;
    }

    private int bitOr() {
        int v = bitXor();
        while (peekSingle('|')) v = (v | bitXor()) & 0xFFFF;
        return v;
    }

    private int bitXor() {
        int v = bitAnd();
        while (eat("^")) v = (v ^ bitAnd()) & 0xFFFF;
        return v;
    }

    private int bitAnd() {
        int v = compare();
        while (peekSingle('&')) v = v & compare();
        return v;
    }

    private int compare() {
        int v = sum();
        String[] ops = {"==", "!=", "<=", ">=", "<", ">"};
        for (String op : ops) {
            if (eat(op)) {
                int r = sum();
                boolean t;
                switch (op) {
                    case "==": t = v == r; break;
                    case "!=": t = v != r; break;
                    case "<=": t = v <= r; break;
                    case ">=": t = v >= r; break;
                    case "<": t = v < r; break;
                    default: t = v > r; break;
                }
                return t ? 1 : 0;
            }
        }
        return v;
    }

    private int sum() {
        int v = product();
        while (true) {
            if (eat("+")) v = (v + product()) & 0xFFFF;
            else if (eat("-")) v = (v - product()) & 0xFFFF;
            else return v;
        }
    }

    private int product() {
        int v = unary();
        while (true) {
            if (eat("*")) {
                v = (v * unary()) & 0xFFFF;
            } else if (eat("/") || eat("%")) {
                boolean div = text.charAt(pos - 1) == '/';
                int r = unary();
                if (r == 0) throw new UserError("division by zero in '" + text.strip() + "'");
                v = div ? v / r : v % r;
            } else {
                return v;
            }
        }
    }

    private int unary() {
        if (eat("-")) return -unary() & 0xFFFF;
        if (eat("!")) return unary() == 0 ? 1 : 0;
        if (eat("~")) return ~unary() & 0xFFFF;
        if (eat("*")) return ctx.word(unary());
        return primary();
    }

    private int primary() {
        skipSpace();
        if (pos >= text.length()) throw new UserError("cannot read the address '" + text.strip() + "'");
        char ch = text.charAt(pos);
        if (ch == '(' || ch == '[') {
            pos++;
            int v = or();
            if (!eat(ch == '(' ? ")" : "]")) throw new UserError("missing '" + (ch == '(' ? ")" : "]") + "' in '" + text.strip() + "'");
            return ch == '(' ? v : ctx.word(v);
        }
        if (ch == '\'') {
            if (pos + 2 < text.length() && text.charAt(pos + 2) == '\'') {
                int v = text.charAt(pos + 1);
                pos += 3;
                return v & 0xFFFF;
            }
            throw new UserError("cannot read the address '" + text.strip() + "'");
        }
        if (ch == '$') {
            pos++;
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) pos++;
            String name = text.substring(start, pos);
            if (name.isEmpty()) return ctx.pc();
            if (name.chars().allMatch(Character::isDigit)) {
                Integer v = name.length() > 6 ? null : ctx.history(Integer.parseInt(name));
                if (v == null) throw new UserError("no value $" + name + " ('print' numbers the values it shows)");
                return v;
            }
            if (name.equalsIgnoreCase("pc")) return ctx.pc();
            Integer r = ctx.register(name);
            if (r == null) throw new UserError("no register $" + name);
            return r;
        }
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) pos++;
        if (pos == start) throw new UserError("cannot read the address '" + text.strip() + "'");
        String t = text.substring(start, pos);
        if (Character.isDigit(t.charAt(0))) {
            try {
                return NativeSyntax.number(t);
            } catch (EncodingException | RuntimeException e) {
                throw new UserError("'" + t + "' is not a number (write 0104h, 0x104 or 260)");
            }
        }
        if (t.equalsIgnoreCase("pc")) return ctx.pc();
        Integer r = ctx.register(t);
        if (r != null) return r;
        Integer label = ctx.label(t);
        if (label != null) return label;
        throw new UserError("no label or register '" + t + "'" + (ctx.hasLabels() ? "" : " (the program has no labels)"));
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    /** A single-character operator not followed by itself ({@code |} but not {@code ||}). */
    private boolean peekSingle(char op) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == op && (pos + 1 >= text.length() || text.charAt(pos + 1) != op)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean eat(String op) {
        skipSpace();
        if (!text.startsWith(op, pos)) return false;
        // '<' is not the start of '<=' and so on: the longer operators are tried first by the callers.
        pos += op.length();
        return true;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }
}
