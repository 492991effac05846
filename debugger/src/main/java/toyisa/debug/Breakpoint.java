package toyisa.debug;

/**
 * A breakpoint: stop before executing the instruction at {@code address} when its condition holds
 * (an {@link AddressExpression}, or null for always), after {@code ignore} more hits.
 */
public final class Breakpoint {
    private final int id;
    private final int address;
    private final String spec;
    final boolean temporary;
    String condition;
    int ignore;
    int hits;

    Breakpoint(int id, int address, String spec, boolean temporary) {
        this.id = id;
        this.address = address;
        this.spec = spec;
        this.temporary = temporary;
    }

    public int id() {
        return id;
    }

    public int address() {
        return address;
    }

    /** How the user named the location ({@code loop}, {@code fact.pasm:7}, {@code *0x10e}). */
    public String spec() {
        return spec;
    }

    /** True for a breakpoint deleted when first hit (gdb's tbreak). */
    public boolean temporary() {
        return temporary;
    }

    /** The condition, or null. Checked with {@link Debugger#evaluate} when it is set, so a typo is told at once. */
    public String condition() {
        return condition;
    }

    public void setCondition(String condition) {
        this.condition = condition;
    }

    /** Hits still to be ignored before this breakpoint stops a run. */
    public int ignore() {
        return ignore;
    }

    public void setIgnore(int count) {
        this.ignore = Math.max(0, count);
    }

    /** Times the run reached this breakpoint with its condition holding (ignored hits included). */
    public int hits() {
        return hits;
    }
}
