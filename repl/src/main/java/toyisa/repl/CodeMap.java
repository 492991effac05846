package toyisa.repl;

import java.util.Arrays;
import java.util.BitSet;
import toyisa.isa.Instruction;
import toyisa.vm.Machine;

/**
 * What the debugger knows of the code, for running fast: per address, whether the instruction there
 * is a call, a return, a jump or none of them (decoded once, forgotten when its bytes change), and the
 * straight-line <em>slices</em> the fast core can run in one go — from an address up to and with the
 * next jump, call or return, cut short before a breakpoint or the place a run is going to.
 */
final class CodeMap {
    /** Kinds of instruction, in the low 3 bits of an entry; the length is in bits 3-5. */
    static final int PLAIN = 1, CALL = 2, RET = 3, JUMP = 4;
    /** Longest slice of straight-line code the fast path hands the core at once. */
    static final int SLICE = 4096;

    /** Per address: 0 not known yet, else a kind with its length. */
    private final byte[] kinds = new byte[0x10000];
    /** The address of the last instruction of the slice {@link #slice} measured. */
    private int sliceLast;
    /** Slices measured, per start address: the length and the last address, valid while the stamp is {@link #sliceGeneration}. */
    private final int[] sliceLength = new int[0x10000], sliceEnd = new int[0x10000], sliceStamp = new int[0x10000];
    private int sliceGeneration = 1;
    private int sliceLocation = -1;

    static int kind(int entry) {
        return entry & 7;
    }

    static int length(int entry) {
        return entry >> 3;
    }

    /** The kind and length of the instruction at an address. */
    int kindAt(Machine machine, int pc) {
        int k = kinds[pc];
        if (k != 0) return k;
        Instruction insn = machine.decodeAt(pc);
        String op = insn.isIllegal() ? "" : insn.row().op().name();
        // Anything that may move the PC elsewhere ends a straight-line slice: jumps, calls, returns (and illegal bytes).
        int kind = op.equals("CALL") ? CALL : op.equals("RET") ? RET
                : op.isEmpty() || op.startsWith("J") || insn.row().shape().contains("T") ? JUMP : PLAIN;
        k = kind | insn.length() << 3;
        kinds[pc] = (byte) k;
        return k;
    }

    /** A store wrote {@code address}: forget every instruction that may hold the byte. */
    void written(int address) {
        for (int j = 0; j < 4; j++) {
            int a = (address - j) & 0xFFFF;
            if (kinds[a] != 0) forgetSlices();
            kinds[a] = 0;
        }
    }

    /** Forgets everything (a new program, a patch). */
    void forgetAll() {
        Arrays.fill(kinds, (byte) 0);
        forgetSlices();
    }

    /** Forgets every measured slice (breakpoints or code changed). */
    void forgetSlices() {
        sliceGeneration++;
    }

    int sliceLast() {
        return sliceLast;
    }

    /**
     * How many instructions from {@code pc} run in a straight line: up to and with the first jump,
     * call or return, and stopping before a breakpoint or {@code location}; at least 1, at most {@code max}.
     * {@link #sliceLast()} is then the address of its last instruction.
     */
    int slice(Machine machine, int pc, int location, int max, BitSet breakAt) {
        if (location != sliceLocation) {
            sliceLocation = location;
            forgetSlices();
        }
        if (sliceStamp[pc] == sliceGeneration && sliceLength[pc] <= max) {
            sliceLast = sliceEnd[pc];
            return sliceLength[pc];
        }
        int n = measure(machine, pc, location, max, breakAt);
        if (n < max || n == SLICE) {
            sliceStamp[pc] = sliceGeneration;
            sliceLength[pc] = n;
            sliceEnd[pc] = sliceLast;
        }
        return n;
    }

    private int measure(Machine machine, int pc, int location, int max, BitSet breakAt) {
        int a = pc, n = 0;
        while (true) {
            int k = kindAt(machine, a);
            n++;
            sliceLast = a;
            if (kind(k) != PLAIN || n >= max) return n;
            int next = (a + length(k)) & 0xFFFF;
            if (breakAt.get(next) || next == location || next == pc) return n;
            a = next;
        }
    }
}
