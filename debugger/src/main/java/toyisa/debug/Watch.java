package toyisa.debug;

/** A watch on a register ({@code register >= 0}) or on the memory word at {@code address}: a data breakpoint. */
public record Watch(int id, int register, int address, String spec, Access access) {
    /** What a watch reacts to: a change of value (watch), a read (rwatch), any access (awatch). */
    public enum Access { CHANGE, READ, ACCESS }

    public Watch(int id, int register, int address, String spec) {
        this(id, register, address, spec, Access.CHANGE);
    }
}
