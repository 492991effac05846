package toyisa.vm;

/**
 * Every way a program can die on the CPU, with the signal-like exit status a Unix shell would
 * report ({@code 128 + signal}) and the words it would print.
 */
public enum Fault {
    /** Undefined opcode or form (SIGILL). */
    ILLEGAL_INSTRUCTION(132, "Illegal instruction"),
    /** A read, write or instruction fetch that touches the null page 0000h–00FFh (SIGSEGV). */
    SEGMENTATION_FAULT(139, "Segmentation fault"),
    /** An Armistice word access at an odd address (SIGBUS). */
    MISALIGNED_ACCESS(135, "Bus error (misaligned access)"),
    /** {@code divu}/{@code remu}/{@code modu} by zero (SIGFPE). */
    DIVIDE_BY_ZERO(136, "Floating point exception (divide by zero)"),
    /** {@code int 13h} with a service number the HAL does not know (SIGSYS). */
    BAD_SYSTEM_CALL(159, "Bad system call"),
    /** {@code int} with a vector other than 13h (SIGSYS). */
    UNHANDLED_INTERRUPT(159, "Bad system call");

    private final int status;
    private final String shellWords;

    Fault(int status, String shellWords) {
        this.status = status;
        this.shellWords = shellWords;
    }

    public int exitStatus() {
        return status;
    }

    /** The words a shell prints when a process dies of this, e.g. {@code Illegal instruction}. */
    public String shellWords() {
        return shellWords;
    }

    /** Lower-case name for reports: {@code illegal instruction}. */
    public String title() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
