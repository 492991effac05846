package toyisa.isa;

import java.util.ArrayList;
import java.util.List;

/**
 * What one form does to each flag of its CPU — writes it from the result, clears it, or keeps it —
 * read from the flags column of the table. The column has one spelling: {@code -} (every flag
 * kept), the written flags in the CPU's order ({@code ZSCO}), then the cleared ones
 * ({@code ZS, C=O=0}), then, where some are written and the rest neither written nor cleared, the
 * kept ones ({@code ZSC, O kept}). The reference card prints the same text.
 */
public final class FlagEffects {
    /** What a form does to one flag. */
    public enum Effect { KEPT, WRITTEN, CLEARED }

    private final String letters;
    private final Effect[] effects;

    private FlagEffects(String letters, Effect[] effects) {
        this.letters = letters;
        this.effects = effects;
    }

    /**
     * Reads a flags column for a CPU whose flags are {@code letters} (in its order).
     *
     * @throws IllegalArgumentException naming what is wrong, or the spelling it should have
     */
    public static FlagEffects parse(String text, String letters) {
        Effect[] e = new Effect[letters.length()];
        java.util.Arrays.fill(e, Effect.KEPT);
        String t = text.strip();
        if (!t.equals("-")) {
            boolean[] named = new boolean[letters.length()];
            for (String part : t.split(",")) {
                String p = part.strip();
                Effect effect;
                String flags;
                if (p.endsWith(" kept")) {
                    effect = Effect.KEPT;
                    flags = p.substring(0, p.length() - 5).strip();
                } else if (p.endsWith("=0")) {
                    effect = Effect.CLEARED;
                    flags = p.substring(0, p.length() - 2).replace("=", "");
                } else {
                    effect = Effect.WRITTEN;
                    flags = p;
                }
                if (flags.isEmpty()) throw new IllegalArgumentException("'" + text + "': an empty part");
                for (char f : flags.toCharArray()) {
                    int i = letters.indexOf(f);
                    if (i < 0) throw new IllegalArgumentException("'" + text + "': '" + f + "' is not a flag (the flags are " + letters + ")");
                    if (named[i]) throw new IllegalArgumentException("'" + text + "': flag " + f + " is named twice");
                    named[i] = true;
                    e[i] = effect;
                }
            }
        }
        FlagEffects fe = new FlagEffects(letters, e);
        if (!fe.toString().equals(t))
            throw new IllegalArgumentException("'" + text + "': write it as '" + fe + "' (written, then cleared =0, then kept)");
        return fe;
    }

    /** The CPU's flags, in its order. */
    public String letters() {
        return letters;
    }

    public Effect of(char flag) {
        int i = letters.indexOf(flag);
        if (i < 0) throw new IllegalArgumentException("no flag " + flag + " (the flags are " + letters + ")");
        return effects[i];
    }

    /**
     * The flags this form writes or clears, as a mask laid out as the machines lay out their flags:
     * the first letter the most significant bit ({@code ZSCO}: Z = 8, S = 4, C = 2, O = 1).
     */
    public int changed() {
        int m = 0;
        for (int i = 0; i < effects.length; i++) if (effects[i] != Effect.KEPT) m |= 1 << (effects.length - 1 - i);
        return m;
    }

    /** True when the form leaves every flag as it was. */
    public boolean keepsAll() {
        return changed() == 0;
    }

    private String with(Effect effect, String separator) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < effects.length; i++) if (effects[i] == effect) out.add(String.valueOf(letters.charAt(i)));
        return String.join(separator, out);
    }

    /** The column's one spelling: {@code -}, {@code NZCV}, {@code ZS, C=O=0}, {@code ZSC, O kept}. */
    @Override
    public String toString() {
        String written = with(Effect.WRITTEN, ""), cleared = with(Effect.CLEARED, "="), kept = with(Effect.KEPT, "");
        if (written.isEmpty() && cleared.isEmpty()) return "-";
        List<String> parts = new ArrayList<>();
        if (!written.isEmpty()) parts.add(written);
        if (!cleared.isEmpty()) parts.add(cleared + "=0");
        if (!kept.isEmpty()) parts.add(kept + " kept");
        return String.join(", ", parts);
    }
}
