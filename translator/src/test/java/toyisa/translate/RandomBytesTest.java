package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
import toyisa.intellio.Intellio;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/**
 * Any bytes at all — mostly garbage, undefined opcodes, wild jumps — run translated exactly as the
 * Intellio interpreter runs them, and never make the emulator throw.
 */
class RandomBytesTest {
    @Property(tries = 2000, shrinking = ShrinkingMode.OFF)
    void garbageRunsLikeTheInterpreter(@ForAll @Size(min = 1, max = 96) byte[] program) {
        Machine m = Machine.create(Intellio.ISA);
        m.loadRaw(program);
        m.setBudget(2000);
        m.setInput("1\n");
        m.setOutputCap(100);
        RunResult want = m.run();
        Emulator.Result got = Emulator.run(program, Emulator.options().budget(2000).input("1\n").outputCap(100));
        RunResult r = got.result();
        assertEquals(want.exitStatus(), r.exitStatus());
        assertEquals(want.output(), r.output());
        assertEquals(want.steps(), r.steps());
        assertEquals(want.state().toString(), r.state().toString());
        assertEquals(want.report(), r.report());
        assertArrayEquals(m.readMemory(0, 0x10000), got.memory());
    }
}
