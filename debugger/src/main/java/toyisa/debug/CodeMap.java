package toyisa.debug;

import java.util.Arrays;
import java.util.BitSet;
import toyisa.isa.Instruction;
import toyisa.isa.Template;
import toyisa.vm.Machine;

/**
 * What the debugger knows of the code, for running fast: per address, whether the instruction there
 * is a call, a return, a jump or none of them (decoded once, forgotten when its bytes change), and the
 * straight-line <em>slices</em> the fast core can run in one go — from an address up to and with the
 * next jump, call or return, cut short before a breakpoint or the place a run is going to; and the
 * closed <em>regions</em> a run can stay in for as long as it likes.
 *
 * <h2>Regions</h2>
 * A loop with no call, return, indirect jump or breakpoint in it (the body of most exercises' inner
 * loops) cannot be left except by the program ending: from its first instruction, follow every
 * fall-through and every direct jump's target; when that closes without reaching a breakpoint, the
 * place the run goes to, a call, a return, an indirect jump or an illegal byte, the fast core can run
 * any number of instructions there without a check in between. That is what makes a run with
 * breakpoints as fast as a run without. A store that rewrites the region's own code is not seen
 * until the run next stops (as with slices).
 */
final class CodeMap {
    /** Kinds of instruction, in the low 3 bits of an entry; the length is in bits 3-5. */
    static final int PLAIN = 1, CALL = 2, RET = 3, JUMP = 4, TRAP = 5, HALT = 6;
    /** Most instructions a region may have. */
    static final int REGION = 256;
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
    /** Regions found, per start address: 1 closed, 2 open, valid while the stamp is {@link #sliceGeneration}. */
    private final byte[] region = new byte[0x10000];
    private final int[] regionStamp = new int[0x10000];
    /** True while typed input may still come: a HAL call then ends a slice and no region holds one. */
    private boolean trapsStop;

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
                : op.isEmpty() || op.startsWith("J") || insn.row().shape().contains("T") ? JUMP
                : op.equals("INT") ? TRAP : op.equals("HALT") || op.equals("HLT") ? HALT : PLAIN;
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

    /** Whether a HAL call ends a slice (a console that may still send input: the read must wait for it). */
    void setTrapsStop(boolean on) {
        if (on != trapsStop) forgetSlices();
        trapsStop = on;
    }

    private boolean straight(int k) {
        int kind = kind(k);
        return kind == PLAIN || kind == HALT || kind == TRAP && !trapsStop;
    }

    /**
     * True when the code from {@code pc} is a closed region (see the class comment): no breakpoint,
     * no {@code location}, no call, return, indirect jump or illegal instruction reachable from it.
     */
    boolean closedRegion(Machine machine, int pc, int location, BitSet breakAt) {
        if (location != sliceLocation) {
            sliceLocation = location;
            forgetSlices();
        }
        if (regionStamp[pc] == sliceGeneration) return region[pc] == 1;
        boolean closed = measureRegion(machine, pc, location, breakAt);
        regionStamp[pc] = sliceGeneration;
        region[pc] = (byte) (closed ? 1 : 2);
        return closed;
    }

    private boolean measureRegion(Machine machine, int pc, int location, BitSet breakAt) {
        int[] work = new int[REGION];
        BitSet seen = new BitSet(0x10000);
        int count = 0, top = 0;
        work[top++] = pc;
        seen.set(pc);
        while (top > 0) {
            int a = work[--top];
            if (++count > REGION) return false;
            int k = kindAt(machine, a);
            int next = (a + length(k)) & 0xFFFF;
            int[] successors;
            if (kind(k) == JUMP) {
                int target = directTarget(machine.decodeAt(a));
                if (target < 0) return false;
                successors = new int[] {target, next};
            } else if (kind(k) == HALT) {
                continue;
            } else if (straight(k)) {
                successors = new int[] {next};
            } else {
                return false;
            }
            for (int s : successors) {
                if (breakAt.get(s) || s == location) return false;
                if (seen.get(s)) continue;
                seen.set(s);
                if (top == work.length) return false;
                work[top++] = s;
            }
        }
        return true;
    }

    /** The address a jump goes to when it is written in the instruction, or -1 (indirect, illegal). */
    private static int directTarget(Instruction insn) {
        if (insn.isIllegal()) return -1;
        for (Template t : insn.row().templates()) {
            if (t instanceof Template.Value v && v.field() == 'j') return insn.target() & 0xFFFF;
        }
        return -1;
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
            if (!straight(k) || n >= max) return n;
            int next = (a + length(k)) & 0xFFFF;
            if (breakAt.get(next) || next == location || next == pc) return n;
            a = next;
        }
    }
}
