package toyisa.vm;

import toyisa.isa.Hex;

/**
 * Everything there is to say about a fault: what happened, where, what the CPU made of the bytes
 * there, and the registers at that moment (the faulting instruction has not changed anything).
 *
 * @param fault       the kind of fault
 * @param cpu         the CPU's name, e.g. {@code Armistice}
 * @param pc          address of the faulting instruction
 * @param bytes       the bytes the CPU read at {@code pc} for this instruction
 * @param instruction the instruction as this CPU decoded those bytes ({@code (illegal)} when undefined)
 * @param address     the data address involved (segmentation fault, misaligned access), or -1
 * @param detail      one sentence of detail, e.g. {@code write of 2 bytes at 0000h (null page)}, or empty
 * @param state       registers and flags when it faulted
 * @param postmortem  how the program got here (label, source line, the jump that led here, a named
 *                    common death with a hint), or null when it is not known
 */
public record FaultReport(Fault fault, String cpu, int pc, byte[] bytes, String instruction,
                          int address, String detail, CpuState state, Postmortem postmortem) {

    /** A report without a postmortem (the cores make these; {@link Postmortem} adds one). */
    public FaultReport(Fault fault, String cpu, int pc, byte[] bytes, String instruction,
                       int address, String detail, CpuState state) {
        this(fault, cpu, pc, bytes, instruction, address, detail, state, null);
    }

    /** The same report with a postmortem. */
    public FaultReport withPostmortem(Postmortem p) {
        return new FaultReport(fault, cpu, pc, bytes, instruction, address, detail, state, p);
    }

    /**
     * The report as printed on standard error, e.g.
     * <pre>
     * Illegal instruction
     *   Armistice: illegal instruction at 0104h
     *   bytes:       CD 13 F4 00
     *   instruction: (illegal)
     *   registers:   r0=0000 a=0000 ...
     *   flags:       N=0 Z=0 C=0 V=0
     * </pre>
     * followed by the postmortem's lines ({@code where:}, {@code came from:}, {@code cause:}, {@code hint:}) when there is one.
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(fault.shellWords()).append('\n');
        sb.append("  ").append(cpu).append(": ").append(fault.title()).append(" at ").append(Hex.addr(pc));
        if (!detail.isEmpty()) sb.append(": ").append(detail);
        sb.append('\n');
        sb.append("  bytes:       ").append(Hex.bytes(bytes)).append('\n');
        sb.append("  instruction: ").append(instruction).append('\n');
        sb.append("  registers:   ").append(state.formatRegisters()).append('\n');
        sb.append("  flags:       ").append(state.formatFlags()).append('\n');
        if (postmortem != null) sb.append(postmortem.format());
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
