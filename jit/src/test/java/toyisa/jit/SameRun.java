package toyisa.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/** Runs a program on the interpreter and on the jit engine and requires the very same run. */
final class SameRun {
    private SameRun() {}

    static Machine machine(String cpu, byte[] program, long budget, String input) {
        Machine m = Machine.create(cpu);
        m.loadRaw(program);
        m.setBudget(budget);
        m.setOutputCap(256);
        m.setInput(input);
        return m;
    }

    /** The two runs agree in everything a user or the REPL can see; returns the jit's stats. */
    static Jit.Stats check(String cpu, String what, byte[] program, long budget, Jit.Options options) {
        what = cpu + ", " + what;
        Machine want = machine(cpu, program, budget, "12\nxy");
        RunResult w = want.run();
        Machine got = machine(cpu, program, budget, "12\nxy");
        Jit jit = Jit.attach(got, options);
        // Off, the jit leaves the machine to its interpreter, which would be compared with itself.
        assertNotNull(jit, "the jit is turned off (TOYISA_JIT=off): these tests compare it with the interpreter and cannot run without it");
        RunResult g = got.run();
        assertEquals(w.outcome(), g.outcome(), what + ": outcome");
        assertEquals(w.exitStatus(), g.exitStatus(), what + ": exit status");
        assertEquals(w.steps(), g.steps(), what + ": instructions");
        assertEquals(w.output(), g.output(), what + ": output");
        assertEquals(w.state(), g.state(), what + ": registers, flags, PC");
        assertEquals(w.report(), g.report(), what + ": report");
        assertArrayEquals(want.readMemory(0, 0x10000), got.readMemory(0, 0x10000), what + ": memory");
        return jit.stats();
    }
}
