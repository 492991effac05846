package toyisa.vm;

/**
 * The HAL's services ({@code int 13h}, the number in {@code a}, the argument in {@code c}), the same
 * on both CPUs: what {@link Hal} does and what an editor says about a service number.
 */
public enum HalService {
    EXIT(0x00, "exit", "exit with the status c & FFh"),
    PRINT_NUMBER(0x10, "print number", "print c as an unsigned decimal number and a newline"),
    PRINT_CHAR(0x11, "print character", "print the low byte of c"),
    PRINT_STRING(0x12, "print string", "print the NUL-terminated string at the address in c (reading the null page faults)"),
    READ_CHAR(0x20, "read character", "read the next input byte into c; FFFFh at the end of input"),
    READ_NUMBER(0x21, "read number", "read one line of input as an unsigned decimal 0-65535 into c; FFFFh at the end of input or for anything else");

    /** The service number, in {@code a}. */
    public final int number;
    /** Its name, a few words. */
    public final String title;
    /** What it does, one sentence. */
    public final String description;

    HalService(int number, String title, String description) {
        this.number = number;
        this.title = title;
        this.description = description;
    }

    /** The service with this number, or {@code null} (a bad system call). */
    public static HalService of(int number) {
        for (HalService s : values()) if (s.number == number) return s;
        return null;
    }
}
