package toyisa.translate;

import static toyisa.translate.StatePage.*;

/**
 * The Armistice guest's flags N Z C V at a point of the host code: saved in the state page (a
 * compare's kind and operand values), a compare of guest registers the translator still has, or
 * unknown (before the block's first compare; a report there finds them by replay).
 */
record ArmisticeFlags(int kind, int a, int b, int imm) {
    static final int STATE = 0, CMP = 1, TST = 2, UNKNOWN = 3;
    static final ArmisticeFlags IN_STATE = new ArmisticeFlags(STATE, 0, 0, 0), NOT_KNOWN = new ArmisticeFlags(UNKNOWN, 0, 0, 0);

    boolean lazy() {
        return kind == CMP || kind == TST;
    }

    boolean uses(int g) {
        return lazy() && (a == g || b == g);
    }

    /** Guest N Z C V (bits 3..0) from the state page, or -1 if unknown. */
    int evaluate(byte[] state) {
        switch (kind) {
            case STATE:
                return word(state, FK) == KIND_CMP ? cmp(word(state, FA), word(state, FB)) : tst(word(state, FA));
            case CMP:
                return cmp(reg(state, a), b >= 0 ? reg(state, b) : imm);
            case TST:
                return tst(reg(state, a) & (b >= 0 ? reg(state, b) : imm));
            default:
                return -1;
        }
    }

    static int cmp(int x, int y) {
        int d = (x - y) & 0xFFFF;
        int n = d >>> 15, z = d == 0 ? 1 : 0, c = x >= y ? 1 : 0, v = ((x ^ y) & (x ^ d) & 0x8000) != 0 ? 1 : 0;
        return n << 3 | z << 2 | c << 1 | v;
    }

    static int tst(int r) {
        return (r >>> 15 & 1) << 3 | (r == 0 ? 1 : 0) << 2;
    }
}
