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

    @Property(tries = 80_000)
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

    private static final Machine[][] PAIRS = {
        {Machine.create("armistice"), Machine.create("armistice")},
        {Machine.create("intellio"), Machine.create("intellio")}};

    @Property(tries = 10_000)
    void fastAndSteppingLoopsAgree(@ForAll @Size(max = 64) byte[] program) {
        for (Machine[] pair : PAIRS) {
            Machine fast = pair[0];
            Machine slow = pair[1];
            String cpu = fast.isa().name();
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

    @Property(tries = 1_000)
    void undoRestoresEveryStep(@ForAll @Size(max = 48) byte[] program) {
        for (String cpu : new String[] {"armistice", "intellio"}) {
            Machine m = Machine.create(cpu);
            m.loadRaw(program);
            m.setBudget(200);
            java.util.List<Step> steps = new java.util.ArrayList<>();
            java.util.List<Object> snapshots = new java.util.ArrayList<>();
            while (!m.isStopped()) {
                snapshots.add(snapshot(m));
                steps.add(m.step());
            }
            for (int i = steps.size() - 1; i >= 0; i--) {
                m.undo(steps.get(i));
                assertEquals(snapshots.get(i), snapshot(m));
            }
        }
    }

    /** Everything undo must restore: state, count, output, and the memory around the program and the stack. */
    private static java.util.List<Object> snapshot(Machine m) {
        return java.util.List.of(m.state(), m.steps(), m.output(),
                java.util.Arrays.toString(m.readMemory(0x100, 0x200)), java.util.Arrays.toString(m.readMemory(0xFE00, 0x200)));
    }
}
