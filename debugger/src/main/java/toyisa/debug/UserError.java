package toyisa.debug;

/**
 * A mistake in what the user asked the debugger (an address that names nothing, a condition that
 * does not parse): its message says what is wrong and is shown as it is, never as a stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message, null, false, false);
    }
}
