package toyisa.repl;

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
                                                 @ForAll @IntRange(min = 1, max = 40_000) int back) {
        Isa isa = Isa.all().get(cpuIndex);
        byte[] program = ReverseSteppingIsExactTest.decodable(isa, raw);
        Debugger fast = debugger(isa, program, input);
        Debugger stepped = debugger(isa, program, input);
        Debugger.Stop f = fast.run(n, null);
        Debugger.Stop s = stepped.run(n, step -> {}); // a listener wants every step: journaled all the way
        assertEquals(s.reason(), f.reason(), "why the run ended");
        assertEquals(s.steps(), f.steps(), "instructions run");
        assertSame(stepped, fast, "after the run");
        int k = (int) Math.min(back, s.steps());
        assertEquals(stepped.back(k).undone(), fast.back(k).undone(), "steps undone");
        assertSame(stepped, fast, "after back " + k);
    }

    private static Debugger debugger(Isa isa, byte[] program, String input) {
        Debugger d = new Debugger(isa, 100_000);
        d.setBudget(30_000);
        d.setInput(input.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        d.load(Image.raw("random", program));
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
