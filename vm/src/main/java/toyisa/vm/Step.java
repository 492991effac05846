package toyisa.vm;

import java.util.ArrayList;
import java.util.List;
import toyisa.isa.Hex;

/**
 * One instruction executed by {@link Machine#step()}: what was there, what it decoded to, and every
 * change it made — enough for a trace line and for {@link Machine#undo(Step)}.
 *
 * @param pc           address of the instruction
 * @param bytes        its bytes, as this CPU read them
 * @param instruction  the instruction as this CPU decoded it
 * @param before       registers and flags before
 * @param after        registers and flags after (after.pc() is the next PC)
 * @param writes       memory bytes it changed (address, old value, new value), in order
 * @param output       what it printed (usually empty)
 * @param inputBefore  input position before (for undo)
 * @param inputAfter   input position after
 * @param outcome      RUNNING, or how the machine stopped on this instruction
 * @param stepsBefore  the machine's instruction count before (a faulting instruction does not count)
 */
public record Step(int pc, byte[] bytes, String instruction, CpuState before, CpuState after,
                   List<MemoryWrite> writes, String output, int inputBefore, int inputAfter, Outcome outcome,
                   long stepsBefore) {

    /** One changed byte of memory. */
    public record MemoryWrite(int address, int oldValue, int newValue) {}

    /** One changed register. */
    public record RegisterChange(int code, String name, int oldValue, int newValue) {}

    /** Registers whose value changed, in code order. */
    public List<RegisterChange> registerChanges() {
        List<RegisterChange> out = new ArrayList<>();
        int[] b = before.registers();
        int[] a = after.registers();
        for (int i = 0; i < b.length; i++) {
            if (b[i] != a[i]) out.add(new RegisterChange(i, before.names().name(i), b[i], a[i]));
        }
        return out;
    }

    /**
     * A trace line: {@code 0100h  36 01 00 10   mov a, 10h   a=0010}, with changed flags and memory
     * after the registers.
     */
    public String traceLine() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%-6s %-12s %-24s", Hex.addr(pc), Hex.bytes(bytes), instruction));
        List<String> changes = new ArrayList<>();
        for (RegisterChange c : registerChanges()) changes.add(c.name() + "=" + String.format(java.util.Locale.ROOT, "%04X", c.newValue()));
        if (before.flags() != after.flags()) changes.add(after.formatFlags());
        for (MemoryWrite w : writes) changes.add("[" + Hex.addr(w.address()) + "]=" + Hex.byteHex(w.newValue()));
        sb.append(String.join(" ", changes));
        return sb.toString().stripTrailing();
    }
}
