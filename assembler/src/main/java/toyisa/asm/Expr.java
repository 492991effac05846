package toyisa.asm;

/**
 * A constant expression of the source: {@code (TABLE + 2) * 4}, {@code lo(msg)}, {@code $}. Values
 * are computed in 64 bits and checked against the field they go into, so {@code 70000} is an error
 * rather than a silent 4464.
 */
sealed interface Expr {
    /** 1-based column where the expression starts (for the caret). */
    int col();

    record Num(long value, int col) implements Expr {}

    /** A label or {@code .equ} name. */
    record Name(String name, int col) implements Expr {}

    /** {@code $}: the address of the current statement. */
    record Here(int col) implements Expr {}

    record Unary(char op, Expr operand, int col) implements Expr {}

    record Binary(String op, Expr left, Expr right, int col) implements Expr {}

    /** {@code lo(x)} or {@code hi(x)}. */
    record Func(String name, Expr arg, int col) implements Expr {}

    /** How names get their values: the layout pass answers, and says when it had to guess. */
    /** The names an expression refers to, in order. */
    static void names(Expr e, java.util.List<String> out) {
        if (e instanceof Name n) out.add(n.name());
        else if (e instanceof Unary u) names(u.operand(), out);
        else if (e instanceof Binary b) {
            names(b.left(), out);
            names(b.right(), out);
        } else if (e instanceof Func f) names(f.arg(), out);
    }

    interface Env {
        /** The value of a name, or {@code null} when it is not (yet) defined. */
        Long lookup(String name, int col) throws Failure;

        long here();
    }

    /** Why an expression has no value; the column points at the culprit. */
    final class Failure extends Exception {
        final int col;
        final String hint;

        Failure(int col, String message, String hint) {
            super(message, null, false, false);
            this.col = col;
            this.hint = hint;
        }
    }

    static long eval(Expr e, Env env) throws Failure {
        if (e instanceof Num n) return n.value();
        if (e instanceof Here) return env.here();
        if (e instanceof Name n) {
            Long v = env.lookup(n.name(), n.col());
            if (v == null) throw new Failure(n.col(), "undefined symbol '" + n.name() + "'", null);
            return v;
        }
        if (e instanceof Unary u) {
            long v = eval(u.operand(), env);
            return switch (u.op()) {
                case '-' -> -v;
                case '~' -> ~v;
                default -> v;
            };
        }
        if (e instanceof Func f) {
            long v = eval(f.arg(), env);
            return f.name().equals("lo") ? v & 0xFF : (v >> 8) & 0xFF;
        }
        Binary b = (Binary) e;
        long l = eval(b.left(), env), r = eval(b.right(), env);
        switch (b.op()) {
            case "+": return l + r;
            case "-": return l - r;
            case "*": return l * r;
            case "&": return l & r;
            case "|": return l | r;
            case "^": return l ^ r;
            case "<<":
            case ">>":
                if (r < 0 || r > 63) throw new Failure(b.right().col(), "shift count " + r + " is out of range", "shift by 0..63");
                return b.op().equals("<<") ? l << r : l >> r;
            default:
                if (r == 0) throw new Failure(b.right().col(), "division by zero in a constant expression", null);
                return b.op().equals("/") ? l / r : l % r;
        }
    }

    /** True when the expression is exactly one name (a register candidate). */
    static String nameOf(Expr e) {
        return e instanceof Name n ? n.name() : null;
    }
}
