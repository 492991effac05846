package toyisa.vm;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.*;
import net.jqwik.api.constraints.Size;

/**
 * Random bytes as a program, on both CPUs: every run ends in halt, exit, a fault or the budget (or
 * the output cap) — never a Java exception, never unbounded output — and the fast loop and the
 * stepping loop agree exactly.
 */
class RandomProgramTest {
    private static final Machine ARMISTICE = Machine.create("armistice");
    private static final Machine INTELLIO = Machine.create("intellio");

    @Property(tries = 60_000)
    void randomBytesAlwaysEndInADefinedOutcome(@ForAll @Size(max = 96) byte[] program) {
        for (Machine m : new Machine[] {ARMISTICE, INTELLIO}) {
            m.loadRaw(program);
            m.setBudget(2_000);
            m.setOutputCap(256);
            m.setInput("7\n");
            RunResult r = m.run();
            assertTrue(r.outcome().isFinal(), r.outcome().toString());
            assertTrue(r.exitStatus() >= 0 && r.exitStatus() <= 255);
            assertTrue(r.output().length() <= 256);
            if (r.outcome() == Outcome.FAULT) assertNotNull(r.fault().format());
        }
    }

    @Property(tries = 5_000)
    void fastAndSteppingLoopsAgree(@ForAll @Size(max = 64) byte[] program) {
        for (String cpu : new String[] {"armistice", "intellio"}) {
            Machine fast = Machine.create(cpu);
            Machine slow = Machine.create(cpu);
            for (Machine m : new Machine[] {fast, slow}) {
                m.loadRaw(program);
                m.setBudget(500);
                m.setOutputCap(128);
                m.setInput("3\nx");
            }
            RunResult a = fast.run();
            RunResult b = slow.runStepping(null, null);
            assertEquals(a.outcome(), b.outcome(), cpu);
            assertEquals(a.exitStatus(), b.exitStatus(), cpu);
            assertEquals(a.steps(), b.steps(), cpu);
            assertEquals(a.state(), b.state(), cpu);
            assertEquals(a.output(), b.output(), cpu);
            for (int addr = 0x100; addr < 0x100 + program.length + 8; addr++) assertEquals(fast.readByte(addr), slow.readByte(addr));
        }
    }

    @Property(tries = 2_000)
    void undoRestoresEveryStep(@ForAll @Size(max = 48) byte[] program) {
        for (String cpu : new String[] {"armistice", "intellio"}) {
            Machine m = Machine.create(cpu);
            m.loadRaw(program);
            m.setBudget(200);
            java.util.List<Step> steps = new java.util.ArrayList<>();
            java.util.List<Machine> snapshots = new java.util.ArrayList<>();
            while (!m.isStopped()) {
                snapshots.add(m.copy());
                steps.add(m.step());
            }
            for (int i = steps.size() - 1; i >= 0; i--) {
                m.undo(steps.get(i));
                Machine then = snapshots.get(i);
                assertEquals(then.state(), m.state());
                assertEquals(then.steps(), m.steps());
                assertEquals(then.output(), m.output());
                assertArrayEquals(then.readMemory(0, 0x10000), m.readMemory(0, 0x10000));
            }
        }
    }
}
