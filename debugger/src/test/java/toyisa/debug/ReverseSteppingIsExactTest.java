package toyisa.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.vm.Machine;

/**
 * Reverse stepping is exact: for random programs on either CPU, stepping forward n instructions and
 * then back n restores every register, flag, memory byte, the PC, the output and the input position.
 *
 * <p>The programs are random bytes made decodable (where the bytes do not decode, one is dropped) and
 * closed by a jump back to the start: real instructions — stores, pushes, calls, HAL prints and
 * reads — running on random registers, so they store all over memory, and end when asked to or when
 * they fault (into the null page, on a misaligned word, on a bad HAL call, ...).
 */
class ReverseSteppingIsExactTest {

    @Property(tries = 300)
    void forwardThenBackRestoresEverything(@ForAll("cpu") @IntRange(min = 0, max = 1) int cpuIndex,
                                           @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 255) Integer> raw,
                                           @ForAll @Size(value = 8) List<@IntRange(min = 0, max = 0xFFFF) Integer> registers,
                                           @ForAll @IntRange(min = 0, max = 15) int flags,
                                           @ForAll @StringLength(max = 12) String input,
                                           @ForAll @IntRange(min = 1, max = 2000) int n) {
        Isa isa = Isa.all().get(cpuIndex);
        Debugger dbg = new Debugger(isa, Debugger.DEFAULT_HISTORY);
        dbg.setBudget(10_000);
        dbg.setInput(input.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        dbg.load(toyisa.vm.Program.raw(decodable(isa, raw)), java.util.Map.of());
        Machine m = dbg.machine();
        for (int r = 0; r < m.registerCount(); r++) m.setRegister(r, (registers.get(r % registers.size()) ^ r * 0x1111) & 0xFFFE);
        m.setRegister(isa.registers().code("sp"), (registers.get(7) | 0x8000) & 0xFFFE);
        m.setFlags(flags & ((1 << m.flagNames().length()) - 1));

        Snapshot before = new Snapshot(m);
        Stop stop = dbg.run(n, null);
        net.jqwik.api.statistics.Statistics.label("ended by").collect(stop.reason() == Stop.Reason.STOPPED ? m.outcome() : stop.reason());
        Debugger.Back back = dbg.back(n);
        net.jqwik.api.statistics.Statistics.label("steps").collect(stop.steps() < 10 ? "<10" : stop.steps() < 100 ? "10-99" : ">=100");
        assertEquals(stop.steps(), back.undone(), "steps undone");
        new Snapshot(m).assertSameAs(before);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> cpu() {
        return net.jqwik.api.Arbitraries.integers().between(0, Isa.all().size() - 1);
    }

    /** The bytes, with every byte that starts no legal instruction dropped. */
    static byte[] decodable(Isa isa, List<Integer> raw) {
        byte[] in = new byte[raw.size() + 8];
        for (int i = 0; i < raw.size(); i++) in[i] = (byte) (int) raw.get(i);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.size()) {
            Instruction insn = isa.decode(in, i);
            if (insn.isIllegal() || i + insn.length() > raw.size()) {
                i++;
                continue;
            }
            out.write(in, i, insn.length());
            i += insn.length();
        }
        // Loop back to the start, so a program that does not fault runs as long as it is asked to.
        try {
            out.writeBytes(isa.assembleLine("jmp 0100h", 0x100 + out.size()));
        } catch (toyisa.isa.EncodingException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** Everything a program can see or change. */
    private static final class Snapshot {
        final byte[] memory;
        final toyisa.vm.CpuState state;
        final String output;
        final long steps;
        final int inputByte;

        Snapshot(Machine m) {
            memory = m.readMemory(0, 0x10000);
            state = m.state();
            output = m.output();
            steps = m.steps();
            // The input position shows in what the next read returns: read it on a copy.
            Machine probe = m.copy();
            probe.resume();
            inputByte = readNext(probe);
        }

        private static int readNext(Machine probe) {
            int a = probe.isa().registers().code("a");
            int c = probe.isa().registers().code("c");
            probe.setRegister(a, 0x20);
            byte[] hal = probe.isa().machine() == toyisa.container.TxfImage.ARMISTICE
                    ? new byte[] {0x0C, 0x13, 0, 0} : new byte[] {(byte) 0xCD, 0x13};
            for (int i = 0; i < hal.length; i++) probe.writeByte(0x200 + i, hal[i]);
            probe.setPc(0x200);
            probe.step();
            return probe.register(c);
        }

        void assertSameAs(Snapshot b) {
            assertEquals(b.state, state, "registers, flags and PC");
            assertArrayEquals(b.memory, memory, "memory");
            assertEquals(b.output, output, "output");
            assertEquals(b.steps, steps, "instruction count");
            assertEquals(b.inputByte, inputByte, "input position");
        }
    }
}
