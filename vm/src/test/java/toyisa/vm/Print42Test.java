package toyisa.vm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical demo of isa.md section 4: both native runs print 42, both wrong-CPU runs die. */
public class Print42Test {
    public static final byte[] INTELLIO = Programs.bytes("20 10 22 2A CD 13 F4");
    public static final byte[] ARMISTICE = Programs.bytes("36 01 00 10 36 03 00 2A 0C 13 00 00 0F 00 00 00");

    @Test
    void intellioBinaryOnIntellioPrints42() {
        RunResult r = Programs.run("intellio", INTELLIO);
        assertEquals("42\n", r.output());
        assertEquals(Outcome.HALT, r.outcome());
        assertEquals(0, r.exitStatus());
        assertEquals(4, r.steps());
    }

    @Test
    void armisticeBinaryOnArmisticePrints42() {
        RunResult r = Programs.run("armistice", ARMISTICE);
        assertEquals("42\n", r.output());
        assertEquals(0, r.exitStatus());
    }

    @Test
    void intellioBinaryOnArmisticeExecutesAndR10ThenDiesAt0104() {
        Machine m = Machine.create("armistice");
        m.loadRaw(INTELLIO);
        List<Step> steps = new ArrayList<>();
        RunResult r = m.runStepping(null, steps::add);
        assertEquals("and r10, 1022h", steps.get(0).instruction());
        assertEquals(2, steps.size());
        assertEquals(Outcome.FAULT, r.outcome());
        assertEquals(132, r.exitStatus());
        assertEquals(Fault.ILLEGAL_INSTRUCTION, r.fault().fault());
        assertEquals(0x0104, r.fault().pc());
        assertEquals("CD 13 F4 00", toyisa.isa.Hex.bytes(r.fault().bytes()));
        assertEquals("", r.output());
        assertEquals(1, r.steps());
        assertEquals("Illegal instruction", r.shellMessage());
    }

    @Test
    void armisticeBinaryOnIntellioRunsSevenWrongInstructionsThenDiesAt010C() {
        Machine m = Machine.create("intellio");
        m.loadRaw(ARMISTICE);
        List<String> executed = new ArrayList<>();
        RunResult r = m.runStepping(null, s -> {
            if (s.outcome() == Outcome.RUNNING) executed.add(s.instruction());
        });
        assertEquals(List.of("not fp", "add a, a", "shl a, 1", "not fp", "and a, a", "mov c, 130Ch", "mov a, a"), executed);
        assertEquals(132, r.exitStatus());
        assertEquals(0x010C, r.fault().pc());
        assertEquals("", r.output());
    }

    @Test
    void thePortDevicePrints() {
        RunResult r = Programs.run("armistice", Programs.asm("armistice", "out 1234h, 42", "halt"));
        assertEquals("42\n", r.output());
    }

    @Test
    void fastAndSteppingLoopsAgreeOnTheDemo() {
        for (String cpu : List.of("armistice", "intellio")) {
            for (byte[] p : List.of(INTELLIO, ARMISTICE)) {
                Machine fast = Machine.create(cpu);
                fast.loadRaw(p);
                Machine slow = Machine.create(cpu);
                slow.loadRaw(p);
                RunResult a = fast.run();
                RunResult b = slow.runStepping(null, null);
                assertEquals(a.outcome(), b.outcome());
                assertEquals(a.exitStatus(), b.exitStatus());
                assertEquals(a.steps(), b.steps());
                assertEquals(a.state(), b.state());
                assertEquals(a.output(), b.output());
            }
        }
    }
}
