package toyisa.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import toyisa.isa.Isa;
import toyisa.vm.Machine;

/**
 * A run long enough to leave the journal for the fast core ends where the stepped run ends, and
 * {@code back} from it lands exactly where stepping back would: the same registers, flags, memory,
 * output and call stack — for random programs on both CPUs, going back any number of steps.
 */
class FastContinueIsExactTest {

    @Property(tries = 60)
    void fastThenBackIsTheSameAsSteppedThenBack(@ForAll @IntRange(min = 0, max = 1) int cpuIndex,
                                                 @ForAll @Size(min = 1, max = 80) List<@IntRange(min = 0, max = 255) Integer> raw,
                                                 @ForAll @StringLength(max = 12) String input,
                                                 @ForAll @IntRange(min = Debugger.STEPPED + 1, max = 40_000) int n,
                                                 @ForAll @IntRange(min = 1, max = 40_000) int back,
                                                 @ForAll @IntRange(min = -1, max = 80) int breakAt,
                                                 @ForAll @IntRange(min = 0, max = 20_000) int ignore,
                                                 @ForAll boolean watchA) {
        Isa isa = Isa.all().get(cpuIndex);
        byte[] program = ReverseSteppingIsExactTest.decodable(isa, raw);
        Debugger fast = debugger(isa, program, input);
        Debugger stepped = debugger(isa, program, input);
        for (Debugger d : new Debugger[] {fast, stepped}) {
            // A breakpoint somewhere in the program (or none), and a watch that the fast path checks after every instruction.
            // Ignored many times, it stops the run late, when the fast path checks it.
            if (breakAt >= 0) d.addBreakpoint(0x100 + breakAt, "b").ignore = ignore;
            if (watchA) d.addWatch(isa.registers().code("a"), 0, "a");
        }
        Stop f = fast.run(n, null);
        Stop s = stepped.run(n, step -> {}); // a listener wants every step: journaled all the way
        assertEquals(s.reason(), f.reason(), "why the run ended");
        assertEquals(s.breakpoint() == null ? -1 : s.breakpoint().address(), f.breakpoint() == null ? -1 : f.breakpoint().address(), "breakpoint");
        assertEquals(s.steps(), f.steps(), "instructions run");
        assertSame(stepped, fast, "after the run");
        int k = (int) Math.min(back, s.steps());
        assertEquals(stepped.back(k).undone(), fast.back(k).undone(), "steps undone");
        assertSame(stepped, fast, "after back " + k);
    }

    /** A loop of straight-line code with a call: the breakpoint in the middle of a block stops the fast path where stepping stops. */
    @org.junit.jupiter.api.Test
    void aBreakpointInTheMiddleOfStraightLineCodeStopsTheFastRunWhereSteppingStops() throws Exception {
        String src = "start:  mov c, 0\n"
                + "again:  add c, 1\n"
                + "        mov b, c\n"
                + "middle: add b, 3\n"
                + "        call twice\n"
                + "        cmp c, 30000\n"
                + "        jnz again\n"
                + "        halt\n"
                + "twice:  add b, b\n"
                + "        ret\n";
        for (Isa isa : Isa.all()) {
            Debugger fast = new Debugger(isa, 100_000), stepped = new Debugger(isa, 100_000);
            for (Debugger d : new Debugger[] {fast, stepped}) {
                d.setBudget(10_000_000);
                toyisa.asm.Assembly a = toyisa.asm.Assembler.assemble("loop.pasm", src, isa);
                d.load(toyisa.vm.Program.raw(a.binary()), a.labels());
                d.addBreakpoint(d.labels().get("middle"), "middle").ignore = 12_345;
            }
            Stop f = fast.run(Long.MAX_VALUE, null);
            Stop s = stepped.run(Long.MAX_VALUE, step -> {});
            assertEquals(Stop.Reason.BREAKPOINT, s.reason(), isa.name());
            assertEquals(s.reason(), f.reason(), isa.name());
            assertEquals(s.steps(), f.steps(), isa.name() + ": instructions to the breakpoint");
            assertSame(stepped, fast, isa.name() + " at the breakpoint");
            assertEquals(12_346, stepped.machine().register(isa.registers().code("c")), "the 12346th time round");
            assertEquals(stepped.back(50_000).undone(), fast.back(50_000).undone());
            assertSame(stepped, fast, isa.name() + " after going back");
        }
    }

    private static Debugger debugger(Isa isa, byte[] program, String input) {
        Debugger d = new Debugger(isa, 100_000);
        d.setBudget(30_000);
        d.setInput(input.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        d.load(toyisa.vm.Program.raw(program), java.util.Map.of());
        return d;
    }

    private static void assertSame(Debugger want, Debugger got, String when) {
        Machine w = want.machine(), g = got.machine();
        assertEquals(w.state(), g.state(), when + ": registers, flags and PC");
        assertArrayEquals(w.readMemory(0, 0x10000), g.readMemory(0, 0x10000), when + ": memory");
        assertEquals(w.output(), g.output(), when + ": output");
        assertEquals(w.steps(), g.steps(), when + ": instruction count");
        assertEquals(w.outcome(), g.outcome(), when + ": outcome");
        assertEquals(w.isStopped() ? null : "running", g.isStopped() ? null : "running", when);
        assertEquals(want.frames().list(), got.frames().list(), when + ": call stack");
    }
}
