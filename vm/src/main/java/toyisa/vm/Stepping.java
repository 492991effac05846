package toyisa.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import toyisa.isa.Instruction;

/**
 * One instruction at a time, with everything it changed, and back again: what a trace, a breakpoint
 * and the REPL's {@code back} need. A step runs the very core {@link Machine#run()} runs, for one
 * instruction, so stepping and running cannot disagree; the journal around it (the state before,
 * the bytes the instruction may write, output, input position) makes {@link #undo} exact.
 */
final class Stepping {
    private Stepping() {}

    static Step step(Machine m) {
        if (m.outcome.isFinal()) throw new IllegalStateException("the program has already stopped: " + m.outcome);
        m.outcome = Outcome.RUNNING;
        int at = m.pc;
        CpuState before = m.state();
        Instruction insn = m.isa.decode(m.mem, at);
        String text = insn.isIllegal() ? "(illegal)" : m.isa.disassemble(insn);
        GuestInput in = m.in;
        if (m.steps >= m.budget) {
            m.checkBudget();
            return new Step(at, insn.bytes(), text, before, before, List.of(), "", in.position(), in.position(), m.outcome, m.steps);
        }
        if (m.code[at << 2] == Machine.K_UNDECODED) m.decode(at);
        // Journal the bytes the instruction may write, before it writes them.
        int footprint = m.writeFootprint(at);
        int[] old = null;
        if (footprint >= 0) {
            old = new int[footprint >>> 16];
            for (int i = 0; i < old.length; i++) old[i] = m.mem[(footprint + i) & 0xFFFF] & 0xFF;
        }
        int outBefore = m.out.length();
        int inBefore = in.position();
        long stepsBefore = m.steps;
        m.execute(m.steps + 1);
        List<Step.MemoryWrite> writes = new ArrayList<>();
        if (old != null) {
            for (int i = 0; i < old.length; i++) {
                int a = (footprint + i) & 0xFFFF;
                int now = m.mem[a] & 0xFF;
                if (now != old[i]) writes.add(new Step.MemoryWrite(a, old[i], now));
            }
        }
        m.checkBudget();
        return new Step(at, insn.bytes(), text, before, m.state(), List.copyOf(writes),
                m.out.substring(outBefore), inBefore, in.position(), m.outcome, stepsBefore);
    }

    static RunResult run(Machine m, IntPredicate breakpoint, Consumer<Step> listener) {
        if (m.outcome == Outcome.BREAKPOINT) m.outcome = Outcome.RUNNING;
        boolean first = true;
        while (m.outcome == Outcome.RUNNING) {
            if (!first && breakpoint != null && breakpoint.test(m.pc)) {
                m.outcome = Outcome.BREAKPOINT;
                break;
            }
            first = false;
            Step s = step(m);
            if (listener != null) listener.accept(s);
        }
        m.explainFault();
        return m.result();
    }

    static void undo(Machine m, Step s) {
        for (int i = s.writes().size() - 1; i >= 0; i--) {
            Step.MemoryWrite w = s.writes().get(i);
            m.poke(w.address(), w.oldValue());
        }
        CpuState b = s.before();
        for (int i = 0; i < m.visibleRegisters; i++) m.regs[i] = b.register(i);
        m.setFlags(b.flags());
        m.pc = b.pc();
        m.out.setLength(Math.max(0, m.out.length() - s.output().length()));
        m.in.rewind(s.inputBefore());
        m.steps = s.stepsBefore();
        m.outcome = Outcome.RUNNING;
        m.exitStatus = -1;
        m.fault = null;
        m.hang = null;
    }
}
