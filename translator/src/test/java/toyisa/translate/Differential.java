package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import toyisa.isa.Isa;
import toyisa.jit.Jit;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
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
        try {
            return compare(guest, seed, program, budget, input, jit);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + firstDifference(guest, program, budget, input, jit), e);
        }
    }

    private static Agreed compare(Isa guest, long seed, byte[] program, long budget, String input, boolean jit) {
        Machine m = Machine.create(guest);
        m.loadRaw(program);
        m.setBudget(budget);
        m.setInput(input);
        m.setOutputCap(200);
        RunResult want = m.run();
        Emulator.Result got;
        try {
            got = Emulator.run(program, options(guest, budget, input, jit));
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

    private static Emulator.Options options(Isa guest, long budget, String input, boolean jit) {
        Emulator.Options o = Emulator.options().guest(guest).budget(budget).input(input).outputCap(200);
        if (jit) o.onHost(cpu -> Jit.attach(cpu.core(), Jit.Options.DEFAULT.withThreshold(1)));
        return o;
    }

    /**
     * What a failure needs to be read: the smallest budget at which the translated run's state or
     * outcome first differs from the interpreter's, with the translation log of that run.
     */
    static String firstDifference(Isa guest, byte[] program, long budget, String input, boolean jit) {
        try {
            for (long b = 1; b <= budget; b++) {
                Machine m = Machine.create(guest);
                m.loadRaw(program);
                m.setBudget(b);
                m.setInput(input);
                m.setOutputCap(200);
                RunResult want = m.run();
                Emulator.Result got = Emulator.run(program, options(guest, b, input, jit).log(true));
                String w = want.state() + " " + want.outcome(), g = got.result().state() + " " + got.result().outcome();
                if (!w.equals(g)) return "first difference at budget " + b + "\n want " + w + "\n got  " + g + "\n" + got.log();
                if (want.outcome() != Outcome.BUDGET) break;
            }
            return "no budget up to " + budget + " gives a different state or outcome";
        } catch (RuntimeException e) {
            return "the search for the first difference stopped: " + e;
        }
    }

    /** How a run ended (the outcome, and the fault if there was one), and the translated run's counts. */
    record Agreed(String outcome, Emulator.Stats stats) {}
}
