package toyisa.vm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toyisa.container.Segment;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;

/**
 * How a program got to its fault: where the PC is (label and source line), the instruction before,
 * the last control transfer that led there ("came from 0112h: ret"), and — when the fault is one of
 * the common ways a student's program dies — its name and a hint.
 *
 * <p>A fault report alone says where the CPU stopped, which is often far from the mistake: a {@code ret}
 * that pops a pushed value jumps somewhere random and dies there. The path is worked out without
 * slowing the fast loop: the fast loop keeps no history, so after a fault the program is run again
 * from its start on a fresh interpreter (it is deterministic: the same bytes, the same input) and
 * only its last {@link #TRAIL} instructions are stepped and kept. The REPL has them already, in its
 * journal.
 *
 * @param misdecode  when a TXF runs on the CPU its header does not name: that first, since every
 *                   line after it (labels and source lines of the other CPU's build) is then misleading
 * @param where      {@code 0104h <loop+4>, prog.pasm:7}: the faulting PC with what the debug information says
 * @param previous   the instruction executed before the faulting one ({@code 0110h: pop b}), or null
 * @param cameFrom   the last control transfer in the trail ({@code 0112h: ret}), or a sentence when there was none
 * @param death      the kind of death recognised, or null
 * @param cause      one sentence naming it, or null
 * @param hint       what usually causes it and how to fix it, or null
 */
public record Postmortem(String misdecode, String where, String previous, String cameFrom, Death death, String cause, String hint) {

    /** A postmortem of a program on the CPU it was built for. */
    public Postmortem(String where, String previous, String cameFrom, Death death, String cause, String hint) {
        this(null, where, previous, cameFrom, death, cause, hint);
    }

    /** Instructions of the path kept before a fault. */
    public static final int TRAIL = 64;

    /** The common ways a program dies, each with a hint. */
    public enum Death {
        /** Executing the zero-filled memory after the program: the program has no halt at its end. */
        RAN_OFF_THE_END,
        /** Executing bytes that are data (text, a table): data placed where execution runs into it. */
        EXECUTING_DATA,
        /** A {@code ret} to an address no call returns to: the stack is unbalanced. */
        RETURN_TO_NOWHERE,
        /** The stack grew down into the null page. */
        STACK_INTO_NULL_PAGE,
        /** The stack grew down into the program's own bytes. */
        STACK_INTO_CODE;

        /** {@code stack into null page}, for messages. */
        public String words() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** The lines appended to a fault report. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (misdecode != null) sb.append("  misdecode:   ").append(misdecode).append('\n');
        if (where != null) sb.append("  where:       ").append(where).append('\n');
        if (previous != null) sb.append("  previous:    ").append(previous).append('\n');
        if (cameFrom != null) sb.append("  came from:   ").append(cameFrom).append('\n');
        if (cause != null) sb.append("  cause:       ").append(cause).append('\n');
        if (hint != null) sb.append("  hint:        ").append(hint).append('\n');
        return sb.toString();
    }

    // ------------------------------------------------------------------ after a fast run: replay

    /**
     * The fault report of a run of {@code program} with its postmortem added, found by running the
     * program again on {@code isa}'s interpreter; the report as it was when the replay does not end
     * in the same fault (it always should) or anything goes wrong.
     *
     * @param input     the bytes the program read (the replay reads the same)
     * @param steps     instructions executed before the fault
     */
    public static FaultReport explain(Isa isa, Program program, byte[] input, long budget, int outputCap,
                                      FaultReport fault, long steps) {
        if (fault == null || fault.postmortem() != null || program == null) return fault;
        try {
            Machine m = Machine.create(isa);
            m.load(program);
            m.setBudget(budget);
            m.setOutputCap(outputCap);
            m.setInput(input);
            return replayed(m, program, fault, steps);
        } catch (RuntimeException e) {
            return fault; // the report without its story is still the report
        }
    }

    /**
     * The fault report of {@code faulted}, which ran {@code program} unchanged, with how it got
     * there: the program replayed on a fresh machine of the same CPU with the same limits and input.
     */
    static FaultReport explained(Machine faulted, Program program) {
        try {
            Machine m = faulted.blank();
            m.load(program);
            m.budget = faulted.budget;
            m.outputCap = faulted.outputCap;
            m.in = faulted.in.copy();
            m.in.rewind(0);
            return replayed(m, program, faulted.fault, faulted.steps);
        } catch (RuntimeException e) {
            return faulted.fault; // the report without its story is still the report
        }
    }

    /** Replays a freshly loaded machine to the fault, keeping the last instructions. */
    static FaultReport replayed(Machine m, Program program, FaultReport fault, long steps) {
        m.execute(Math.max(0, steps - TRAIL));
        ArrayDeque<Step> trail = new ArrayDeque<>();
        for (int n = 0; n <= TRAIL + 1 && m.outcome() == Outcome.RUNNING; n++) {
            Step s = m.step();
            if (s.outcome() == Outcome.RUNNING) trail.addLast(s);
            if (trail.size() > TRAIL) trail.removeFirst();
        }
        if (m.outcome() != Outcome.FAULT || m.pc() != fault.pc() || m.steps() != steps) return fault;
        boolean fromStart = !trail.isEmpty() && trail.peekFirst().stepsBefore() == 0;
        return fault.withPostmortem(analyze(fault, new ArrayList<>(trail), fromStart || steps == 0, m, program,
                DebugInfo.of(program)));
    }

    // ------------------------------------------------------------------ the analysis (pure)

    /**
     * Works out the postmortem of a fault.
     *
     * @param trail     the instructions executed before the faulting one, oldest first (the faulting one excluded)
     * @param fromStart true when the trail starts at the program's first instruction
     * @param m         the machine as it faulted (memory, CPU)
     * @param program   what was loaded (its segments bound "the program")
     * @param info      labels and source lines
     */
    public static Postmortem analyze(FaultReport fault, List<Step> trail, boolean fromStart, Machine m,
                                     Program program, DebugInfo info) {
        int pc = fault.pc();
        String where = describe(pc, info, program);
        Step last = trail.isEmpty() ? null : trail.get(trail.size() - 1);
        Step transfer = null;
        for (int i = trail.size() - 1; i >= 0 && transfer == null; i--) if (isTransfer(trail.get(i))) transfer = trail.get(i);
        String previous = last == null || last == transfer ? null : Hex.addr(last.pc()) + ": " + last.instruction();
        String cameFrom;
        if (transfer != null) {
            cameFrom = Hex.addr(transfer.pc()) + ": " + transfer.instruction() + symbolic(transfer.pc(), info);
        } else if (last == null) {
            cameFrom = "nowhere: this is the first instruction the program executed";
        } else if (fromStart) {
            cameFrom = "straight from the entry point " + Hex.addr(trail.get(0).pc()) + ", no jump on the way";
        } else {
            cameFrom = "no jump in the last " + trail.size() + (trail.size() == 1 ? " instruction" : " instructions");
        }
        Diagnosis d = diagnose(fault, trail, transfer, fromStart, m, program, info);
        String misdecode = null;
        if (program != null && program.image() != null && program.image().machine() != m.isa().machine()) {
            String built = Loader.machineName(program.image().machine());
            misdecode = "the TXF header names " + built + ", not " + m.isa().name() + ": these are " + built
                    + "'s bytes read as " + m.isa().name() + "'s, so the labels and lines below are the "
                    + built + " build's" + (Isa.byMachine(program.image().machine()) == null ? ""
                    : " (run it on its own CPU: --cpu " + Isa.byMachine(program.image().machine()).id() + ")");
        }
        return new Postmortem(misdecode, where, previous, cameFrom, d == null ? null : d.death, d == null ? null : d.cause,
                d == null ? null : d.hint);
    }

    private record Diagnosis(Death death, String cause, String hint) {}

    private static Diagnosis diagnose(FaultReport fault, List<Step> trail, Step transfer, boolean fromStart,
                                      Machine m, Program program, DebugInfo info) {
        int pc = fault.pc();
        Isa isa = m.isa();
        int sp = fault.state().register(isa.registers().code("sp"));
        int lo = 0x10000, hi = 0;
        for (Segment s : program.segments()) {
            if (s.size() == 0) continue;
            lo = Math.min(lo, s.address());
            hi = Math.max(hi, s.address() + s.size());
        }
        boolean nearSp = fault.address() >= 0 && ((fault.address() - sp) & 0xFFFF) <= 4 || ((sp - fault.address()) & 0xFFFF) <= 4;
        if (sp < Machine.NULL_PAGE_END + 4 || fault.fault() == Fault.SEGMENTATION_FAULT && fault.address() >= 0
                && fault.address() < Machine.NULL_PAGE_END && nearSp && sp < 0x1000) {
            return new Diagnosis(Death.STACK_INTO_NULL_PAGE,
                    "stack overflow: the stack grew down into the null page (sp=" + Hex.addr(sp) + ")",
                    "a recursion that never reaches its base case, or a loop that pushes more than it pops");
        }
        if (hi > 0 && sp >= lo && sp < hi) {
            return new Diagnosis(Death.STACK_INTO_CODE,
                    "stack overflow: the stack (sp=" + Hex.addr(sp) + ") grew down into the program ("
                            + Hex.addr(lo) + "–" + Hex.addr(hi - 1) + ") and overwrote it",
                    "a recursion that never reaches its base case, or a loop that pushes more than it pops");
        }
        if (transfer != null && mnemonic(transfer).equals("ret")) {
            int to = transfer.after().pc();
            if (!returnAddress(m, to)) {
                return new Diagnosis(Death.RETURN_TO_NOWHERE,
                        "the ret at " + Hex.addr(transfer.pc()) + " returned to " + Hex.addr(to) + describeShort(to, info)
                                + ", and no call returns there",
                        "the stack is unbalanced: ret took a value that a push left on the stack (a push without its pop), "
                                + "or the routine was jumped to rather than called");
            }
        }
        int entered = transfer != null ? transfer.after().pc() : fromStart && !trail.isEmpty() ? trail.get(0).pc() : pc;
        for (int at : new int[] {entered, pc}) {
            if (!DebugInfo.inProgram(program, at)) continue;
            String text = textAt(m, at);
            if (info.isData(at) || text != null) {
                String label = info.symbolize(at);
                return new Diagnosis(Death.EXECUTING_DATA,
                        "executing data: " + Hex.addr(at) + (label != null ? " is the label " + label + ": " : " holds ")
                                + (text != null ? "text (\"" + text + "\")" : "data") + ", not code",
                        "data placed before (or among) the code, where execution runs into it: put it after the halt, "
                                + "or jump over it");
            }
        }
        if (hi > 0 && (pc >= hi || pc < lo && transfer == null) && zerosFrom(m, hi, pc)) {
            return new Diagnosis(Death.RAN_OFF_THE_END,
                    "ran off the end of the program (its last byte is at " + Hex.addr(hi - 1) + ") into zero-filled memory",
                    "the program has no halt (or HAL exit) where it should stop: add one after its last instruction");
        }
        return null;
    }

    /** True when a call instruction ends right before {@code to}: a return could go there. */
    private static boolean returnAddress(Machine m, int to) {
        for (int len = 1; len <= m.maxLength; len++) {
            Instruction insn = m.decodeAt((to - len) & 0xFFFF);
            if (!insn.isIllegal() && insn.length() == len && insn.row().op().name().equals("CALL")) return true;
        }
        return false;
    }

    /** Four or more printable characters from {@code at}: text being executed (its first characters), or null. */
    private static String textAt(Machine m, int at) {
        StringBuilder sb = new StringBuilder();
        for (int a = at; sb.length() < 16; a = (a + 1) & 0xFFFF) {
            int b = m.readByte(a);
            if (b < 0x20 || b >= 0x7F) break;
            sb.append((char) b);
        }
        return sb.length() >= 4 ? sb.toString() : null;
    }

    /** True when every byte from {@code from} up to {@code pc} (wrapping past FFFFh) is zero. */
    private static boolean zerosFrom(Machine m, int from, int pc) {
        int end = pc >= from ? pc : 0x10000;
        for (int a = from; a < end; a++) if (m.readByte(a) != 0) return false;
        return true;
    }

    static boolean isTransfer(Step s) {
        return s.after().pc() != ((s.pc() + s.bytes().length) & 0xFFFF);
    }

    private static String mnemonic(Step s) {
        String t = s.instruction().strip();
        int sp = t.indexOf(' ');
        return (sp < 0 ? t : t.substring(0, sp)).toLowerCase(Locale.ROOT);
    }

    private static String describe(int pc, DebugInfo info, Program program) {
        StringBuilder sb = new StringBuilder(Hex.addr(pc));
        String sym = info.symbolize(pc);
        if (sym != null) sb.append(" <").append(sym).append('>');
        else if (!DebugInfo.inProgram(program, pc)) sb.append(" (outside the program)");
        String line = info.sourceLine(pc);
        if (line != null) sb.append(", ").append(line);
        // The bare address is in the report already: "where" says something only with a label, a line or "outside".
        return sb.length() == Hex.addr(pc).length() ? null : sb.toString();
    }

    private static String describeShort(int address, DebugInfo info) {
        String sym = info.symbolize(address);
        return sym == null ? "" : " <" + sym + ">";
    }

    private static String symbolic(int pc, DebugInfo info) {
        String sym = info.symbolize(pc);
        String line = info.sourceLine(pc);
        if (sym == null && line == null) return "";
        return "  (" + (sym != null ? sym : "") + (sym != null && line != null ? ", " : "") + (line != null ? line : "") + ")";
    }
}
