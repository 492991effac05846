package toyisa.repl;

/** A breakpoint: stop before executing the instruction at {@code address} (when its condition holds). */
final class Breakpoint {
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

    int id() {
        return id;
    }

    int address() {
        return address;
    }

    String spec() {
        return spec;
    }
}
