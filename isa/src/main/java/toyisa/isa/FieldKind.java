package toyisa.isa;

/**
 * How a field's bits sit in the instruction bytes. {@code BITS} fields live inside a bit pattern
 * ({@code 00100ddd}); the others take whole bytes, named {@code f:kind} in an encoding.
 */
public enum FieldKind {
    /** Bits inside one byte of a bit pattern; unsigned. */
    BITS(0),
    /** One byte, unsigned. */
    U8(1),
    /** One byte, sign-extended to 16 bits. */
    S8(1),
    /** Two bytes, big-endian. */
    BE16(2),
    /** Two bytes, little-endian. */
    LE16(2),
    /** One signed byte, relative to the next instruction; the field's value is the absolute target. */
    REL8(1),
    /** Two little-endian bytes, relative to the next instruction; the value is the absolute target. */
    REL16(2);

    final int bytes;

    FieldKind(int bytes) {
        this.bytes = bytes;
    }

    static FieldKind parse(String s) {
        for (FieldKind k : values()) if (k != BITS && k.name().equalsIgnoreCase(s)) return k;
        return null;
    }
}
