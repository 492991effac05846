package toyisa.isa;

/** A table that contradicts itself: the CPU cannot be built from it. Thrown when a table loads. */
public final class TableException extends RuntimeException {
    public TableException(String message) {
        super(message);
    }
}
