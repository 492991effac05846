package toyisa.container;

/**
 * A file is not a well-formed TXF or fat file. The message says what is wrong and where,
 * in words a user can act on (for example {@code "truncated TXF: segment 2 needs 512 bytes at offset 40, file has 100"}).
 */
public final class FormatException extends Exception {
    public FormatException(String message) {
        super(message);
    }
}
