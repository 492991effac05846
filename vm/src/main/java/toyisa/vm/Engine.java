package toyisa.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How guest code runs: the CPU's own interpreter, translated to the other CPU's code and run there
 * (either direction), on the jit (hot code compiled), or translated with the host code on the jit.
 * Every engine gives the interpreter's result to the instruction; they differ in speed and in what
 * their logs show. The labels are what the command line, exercise files, tables and JSON write.
 */
public enum Engine {
    /** The CPU's own interpreter: the pre-decoded fast loop. */
    INTERPRETER("interpreter"),
    /** The emulator: the guest translated to the other CPU's code, run on that CPU's interpreter. */
    TRANSLATED("translated"),
    /** The CPU's interpreter with the jit attached: hot code compiled. */
    JIT("jit"),
    /** The emulator with its host code on the jit. */
    TRANSLATED_JIT("translated+jit");

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    /** {@code interpreter}, {@code translated}, {@code jit}, {@code translated+jit}. */
    public String label() {
        return label;
    }

    /** True when the guest runs translated to the other CPU. */
    public boolean translated() {
        return this == TRANSLATED || this == TRANSLATED_JIT;
    }

    /** True when the jit compiles the code that runs (the guest's own, or the translator's host code). */
    public boolean jit() {
        return this == JIT || this == TRANSLATED_JIT;
    }

    /** The engine by its label (any case), or null. */
    public static Engine byLabel(String label) {
        if (label == null) return null;
        String l = label.toLowerCase(Locale.ROOT);
        for (Engine e : values()) if (e.label.equals(l)) return e;
        return null;
    }

    /** {@code interpreter, jit}: labels as an error message lists them. */
    public static String labels(List<Engine> engines) {
        List<String> out = new ArrayList<>();
        for (Engine e : engines) out.add(e.label);
        return String.join(", ", out);
    }
}
