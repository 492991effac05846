package toyisa.translate;

/**
 * What the guest's flags are at one point of a translated block, without having computed them.
 *
 * <p>Intellio sets Z S C O on almost every arithmetic instruction; Armistice sets its flags only on
 * {@code cmp} and {@code tst}. Computing all four guest flags after every guest {@code add} would cost
 * a dozen host instructions, and nearly always for nothing: the next {@code cmp} overwrites them. So
 * the translator keeps them <em>lazy</em>: it remembers which instruction set them and where its
 * operands are (host registers or constants), and computes a flag only where something reads it —
 * usually a conditional jump, which then becomes one host {@code cmp} or {@code tst} and one jump.
 *
 * <p>Operands are <em>refs</em>: a host register number 0..15, or {@link #IMM} plus a 16-bit constant.
 * {@link #CANON} means the flags are in host register r11 as bits Z=8 S=4 C=2 O=1 (the only form
 * that crosses a block boundary); {@link #UNKNOWN} that nothing here knows them (they are dead for the
 * host code — only a fault report would show them, and it recovers them by replay).
 */
final class LazyFlags {
    enum Kind {
        /** Not known at this point (dead for the host code). */
        UNKNOWN,
        /** In r11 as bits Z=8 S=4 C=2 O=1. */
        CANON,
        /** Flags of {@code a - b}; both still hold their values ({@code cmp}). */
        CMP,
        /** {@code a = x - b} happened: flags of {@code x - b}, with {@code x = a + b}. */
        SUB,
        /** {@code a = 0 - x}: flags of {@code 0 - x}, with {@code x = -a}. */
        NEG,
        /** {@code a = x + b}: Z S from a, C = carry, O = signed overflow, with {@code x = a - b}. */
        ADD,
        /** Flags of {@code a AND b} (and/or/xor/test: for and/or/xor a = b = the result); C = O = 0. */
        LOGIC,
        /** {@code a = x + 1}: Z S O from a; C is r11's (when {@link #canonValid}). */
        INC,
        /** {@code a = x - 1}: Z S O from a; C is r11's (when {@link #canonValid}). */
        DEC,
        /** {@code a = b shifted by c} ({@link #shift} 0 shl, 1 shr, 2 sar); b = -1 when the original is gone; O is r11's. */
        SHIFT
    }

    static final int IMM = 0x10000;
    static final int NONE = -1;
    /** Bits of the canonical form in r11 (the same order as the Intellio interpreter's ZSCO). */
    static final int Z = 8, S = 4, C = 2, O = 1, ALL = 15;

    static final LazyFlags UNKNOWN_FLAGS = new LazyFlags(Kind.UNKNOWN, NONE, NONE, NONE, 0, false);
    static final LazyFlags CANON_FLAGS = new LazyFlags(Kind.CANON, NONE, NONE, NONE, 0, true);

    final Kind kind;
    final int a, b, c;
    final int shift;
    /** For INC, DEC, SHIFT: r11 held every flag when they ran, so the flag they keep is r11's. */
    final boolean canonValid;

    LazyFlags(Kind kind, int a, int b, int c, int shift, boolean canonValid) {
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.c = c;
        this.shift = shift;
        this.canonValid = canonValid;
    }

    static LazyFlags of(Kind kind, int a, int b) {
        return new LazyFlags(kind, a, b, NONE, 0, false);
    }

    static int imm(int value) {
        return IMM | (value & 0xFFFF);
    }

    static boolean isImm(int ref) {
        return ref >= IMM;
    }

    /** The flags this kind computes itself (the rest it keeps from before). */
    int defined() {
        switch (kind) {
            case INC: case DEC: return Z | S | O;
            case SHIFT: return Z | S | C;
            case UNKNOWN: case CANON: return 0;
            default: return ALL;
        }
    }

    /** True when the host register {@code reg} is one of the operands this record needs. */
    boolean uses(int reg) {
        if (kind == Kind.CANON) return reg == Translator.FLAGS;
        return a == reg || b == reg || c == reg;
    }

    /** The same record with operand register {@code from} replaced by {@code to} (after a copy). */
    LazyFlags moved(int from, int to) {
        return new LazyFlags(kind, a == from ? to : a, b == from ? to : b, c == from ? to : c, shift, canonValid);
    }

    /**
     * The guest flags as bits Z=8 S=4 C=2 O=1, computed from the host registers, or -1 when this
     * record cannot tell (UNKNOWN, or an operand that is gone).
     */
    int evaluate(int[] regs) {
        return evaluate(regs, true);
    }

    /**
     * As {@link #evaluate(int[])}; with {@code strict} false, a flag kept from r11 that was not valid
     * there is taken anyway — right for host code that needs only the flags this record computes
     * (the kept one is dead for it), wrong for a report.
     */
    int evaluate(int[] regs, boolean strict) {
        int canon = regs[Translator.FLAGS] & ALL;
        if (kind != Kind.SHIFT && kind != Kind.CANON && kind != Kind.UNKNOWN && (a == NONE || (b == NONE && needsB()))) return -1;
        switch (kind) {
            case UNKNOWN:
                return -1;
            case CANON:
                return canon;
            case CMP:
                return sub(v(a, regs), v(b, regs));
            case SUB: {
                int y = v(b, regs);
                return sub((v(a, regs) + y) & 0xFFFF, y);
            }
            case NEG:
                return sub(0, -v(a, regs) & 0xFFFF);
            case ADD: {
                int r = v(a, regs), y = v(b, regs);
                int x = (r - y) & 0xFFFF;
                int f = zs(r);
                if (x + y > 0xFFFF) f |= C;
                if (((x ^ r) & (y ^ r) & 0x8000) != 0) f |= O;
                return f;
            }
            case LOGIC:
                return zs(v(a, regs) & v(b, regs));
            case INC:
            case DEC: {
                if (!canonValid && strict) return -1;
                int r = v(a, regs);
                int f = zs(r) | (canon & C);
                if (r == (kind == Kind.INC ? 0x8000 : 0x7FFF)) f |= O;
                return f;
            }
            case SHIFT: {
                if ((!canonValid && strict) || c == NONE) return -1;
                int r = v(a, regs);
                int n = v(c, regs) & 15;
                int f = zs(r) | (canon & O);
                if (n == 0) return f;
                if (b == NONE) return -1;
                int x = v(b, regs);
                int bit = shift == 0 ? x >>> (16 - n) & 1 : x >>> (n - 1) & 1;
                return f | (bit != 0 ? C : 0);
            }
            default:
                return -1;
        }
    }

    private boolean needsB() {
        return kind == Kind.CMP || kind == Kind.SUB || kind == Kind.ADD || kind == Kind.LOGIC;
    }

    private static int v(int ref, int[] regs) {
        return isImm(ref) ? ref & 0xFFFF : regs[ref] & 0xFFFF;
    }

    private static int zs(int r) {
        return (r == 0 ? Z : 0) | ((r & 0x8000) != 0 ? S : 0);
    }

    private static int sub(int x, int y) {
        int d = (x - y) & 0xFFFF;
        int f = zs(d);
        if (x < y) f |= C;
        if (((x ^ y) & (x ^ d) & 0x8000) != 0) f |= O;
        return f;
    }

    @Override
    public String toString() {
        switch (kind) {
            case UNKNOWN: return "flags unknown";
            case CANON: return "flags in r11";
            case SHIFT: return "flags of " + (shift == 0 ? "shl" : shift == 1 ? "shr" : "sar") + " (" + ref(a) + ", " + ref(b) + ", " + ref(c) + ")";
            default: return "flags of " + kind.name().toLowerCase(java.util.Locale.ROOT) + " (" + ref(a) + (b == NONE ? "" : ", " + ref(b)) + ")";
        }
    }

    private static String ref(int r) {
        if (r == NONE) return "gone";
        return isImm(r) ? Integer.toString(r & 0xFFFF) : "r" + r;
    }
}
