package toyisa.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.Program;

/**
 * A run driven a slice at a time (as the page's worker drives it) is the same run as one call: the
 * same stop, the same machine, the same history for back — with breakpoints inside closed loops and
 * outside them, and a conditional breakpoint with an ignore count.
 */
class RunInSlicesIsOneRunTest {
    static final String LOOPS = ""
            + "        mov b, 0\n"
            + "outer:  mov c, 0\n"
            + "inner:  add c, 1\n"
            + "        cmp c, 500\n"
            + "        jnz inner\n"
            + "middle: call count\n"
            + "        cmp b, 40\n"
            + "        jnz outer\n"
            + "        halt\n"
            + "count:  add b, 1\n"
            + "        ret\n";

    static Debugger load(Isa isa, String source) {
        Assembly a = Assembler.assemble("loops.pasm", source, isa);
        Debugger d = new Debugger(isa, 100_000);
        d.setSteppedPrefix(100);
        d.load(Program.raw(a.binary()), a.labels());
        return d;
    }

    @Property(tries = 40)
    void slicesOfAnySizeMakeTheSameRun(@ForAll @IntRange(min = 0, max = 1) int cpu, @ForAll @IntRange(min = 1, max = 5000) int slice,
                                       @ForAll @IntRange(min = 0, max = 3) int where, @ForAll @IntRange(min = 0, max = 5) int ignore,
                                       @ForAll @IntRange(min = 1, max = 30_000) int back) {
        Isa isa = Isa.all().get(cpu);
        Debugger whole = load(isa, LOOPS), sliced = load(isa, LOOPS);
        String label = new String[] {"inner", "middle", "count", "outer"}[where];
        for (Debugger d : new Debugger[] {whole, sliced}) {
            Breakpoint b = d.addBreakpoint(d.labels().get(label), label);
            b.setCondition("b >= 3");
            b.setIgnore(ignore);
        }
        Stop want = whole.run(Long.MAX_VALUE, null);
        Debugger.Run r = sliced.startContinue();
        Stop got;
        int calls = 0;
        while ((got = sliced.resume(r, slice)) == null) calls++;
        assertEquals(want.reason(), got.reason());
        assertEquals(want.steps(), got.steps());
        assertSame(whole, sliced, "at the stop, after " + calls + " slices");
        assertEquals(whole.back(back).undone(), sliced.back(back).undone());
        assertSame(whole, sliced, "after going back " + back);
    }

    @Test
    void aBreakpointInAClosedLoopStopsItOnTime() {
        for (Isa isa : Isa.all()) {
            Debugger d = load(isa, LOOPS);
            Breakpoint b = d.addBreakpoint(d.labels().get("inner"), "inner");
            b.setCondition("c == 321 && b == 7");
            Stop s = d.run(Long.MAX_VALUE, null);
            assertEquals(Stop.Reason.BREAKPOINT, s.reason(), isa.name());
            assertEquals(321, d.machine().register(isa.registers().code("c")));
            assertEquals(7, d.machine().register(isa.registers().code("b")));
            assertEquals(0, d.frames().depth(), "no frame open in the loop");
        }
    }

    @Test
    void anInterruptBetweenSlicesEndsTheRunAndBackUndoesIt() {
        Isa isa = Isa.byName("armistice");
        Debugger d = load(isa, LOOPS);
        Machine start = d.machine().copy();
        Debugger.Run r = d.startContinue();
        assertNull(d.resume(r, 7_777));
        d.interrupt();
        Stop s = d.resume(r, 1_000_000);
        assertEquals(Stop.Reason.INTERRUPTED, s.reason());
        assertEquals(7_777, s.steps());
        assertEquals(7_777, d.back(7_777).undone());
        assertEquals(start.state(), d.machine().state());
    }

    @Test
    void editsWhilePausedAreUndoneByBack() {
        for (Isa isa : Isa.all()) {
            Debugger d = load(isa, LOOPS);
            d.run(3, s -> {});
            Machine before = d.machine().copy();
            int sp = d.machine().register(isa.registers().code("sp"));
            d.setRegister(isa.registers().code("c"), 0x1234);
            d.setFlag("Z", true);
            d.setWord(sp - 2, 0xBEEF);
            d.setPc(0x200);
            assertEquals(0x1234, d.machine().register(isa.registers().code("c")));
            assertEquals(0xBEEF, d.word(sp - 2));
            assertEquals(7, d.historySize(), "three steps and four edits");
            assertEquals(4, d.back(4).undone());
            assertEquals(before.state(), d.machine().state(), isa.name());
            assertArrayEquals(before.readMemory(0, 0x10000), d.machine().readMemory(0, 0x10000));
            assertEquals(3, d.back(3).undone());
            assertEquals(0x100, d.machine().pc());
        }
    }

    @Test
    void aConsoleReadWithNothingTypedStopsTheRun() {
        String src = "again:  mov a, 21h\n        int 13h\n        cmp c, 0FFFFh\n        jz done\n"
                + "        mov a, 10h\n        int 13h\n        jmp again\ndone:   halt\n";
        for (Isa isa : Isa.all()) {
            Debugger d = load(isa, src);
            d.setConsole(true);
            d.type("5\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(Stop.Reason.INPUT, d.run(Long.MAX_VALUE, null).reason());
            assertEquals("5\n", d.machine().output());
            d.type("6\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(Stop.Reason.INPUT, d.run(Long.MAX_VALUE, null).reason());
            assertEquals("5\n6\n", d.machine().output());
            d.closeInput();
            assertEquals(Stop.Reason.STOPPED, d.run(Long.MAX_VALUE, null).reason());
        }
    }

    private static void assertSame(Debugger want, Debugger got, String when) {
        Machine w = want.machine(), g = got.machine();
        assertEquals(w.state(), g.state(), when + ": registers, flags and PC");
        assertArrayEquals(w.readMemory(0, 0x10000), g.readMemory(0, 0x10000), when + ": memory");
        assertEquals(w.steps(), g.steps(), when + ": instruction count");
        assertEquals(w.outcome(), g.outcome(), when + ": outcome");
        assertEquals(want.frames().list(), got.frames().list(), when + ": call stack");
        assertEquals(want.historySize(), got.historySize(), when + ": history");
    }
}
