package toyisa.bench;

/** How a guest binary is executed. */
public enum Engine {
    /** The CPU's own interpreter: the pre-decoded fast loop, {@code Machine.run()}. */
    INTERPRETER("interpreter"),
    /** The emulator: a guest translated to the other CPU's host code and run on that host (either direction). */
    TRANSLATED("translated"),
    /** The jit engine: hot code compiled to JVM bytecode ({@code toyisa run --engine jit}). */
    JIT("jit"),
    /** The emulator with its Armistice host code on the jit engine ({@code toyisa emulate --engine jit}). */
    TRANSLATED_JIT("translated+jit");

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    /** The lower-case name the table, the JSON and the command line use. */
    public String label() {
        return label;
    }

    public static Engine byLabel(String label) {
        for (Engine e : values()) if (e.label.equals(label)) return e;
        throw new IllegalArgumentException("no engine '" + label + "' (known: interpreter, translated, jit, translated+jit)");
    }
}
