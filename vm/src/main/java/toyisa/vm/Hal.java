package toyisa.vm;

import toyisa.isa.Hex;

/**
 * The platform's HAL: {@code int 13h} with the service number in one register and its argument in
 * another (Armistice r1/r3, Intellio a/c), the same services on both CPUs ({@link HalService}, docs/platform.md). Any
 * other vector, or a service that does not exist, is a fault.
 */
final class Hal {
    private Hal() {}

    /**
     * {@code int vector} at {@code at}. Returns true when execution continues at {@code next}; false
     * when the machine stopped (exit, fault, output cap).
     */
    static boolean call(Machine m, int vector, int at, int next) {
        if (vector != Machine.HAL_VECTOR) {
            Faults.stop(m, Fault.UNHANDLED_INTERRUPT, at, -1, "vector " + Hex.imm(vector) + " (only 13h, the HAL, is handled)");
            return false;
        }
        int service = m.regs[m.halService];
        int c = m.regs[m.halArgument];
        HalService known = HalService.of(service);
        if (known == null) {
            Faults.stop(m, Fault.BAD_SYSTEM_CALL, at, -1, "HAL service " + Hex.imm(service) + " does not exist");
            return false;
        }
        switch (known) {
            case EXIT:
                m.pc = next;
                m.outcome = Outcome.EXIT;
                m.exitStatus = c & 0xFF;
                return false;
            case PRINT_NUMBER:
                return m.print(Integer.toString(c) + "\n", next);
            case PRINT_CHAR:
                return m.print(String.valueOf((char) (c & 0xFF)), next);
            case PRINT_STRING:
                return printString(m, c, at, next);
            case READ_CHAR: {
                int b = m.in.read();
                m.regs[m.halArgument] = b < 0 ? 0xFFFF : b;
                return true;
            }
            case READ_NUMBER:
                m.regs[m.halArgument] = readNumber(m.in);
                return true;
            default:
                throw new AssertionError(known);
        }
    }

    private static boolean printString(Machine m, int address, int at, int next) {
        StringBuilder sb = new StringBuilder();
        int a = address & 0xFFFF;
        // A string without a NUL ends at the output cap at the latest: the cap bounds the loop.
        for (int n = 0; n <= m.outputCap; n++) {
            if (a < Machine.NULL_PAGE_END) {
                if (!m.print(sb.toString(), next)) return false;
                Faults.segv(m, at, a, 1, false);
                return false;
            }
            int b = m.mem[a] & 0xFF;
            if (b == 0) break;
            sb.append((char) b);
            a = (a + 1) & 0xFFFF;
        }
        return m.print(sb.toString(), next);
    }

    /** One line of input as a number 0..65535; FFFFh at the end of input or for anything else. */
    static int readNumber(GuestInput in) {
        StringBuilder line = new StringBuilder();
        int b = in.read();
        if (b < 0) return 0xFFFF;
        // A line that never ends (< /dev/zero) is read only up to MAX_NUMBER_LINE: a malformed number.
        for (int n = 1; b >= 0 && b != '\n'; n++) {
            if (line.length() < 64) line.append((char) b);
            if (n >= Machine.MAX_NUMBER_LINE) return 0xFFFF;
            b = in.read();
        }
        String s = line.toString().trim();
        if (s.isEmpty() || s.length() > 5) return 0xFFFF;
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') return 0xFFFF;
            v = v * 10 + (ch - '0');
        }
        return v > 0xFFFF ? 0xFFFF : v;
    }
}
