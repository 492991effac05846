package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import toyisa.intellio.Intellio;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/** The translator's promise, checked: bytes run translated exactly as the Intellio interpreter runs them. */
final class SameRun {
    private SameRun() {}

    static void assertSameAsInterpreter(byte[] program, long budget, String input, int outputCap) {
        Machine m = Machine.create(Intellio.ISA);
        m.loadRaw(program);
        m.setBudget(budget);
        m.setInput(input);
        m.setOutputCap(outputCap);
        RunResult want = m.run();
        Emulator.Result got = Emulator.run(program, Emulator.options().budget(budget).input(input).outputCap(outputCap));
        RunResult r = got.result();
        assertEquals(want.exitStatus(), r.exitStatus());
        assertEquals(want.output(), r.output());
        assertEquals(want.steps(), r.steps());
        assertEquals(want.state().toString(), r.state().toString());
        assertEquals(want.report(), r.report());
        assertArrayEquals(m.readMemory(0, 0x10000), got.memory());
    }
}
