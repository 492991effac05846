package toyisa.asm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toyisa.isa.Registers;

/**
 * Operands and expressions as the parser gives them, made into the front end's values: a register,
 * a constant expression, a memory operand {@code [register + constant]} or an absolute address;
 * numbers in every notation the assembly takes, and quoted strings and characters with their
 * escapes. A mistake is an {@link Expr.Failure} with the column it points at.
 */
final class Operands {
    private final Registers regs;

    Operands(Registers regs) {
        this.regs = regs;
    }

    Stmt.Op operand(PasmParser.OperandContext oc) throws Expr.Failure {
        if (oc instanceof PasmParser.ValueOperandContext v) {
            Expr e = expr(v.expr());
            String name = Expr.nameOf(e);
            if (name != null && regs.code(name) >= 0) return new Stmt.Op.Reg(regs.code(name));
            String reg = register(e);
            if (reg != null)
                throw new Expr.Failure(e.col(), "'" + reg + "' is a register; a constant expression cannot use it",
                        "memory operands are written [register + constant]");
            return new Stmt.Op.Val(e);
        }
        Expr e = expr(((PasmParser.MemOperandContext) oc).expr());
        List<Expr> terms = new ArrayList<>();
        List<Boolean> negative = new ArrayList<>();
        flatten(e, false, terms, negative);
        int base = -1;
        Expr disp = null;
        for (int i = 0; i < terms.size(); i++) {
            Expr term = terms.get(i);
            String name = Expr.nameOf(term);
            if (name != null && regs.code(name) >= 0) {
                if (base >= 0 || negative.get(i))
                    throw new Expr.Failure(term.col(), "a memory operand has one base register, added: [register + constant]", null);
                base = regs.code(name);
                continue;
            }
            String reg = register(term);
            if (reg != null)
                throw new Expr.Failure(term.col(), "'" + reg + "' cannot be used that way in a memory operand",
                        "write [register + constant] or [address]");
            Expr signed = negative.get(i) ? new Expr.Unary('-', term, term.col()) : term;
            disp = disp == null ? signed : new Expr.Binary("+", disp, signed, disp.col());
        }
        if (base < 0) return new Stmt.Op.Abs(e);
        return new Stmt.Op.Mem(base, disp == null ? new Expr.Num(0, e.col()) : disp);
    }

    private static void flatten(Expr e, boolean neg, List<Expr> terms, List<Boolean> negative) {
        if (e instanceof Expr.Binary b && (b.op().equals("+") || b.op().equals("-"))) {
            flatten(b.left(), neg, terms, negative);
            flatten(b.right(), b.op().equals("-") != neg, terms, negative);
        } else {
            terms.add(e);
            negative.add(neg);
        }
    }

    /** The first register name anywhere in an expression, or {@code null}. */
    String register(Expr e) {
        if (e instanceof Expr.Name n) return regs.code(n.name()) >= 0 ? n.name() : null;
        if (e instanceof Expr.Unary u) return register(u.operand());
        if (e instanceof Expr.Func f) return register(f.arg());
        if (e instanceof Expr.Binary b) {
            String l = register(b.left());
            return l != null ? l : register(b.right());
        }
        return null;
    }

    Expr expr(PasmParser.ExprContext c) throws Expr.Failure {
        int col = c.getStart().getCharPositionInLine() + 1;
        if (c instanceof PasmParser.ParensContext p) return expr(p.expr());
        if (c instanceof PasmParser.FuncContext f) {
            String name = f.IDENT().getText().toLowerCase(Locale.ROOT);
            if (!name.equals("lo") && !name.equals("hi"))
                throw new Expr.Failure(col, "unknown function '" + f.IDENT().getText() + "'", "the functions are lo(x) and hi(x)");
            return new Expr.Func(name, expr(f.expr()), col);
        }
        if (c instanceof PasmParser.UnaryContext un) return new Expr.Unary(un.op.getText().charAt(0), expr(un.expr()), col);
        if (c instanceof PasmParser.BinaryContext b) return new Expr.Binary(b.op.getText(), expr(b.expr(0)), expr(b.expr(1)), col);
        if (c instanceof PasmParser.NumberContext n) return new Expr.Num(number(n.NUMBER().getText(), col), col);
        if (c instanceof PasmParser.CharContext ch) {
            byte[] b = unescape(ch.CHAR().getText(), col);
            String s = new String(b, StandardCharsets.UTF_8);
            if (s.codePointCount(0, s.length()) != 1) throw new Expr.Failure(col, "a character constant holds one character", null);
            return new Expr.Num(s.codePointAt(0), col);
        }
        if (c instanceof PasmParser.NameContext n) return new Expr.Name(n.IDENT().getText(), col);
        return new Expr.Here(col);
    }

    static long number(String text, int col) throws Expr.Failure {
        String s = text.toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("0x")) return Long.parseLong(s.substring(2), 16);
            if (s.startsWith("0b") && !s.endsWith("h")) return Long.parseLong(s.substring(2), 2);
            if (s.endsWith("h")) return Long.parseLong(s.substring(0, s.length() - 1), 16);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Expr.Failure(col, "number " + text + " is too large", "constants are 16 bits: -32768..65535 (0..0FFFFh)");
        }
    }

    /** The bytes of a quoted string or character (UTF-8), with \n \t \r \0 \\ \" \' \xHH. */
    static byte[] unescape(String quoted, int col) throws Expr.Failure {
        String s = quoted.substring(1, quoted.length() - 1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                if (Character.isSupplementaryCodePoint(cp)) i++;
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '0' -> out.write(0);
                case '\\', '"', '\'' -> out.write(e);
                case 'x' -> {
                    String hex = i + 3 <= s.length() ? s.substring(i + 1, i + 3) : "";
                    if (!hex.matches("[0-9A-Fa-f]{2}")) throw new Expr.Failure(col + i, "'\\x' needs two hex digits", "write \\x41 for 'A'");
                    out.write(Integer.parseInt(hex, 16));
                    i += 2;
                }
                default -> throw new Expr.Failure(col + i, "unknown escape '\\" + e + "'", "escapes: \\n \\t \\r \\0 \\\\ \\\" \\' \\xHH");
            }
        }
        return out.toByteArray();
    }
}
