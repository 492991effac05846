package toyisa.isa;

/**
 * When a conditional jump is taken, over its CPU's flags, as the table's {@code cond} lines give it:
 * {@code Z}, {@code !C}, {@code C or Z}, {@code S != O}, {@code !Z and S == O}. Held as a truth
 * table over every state of the flags, so it is evaluated, compared and printed from one value.
 * A state of the flags is laid out as the machines lay it out: the first letter the most
 * significant bit ({@code NZCV}: N = 8, Z = 4, C = 2, V = 1).
 */
public final class Condition {
    private final String text;
    private final String letters;
    /** Bit s is set when the jump is taken in flag state s. */
    private final long truth;
    private final int reads;

    private Condition(String text, String letters, long truth, int reads) {
        this.text = text;
        this.letters = letters;
        this.truth = truth;
        this.reads = reads;
    }

    /**
     * Reads a condition: terms joined by {@code or} or by {@code and} (not both); a term is a flag,
     * {@code !}flag, or two flags compared with {@code ==} or {@code !=}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Condition parse(String text, String letters) {
        if (letters.length() > 6) throw new IllegalArgumentException("at most 6 flags");
        String t = text.strip();
        boolean or = t.contains(" or "), and = t.contains(" and ");
        if (or && and) throw new IllegalArgumentException("'" + text + "': use 'or' or 'and', not both");
        String[] terms = t.split(and ? " and " : " or ");
        int states = 1 << letters.length();
        long truth = 0;
        int reads = 0;
        for (String term : terms) reads |= readsOf(term.strip(), letters, text);
        for (int s = 0; s < states; s++) {
            boolean v = and;
            for (String term : terms) {
                boolean x = term(term.strip(), letters, s);
                v = and ? v && x : v || x;
            }
            if (v) truth |= 1L << s;
        }
        return new Condition(t, letters, truth, reads);
    }

    /** The bit of a flag in a state. */
    private static int flag(char f, String letters, String text) {
        int i = letters.indexOf(f);
        if (i < 0) throw new IllegalArgumentException("'" + text + "': '" + f + "' is not a flag (the flags are " + letters + ")");
        return letters.length() - 1 - i;
    }

    private static int readsOf(String term, String letters, String text) {
        String s = term.replace(" ", "");
        if (s.matches("!?[A-Z]")) return 1 << flag(s.charAt(s.length() - 1), letters, text);
        if (s.matches("[A-Z](==|!=)[A-Z]")) return 1 << flag(s.charAt(0), letters, text) | 1 << flag(s.charAt(s.length() - 1), letters, text);
        throw new IllegalArgumentException("'" + text + "': cannot read '" + term + "' (a flag, !flag, or flag == flag / flag != flag)");
    }

    private static boolean term(String term, String letters, int state) {
        String s = term.replace(" ", "");
        if (s.length() == 1) return (state >> flag(s.charAt(0), letters, term) & 1) != 0;
        if (s.length() == 2) return (state >> flag(s.charAt(1), letters, term) & 1) == 0;
        boolean a = (state >> flag(s.charAt(0), letters, term) & 1) != 0, b = (state >> flag(s.charAt(s.length() - 1), letters, term) & 1) != 0;
        return s.contains("==") ? a == b : a != b;
    }

    /** Whether the jump is taken when the flags are {@code state} (as {@code Machine.flags()} gives them). */
    public boolean holds(int state) {
        return (truth >> (state & ((1 << letters.length()) - 1)) & 1) != 0;
    }

    /** The flags it reads, as a mask laid out as a state. */
    public int reads() {
        return reads;
    }

    /** The CPU's flags, in its order. */
    public String letters() {
        return letters;
    }

    /** As the table writes it. */
    @Override
    public String toString() {
        return text;
    }
}
