package toyisa.vm;

/**
 * The fused compare-and-branch both cores pre-decode.
 *
 * <p>Portable code tests flags only right after cmp or test, so nearly every conditional jump a
 * program executes directly follows a compare. The cores pre-decode such a pair into one fused
 * operation: one dispatch instead of two, and the condition computed straight from the two compared
 * values instead of through four flag bits. The flags themselves are then kept lazily, as those two
 * values, and worked out only when something asks (flags(), a jump on N or V, a fault report, the
 * REPL).
 *
 * <p>Both CPUs' compares fit one rule: every condition is a comparison of the operands a and b (Z
 * from their 16-bit difference). A test of v is a compare of v with a constant chosen to give the
 * same flags: Intellio's test (C = 0: no borrow) is cmp v, 0; Armistice's tst (C = 0, which there
 * means a borrow) is cmp v, 10000h, a value above every 16-bit v. {@code ConditionsTest} checks both
 * cores' fused jumps against their tables' conditions.
 */
public final class CompareBranch {
    private CompareBranch() {}

    /** Portable conditions (the order of Armistice's jumps, so its condition field is one of these). */
    public static final int CC_Z = 0, CC_NZ = 1, CC_LT = 2, CC_GE = 3, CC_GT = 4, CC_LE = 5, CC_B = 6, CC_AE = 7,
            CC_A = 8, CC_BE = 9;

    /** Whether the jump after {@code cmp a, b} with portable condition {@code cc} is taken. */
    static boolean taken(int cc, int a, int b) {
        switch (cc) {
            case CC_Z: return ((a - b) & 0xFFFF) == 0;
            case CC_NZ: return ((a - b) & 0xFFFF) != 0;
            case CC_LT: return (short) a < (short) b;
            case CC_GE: return (short) a >= (short) b;
            case CC_GT: return (short) a > (short) b;
            case CC_LE: return (short) a <= (short) b;
            case CC_B: return a < b;
            case CC_AE: return a >= b;
            case CC_A: return a > b;
            default: return a <= b; // CC_BE
        }
    }
}
