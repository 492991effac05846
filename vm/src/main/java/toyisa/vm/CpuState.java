package toyisa.vm;

import java.util.Arrays;
import toyisa.isa.Hex;
import toyisa.isa.Registers;

/**
 * A snapshot of the visible CPU state: PC, registers and flags.
 *
 * @param pc        the program counter
 * @param registers register values by native code (Armistice r0..r15, Intellio a..sp)
 * @param flags     flag bits, highest first in the order of {@code flagNames} (Armistice NZCV, Intellio ZSCO)
 * @param flagNames one letter per flag bit, most significant first
 * @param names     the CPU's register names, for display
 */
public record CpuState(int pc, int[] registers, int flags, String flagNames, Registers names) {
    public CpuState {
        registers = registers.clone();
    }

    @Override
    public int[] registers() {
        return registers.clone();
    }

    public int register(int code) {
        return registers[code];
    }

    /** True when flag {@code letter} (e.g. 'Z') is set. */
    public boolean flag(char letter) {
        int i = flagNames.indexOf(letter);
        if (i < 0) throw new IllegalArgumentException("no flag " + letter + " on this CPU (flags: " + flagNames + ")");
        return (flags >> (flagNames.length() - 1 - i) & 1) != 0;
    }

    /** {@code a=0010 b=0000 ...} with the portable names where a register has one. */
    public String formatRegisters() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < registers.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(names.name(i)).append('=').append(String.format(java.util.Locale.ROOT, "%04X", registers[i]));
        }
        return sb.toString();
    }

    /** {@code N=0 Z=1 C=1 V=0}. */
    public String formatFlags() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < flagNames.length(); i++) {
            if (i > 0) sb.append(' ');
            sb.append(flagNames.charAt(i)).append('=').append(flag(flagNames.charAt(i)) ? 1 : 0);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "pc=" + Hex.addr(pc) + " " + formatRegisters() + " " + formatFlags();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuState s && s.pc == pc && s.flags == flags && Arrays.equals(s.registers, registers);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * pc + flags) + Arrays.hashCode(registers);
    }
}
