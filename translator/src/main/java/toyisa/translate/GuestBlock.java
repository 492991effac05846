package toyisa.translate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import toyisa.intellio.Intellio;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;

/**
 * A guest basic block, of either guest CPU: the instructions from one address up to and including the first
 * that can transfer control (a jump, call, {@code ret}, {@code hlt}) — or up to an instruction that
 * cannot run at all (undefined bytes, bytes in the null page), which becomes the block's end. Decoded
 * through the Intellio table, exactly as the guest's interpreter decodes them (through its table), from the
 * bytes in guest memory now.
 */
final class GuestBlock {
    /** A block never grows longer than this, so one block's host code stays small. */
    static final int MAX_INSTRUCTIONS = 48;

    /** How the block ends. */
    enum End {
        /** Its last instruction transfers control (or halts). */
        CONTROL,
        /** It reached {@link #MAX_INSTRUCTIONS}: execution falls through to {@link #next}. */
        LIMIT,
        /** The instruction at {@link #next} is undefined: illegal instruction there. */
        ILLEGAL,
        /** The instruction at {@link #next} touches the null page: segmentation fault on fetch. */
        FETCH_FAULT
    }

    /** The guest CPU. */
    final Isa isa;
    final int start;
    final List<Instruction> instructions;
    final End end;
    /** Where the block stops: after its last instruction (LIMIT), or the address that faults. */
    final int next;
    /** For ILLEGAL and FETCH_FAULT: how many bytes the decoder read at {@link #next}. */
    final int tail;

    private GuestBlock(Isa isa, int start, List<Instruction> instructions, End end, int next, int tail) {
        this.isa = isa;
        this.start = start;
        this.instructions = Collections.unmodifiableList(instructions);
        this.end = end;
        this.next = next;
        this.tail = tail;
    }

    /** Decodes the Intellio block at {@code pc}, at most {@code limit} instructions long. */
    static GuestBlock decode(byte[] memory, int pc, int limit) {
        return decode(Intellio.ISA, memory, pc, limit);
    }

    /** Decodes the block of guest CPU {@code isa} at {@code pc}, at most {@code limit} instructions long. */
    static GuestBlock decode(Isa isa, byte[] memory, int pc, int limit) {
        List<Instruction> out = new ArrayList<>();
        int at = pc & 0xFFFF;
        int max = Math.min(limit, MAX_INSTRUCTIONS);
        while (true) {
            if (out.size() >= max) return new GuestBlock(isa, pc, out, End.LIMIT, at, 0);
            Instruction insn = isa.decode(memory, at);
            for (int k = 0; k < insn.length(); k++) {
                if (((at + k) & 0xFFFF) < 0x100) return new GuestBlock(isa, pc, out, End.FETCH_FAULT, at, insn.length());
            }
            if (insn.isIllegal()) return new GuestBlock(isa, pc, out, End.ILLEGAL, at, insn.length());
            out.add(insn);
            if (endsBlock(insn)) return new GuestBlock(isa, pc, out, End.CONTROL, insn.next(), 0);
            at = insn.next();
        }
    }

    /**
     * A conditional jump (the table gives it a condition), or a transfer that never falls through:
     * the same operations on both CPUs ({@code jmp}, {@code call} with a target or a register,
     * {@code ret}, and Intellio's {@code hlt} or Armistice's {@code halt}).
     */
    static boolean endsBlock(Instruction insn) {
        if (insn.row().condition() != null) return true;
        switch (insn.row().op().toString()) {
            case "JMP": case "CALL": case "RET": case "HLT": case "HALT":
                return true;
            default:
                return false;
        }
    }

    int size() {
        return instructions.size();
    }

    /** Guest bytes this block was made from (for invalidation): start .. end of the last instruction or faulting fetch. */
    int byteLength() {
        // The bytes that made the last instruction illegal count too: a store may make them legal.
        return Math.max(((next - start) & 0xFFFF) + tail, 1);
    }

    /** The block as the log shows it: one line per guest instruction. */
    String listing() {
        StringBuilder sb = new StringBuilder();
        for (Instruction i : instructions) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-6s %-12s %s\n", Hex.addr(i.address()), Hex.bytes(i.bytes()), isa.disassemble(i)));
        }
        if (end == End.ILLEGAL) sb.append(String.format(java.util.Locale.ROOT, "  %-6s %-12s %s\n", Hex.addr(next), "", "(illegal)"));
        if (end == End.FETCH_FAULT) sb.append(String.format(java.util.Locale.ROOT, "  %-6s %-12s %s\n", Hex.addr(next), "", "(fetch touches the null page)"));
        return sb.toString();
    }
}
