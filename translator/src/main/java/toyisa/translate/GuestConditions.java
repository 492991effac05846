package toyisa.translate;

import toyisa.intellio.Intellio;
import toyisa.intellio.IntellioOp;
import toyisa.isa.Condition;
import toyisa.isa.Row;

/**
 * Intellio's conditions, from its table's {@code cond} lines, in the forms the host code tests them:
 * which guest flags each reads, and how to test it on the guest flags kept canonically in r11
 * ({@link LazyFlags}: Z=8 S=4 C=2 O=1, the layout of the table's {@code flags ZSCO} line).
 */
final class GuestConditions {
    private GuestConditions() {}

    /**
     * How a condition is tested on r11: with {@code tst} of {@code mask}, taken when the result is
     * non-zero (or zero); {@code xored} first brings S onto O with {@code t = r11 ^ (r11 >> 2)}, so
     * bit 0 of t is S != O while Z stays at bit 3.
     */
    record CanonTest(boolean xored, int mask, boolean whenNonZero) {}

    private static final Condition[] BY_CC = new Condition[16];
    private static final CanonTest[] CANON = new CanonTest[16];
    /** For each flag bit, the condition code taken when that flag is clear. */
    private static final int[] WHEN_CLEAR = new int[16];

    static {
        java.util.Arrays.fill(WHEN_CLEAR, -1);
        if (!Intellio.TABLE.flags().equals("ZSCO"))
            throw new IllegalStateException("r11 keeps the guest flags as ZSCO; the table says " + Intellio.TABLE.flags());
        for (Row r : Intellio.TABLE.rows()) {
            if (r.condition() != null) BY_CC[((IntellioOp) r.op()).conditionCode()] = r.condition();
        }
        for (int cc = 0; cc < 16; cc++) {
            Condition c = BY_CC[cc];
            if (c == null) continue;
            CANON[cc] = canonTest(c);
            int reads = c.reads();
            if (Integer.bitCount(reads) == 1 && !c.holds(reads)) WHEN_CLEAR[reads] = cc;
        }
    }

    private static CanonTest canonTest(Condition c) {
        for (boolean xored : new boolean[] {false, true}) {
            for (int mask = 1; mask < 16; mask++) {
                for (boolean nonZero : new boolean[] {true, false}) {
                    boolean all = true;
                    for (int s = 0; s < 16 && all; s++) {
                        int t = xored ? s ^ (s >>> 2) : s;
                        all = c.holds(s) == (((t & mask) != 0) == nonZero);
                    }
                    if (all) return new CanonTest(xored, mask, nonZero);
                }
            }
        }
        throw new IllegalStateException("the translator cannot test the condition " + c + " on r11");
    }

    /** True when Intellio has a conditional jump with this condition code. */
    static boolean exists(int cc) {
        return cc >= 0 && cc < 16 && BY_CC[cc] != null;
    }

    static Condition of(int cc) {
        if (!exists(cc)) throw new IllegalArgumentException("no Intellio condition " + cc);
        return BY_CC[cc];
    }

    /** The guest flags condition {@code cc} reads, as LazyFlags bits. */
    static int reads(int cc) {
        return of(cc).reads();
    }

    /** True when the condition reads one flag only. */
    static boolean single(int cc) {
        return Integer.bitCount(reads(cc)) == 1;
    }

    /** For a condition on one flag: true when the jump is taken while that flag is set. */
    static boolean whenSet(int cc) {
        return of(cc).holds(reads(cc));
    }

    /** The condition code of the jump taken when {@code flag} (one LazyFlags bit) is clear. */
    static int whenClear(int flag) {
        if (flag <= 0 || flag >= 16 || WHEN_CLEAR[flag] < 0) throw new IllegalArgumentException("no Intellio jump on a clear flag " + flag);
        return WHEN_CLEAR[flag];
    }

    static CanonTest canon(int cc) {
        of(cc);
        return CANON[cc];
    }
}
