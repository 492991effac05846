package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import toyisa.isa.Isa;
import toyisa.jit.Jit;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/** The bar both directions' differential tests hold the translator to: it ends a run as the guest's interpreter does. */
final class Differential {
    private Differential() {}

    /**
     * Runs {@code program} on the guest's interpreter and translated (on the host's interpreter, or
     * with {@code jit} on the jit engine), asserts that both end the same way — outcome, exit status,
     * output, instruction count, final state, report, memory — and returns how it ended.
     */
    static Agreed agree(Isa guest, long seed, byte[] program, long budget, String input, boolean jit) {
        Machine m = Machine.create(guest);
        m.loadRaw(program);
        m.setBudget(budget);
        m.setInput(input);
        m.setOutputCap(200);
        RunResult want = m.run();
        Emulator.Result got;
        try {
            Emulator.Options o = Emulator.options().guest(guest).budget(budget).input(input).outputCap(200);
            if (jit) o.onHost(cpu -> Jit.attach(cpu.core(), Jit.Options.DEFAULT.withThreshold(1)));
            got = Emulator.run(program, o);
        } catch (RuntimeException e) {
            java.io.StringWriter w = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(w));
            throw new AssertionError("seed " + seed + ": the emulator threw " + w, e);
        }
        RunResult r = got.result();
        String where = "seed " + seed + (jit ? " on the jit" : "") + " (" + want.outcome() + ")";
        assertEquals(want.outcome(), r.outcome(), where + ": outcome");
        assertEquals(want.exitStatus(), r.exitStatus(), where + ": exit status");
        assertEquals(want.output(), r.output(), where + ": output");
        assertEquals(want.steps(), r.steps(), where + ": guest instructions");
        assertEquals(want.state().toString(), r.state().toString(), where + ": final state");
        assertEquals(want.report(), r.report(), where + ": report");
        assertArrayEquals(m.readMemory(0, 0x10000), got.memory(), where + ": memory");
        return new Agreed(want.outcome() + (want.fault() != null ? " " + want.fault().fault() : ""), got.stats());
    }

    /** How a run ended (the outcome, and the fault if there was one), and the translated run's counts. */
    record Agreed(String outcome, Emulator.Stats stats) {}
}
