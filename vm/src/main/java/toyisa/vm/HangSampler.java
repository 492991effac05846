package toyisa.vm;

import java.util.HashMap;
import java.util.Map;

/**
 * What a program that ran out of budget was doing: a copy of the machine runs on for
 * {@link Machine#HANG_SAMPLE} instructions, and the backward jump taken most often is the loop it
 * is stuck in (the report's "stuck in a loop at ...").
 */
final class HangSampler {
    private HangSampler() {}

    static HangReport sample(Machine original) {
        Machine m = original.copy();
        m.budget = Long.MAX_VALUE;
        m.echo = null;
        Map<Long, Integer> backward = new HashMap<>();
        int sampled = 0;
        // no further past the budget than the budget itself went: under --max-steps 1000, 1000 more
        long limit = original.hangSample > 0 ? original.hangSample : Math.max(1, Math.min(Machine.HANG_SAMPLE, original.steps));
        for (; sampled < limit && m.outcome == Outcome.RUNNING; sampled++) {
            int from = m.pc;
            m.execute(m.steps + 1);
            int to = m.pc;
            if (m.outcome == Outcome.RUNNING && to <= from) backward.merge((long) from << 16 | to, 1, Integer::sum);
        }
        long best = -1;
        int taken = 0;
        for (Map.Entry<Long, Integer> e : backward.entrySet()) {
            if (e.getValue() > taken || (e.getValue() == taken && e.getKey() < best)) {
                best = e.getKey();
                taken = e.getValue();
            }
        }
        if (best < 0) return new HangReport(original.pc, original.steps, -1, -1, 0, sampled);
        return new HangReport(original.pc, original.steps, (int) (best & 0xFFFF), (int) (best >>> 16), taken, sampled);
    }
}
