package toyisa.vm;

import toyisa.isa.Hex;
import toyisa.isa.Instruction;

/**
 * How the cores stop on a fault: the machine stops at the faulting instruction, which has changed
 * nothing, with a {@link FaultReport} worded the same way for both CPUs. Cold paths only.
 */
final class Faults {
    private Faults() {}

    /** Records a fault at {@code at}. */
    static void stop(Machine m, Fault f, int at, int address, String detail) {
        Instruction insn = m.isa.decode(m.mem, at);
        String text = insn.isIllegal() ? "(illegal)" : m.isa.disassemble(insn);
        m.outcome = Outcome.FAULT;
        m.exitStatus = f.exitStatus();
        m.pc = at;
        m.fault = new FaultReport(f, m.isa.name(), at, insn.bytes(), text, address, detail, m.state());
    }

    /** A data access to the null page. */
    static void segv(Machine m, int at, int address, int length, boolean write) {
        stop(m, Fault.SEGMENTATION_FAULT, at, address & 0xFFFF, (write ? "write of " : "read of ") + length
                + (length == 1 ? " byte" : " bytes") + " at " + Hex.addr(address) + " (null page)");
    }

    static void misaligned(Machine m, int at, int address, boolean write) {
        stop(m, Fault.MISALIGNED_ACCESS, at, address, (write ? "word write" : "word read") + " at odd address "
                + Hex.addr(address));
    }

    static void divideByZero(Machine m, int at) {
        stop(m, Fault.DIVIDE_BY_ZERO, at, -1, "");
    }

    static void illegal(Machine m, int at) {
        stop(m, Fault.ILLEGAL_INSTRUCTION, at, -1, "");
    }

    /** The instruction's own bytes reach into the null page. */
    static void fetch(Machine m, int at) {
        stop(m, Fault.SEGMENTATION_FAULT, at, at, "instruction fetch touches the null page");
    }
}
