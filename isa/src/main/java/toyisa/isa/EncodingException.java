package toyisa.isa;

/**
 * An instruction that cannot be encoded: a value that does not fit its field, or operands that no
 * form of the mnemonic accepts. The message is written for the person who wrote the assembly.
 */
public final class EncodingException extends Exception {
    public EncodingException(String message) {
        super(message);
    }
}
