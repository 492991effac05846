package toyisa.vm;

import toyisa.isa.Hex;

/**
 * Where a program that ran out of budget was spinning. After the budget ends the machine is copied
 * and the copy runs a few thousand more instructions in the stepping loop, counting backward
 * jumps; the most-taken one marks the hottest loop.
 *
 * @param pc        where execution stood when the budget ran out
 * @param steps     instructions executed (the budget)
 * @param loopStart the target of the hottest backward jump (start of the loop), or -1 if none was seen
 * @param jumpFrom  address of that jump instruction (end of the loop), or -1
 * @param taken     how often it was taken while sampling
 * @param sampled   how many instructions were sampled
 */
public record HangReport(int pc, long steps, int loopStart, int jumpFrom, int taken, int sampled) {

    public boolean foundLoop() {
        return loopStart >= 0;
    }

    /** E.g. {@code Timeout (instruction budget exhausted) after 100000000 instructions at 0104h; hottest loop 0100h–0106h ...}. */
    public String format() {
        StringBuilder sb = new StringBuilder("Timeout (instruction budget exhausted)\n");
        sb.append("  budget of ").append(instructions(steps)).append(" used up at ").append(Hex.addr(pc)).append('\n');
        // The loop is found by running a copy on past the budget: say so, and how far it ran.
        if (foundLoop()) {
            sb.append("  hottest loop: ").append(Hex.addr(loopStart)).append('–').append(Hex.addr(jumpFrom))
              .append(" (run on past the budget for ").append(instructions(sampled)).append(", the jump at ").append(Hex.addr(jumpFrom))
              .append(" back to ").append(Hex.addr(loopStart)).append(" was taken ").append(taken).append(taken == 1 ? " time)\n" : " times)\n");
        } else {
            sb.append("  no backward jump when run on past the budget for ").append(instructions(sampled)).append('\n');
        }
        return sb.toString();
    }

    private static String instructions(long n) {
        return n + (n == 1 ? " instruction" : " instructions");
    }

    @Override
    public String toString() {
        return format();
    }
}
