package toyisa.repl;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.isa.Template;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Step;

/**
 * The debugger's model, with no text in or out: one {@link Machine}, the program loaded into it,
 * breakpoints, watches, the call stack, and the history that reverse stepping undoes.
 *
 * <h2>Reverse stepping</h2>
 * Every instruction the debugger steps goes through {@link Machine#step()}, which reports the
 * registers, flags, memory bytes, output and input it changed; {@link #back(int)} hands those
 * records back to {@link Machine#undo(Step)} newest first. The history keeps the most recent
 * {@link #historyLimit()} such steps (100 000 by default, a few tens of megabytes at most).
 *
 * <h2>Running fast</h2>
 * A journaled step costs about a microsecond; {@code continue} over a hundred million instructions
 * would take minutes. So a run that goes on past {@link #STEPPED} instructions (and has no read
 * watch, which needs every instruction's operands) switches to the fast core: {@link Machine#runFor}
 * one instruction at a time between the debugger's own checks — a breakpoint bit per address, the
 * watched values, the call stack from a table of which addresses hold calls and returns — with no
 * journal. Before it, the debugger keeps a {@link Machine#copy()} of the machine. Going back into such
 * a run restores that copy and runs forward again to the point wanted (the machine is
 * deterministic, and every input byte read is kept), journaling the last steps on the way; so
 * {@code back} stays exact whichever way the instructions ran.
 *
 * <h2>The call stack</h2>
 * A call pushes a {@link Frame} (where it was called from, where it went, where it returns to and
 * the stack pointer before the call); a return pops one. It is kept per step, so going back restores it.
 */
final class Debugger extends DebuggerState {
    Debugger(Isa cpu, int historyLimit) {
        super(cpu, historyLimit);
    }

    // ------------------------------------------------------------------ running

    /** Asks a running {@link #run} to stop after the current instruction (Ctrl-C; any thread). */
    void interrupt() {
        interrupted = true;
    }

    /**
     * Executes up to {@code max} instructions, stopping early at a breakpoint (not at the PC it starts
     * from), a watch, the end of the program or an interrupt. Each step goes to {@code listener}.
     */
    Stop run(long max, Consumer<Step> listener) {
        return go(Goal.steps(max), listener);
    }

    /**
     * Steps over the instruction at the PC: a call runs until it returns to the next instruction
     * with the stack back where it was (so a recursive call to the same place does not stop it).
     */
    Stop next(Consumer<Step> listener) {
        Instruction insn = machine.decodeAt(machine.pc());
        if (insn.isIllegal() || !insn.row().mnemonic().equals("call")) return run(1, listener);
        int sp = machine.register(cpu().registers().code("sp"));
        return go(new Goal(Long.MAX_VALUE, -1, insn.next(), sp, -1, -1, -1), listener);
    }

    /** Runs until the current frame returns (gdb's finish); null when there is no frame to finish. */
    Stop finish(Consumer<Step> listener) {
        return finish(0, listener);
    }

    /** Runs until frame {@code up} (0 the innermost) returns; null when that is the outermost frame. */
    Stop finish(int up, Consumer<Step> listener) {
        if (frames.depth() - up <= 0) return null;
        return go(new Goal(Long.MAX_VALUE, -1, -1, -1, frames.depth() - up, -1, -1), listener);
    }

    /** Runs until the PC reaches {@code location}, or the current frame returns (gdb's until/advance LOCATION). */
    Stop until(int location, Consumer<Step> listener) {
        return go(new Goal(Long.MAX_VALUE, location & 0xFFFF, -1, -1, frames.depth() > 0 ? frames.depth() : -1, -1, -1), listener);
    }

    /** Runs until the PC is past the current instruction in this frame (gdb's until: out of a loop). */
    Stop untilPast(Consumer<Step> listener) {
        int pc = machine.pc();
        return go(new Goal(Long.MAX_VALUE, -1, -1, -1, frames.depth() > 0 ? frames.depth() : -1, pc, frames.depth()), listener);
    }

    /**
     * The one run loop. The first {@link #STEPPED} instructions are stepped and journaled; a run that
     * goes on past them continues on the fast core (see the class comment) unless a listener wants
     * every step or a read watch needs each instruction's operands.
     */
    Stop go(Goal g, Consumer<Step> listener) {
        interrupted = false;
        refreshWatches();
        boolean accessWatches = watches.stream().anyMatch(w -> w.access() != Watch.Access.CHANGE);
        boolean mayGoFast = listener == null && !accessWatches;
        // Slices need no check between instructions: none with a value watch (checked after each
        // instruction) or with until's "past this instruction" (the PC may pass it mid-slice).
        boolean slices = watches.isEmpty() && g.pastAddress() < 0;
        int spCode = cpu().registers().code("sp");
        long n = 0;
        Machine snapshot = null;
        CallStack.Frames framesAtSnapshot = null;
        long fastCount = 0;
        try {
            while (true) {
                if (machine.isStopped()) return Stop.of(Stop.Reason.STOPPED, n);
                if (n >= g.max()) return Stop.of(Stop.Reason.DONE, n);
                if (interrupted) {
                    interrupted = false;
                    return Stop.of(Stop.Reason.INTERRUPTED, n);
                }
                int pc = machine.pc();
                if (n > 0) {
                    if (g.returnTo() >= 0 && pc == g.returnTo() && machine.register(spCode) >= g.spAtCall())
                        return Stop.of(Stop.Reason.RETURNED, n);
                    if (g.belowDepth() >= 0 && frames.depth() < g.belowDepth()) return Stop.of(Stop.Reason.FINISHED, n);
                    if (pc == g.location()) return Stop.of(Stop.Reason.LOCATION, n);
                    if (g.pastAddress() >= 0 && pc > g.pastAddress() && frames.depth() <= g.pastDepth()) return Stop.of(Stop.Reason.LOCATION, n);
                    if (breakAt.get(pc)) {
                        Stop s = hit(pc, n);
                        if (s != null) return s;
                    }
                }
                if (snapshot == null && mayGoFast && n >= STEPPED) {
                    snapshot = machine.copy();
                    framesAtSnapshot = frames;
                }
                int spBefore = machine.register(spCode);
                int kind = code.kindAt(machine, pc);
                int readAt = -1, readLength = 0;
                if (snapshot != null && slices) {
                    // Straight-line code up to (and with) the next jump, call or return, stopping short of a
                    // breakpoint or the goal: the fast core runs it in one go, and the PC can stop nowhere else.
                    long room = g.max() - n;
                    int k = code.slice(machine, pc, g.location(), (int) Math.min(CodeMap.SLICE, room), breakAt);
                    int last = code.sliceLast();
                    int lastKind = code.kindAt(machine, last);
                    long done = machine.runFor(k);
                    boolean stoppedShort = done < k && machine.outcome() == Outcome.FAULT; // the faulting instruction is a step back undoes
                    long entries = done + (stoppedShort ? 1 : 0);
                    fastCount += entries;
                    n += entries;
                    // Only the last instruction can be a call or a return; a call pushed 2 bytes, so the
                    // stack pointer before it was 2 above the one now.
                    if (done == k) track(lastKind, last, machine.register(spCode) + 2);
                    continue;
                } else if (snapshot != null) {
                    long done = machine.runFor(1);
                    fastCount++;
                    n++;
                    if (done == 0) continue; // a fault or the budget: the loop reports it
                } else {
                    if (accessWatches) {
                        int[] acc = accessOf(pc);
                        readAt = acc[0];
                        readLength = acc[1];
                    }
                    CallStack.Frames before = frames;
                    Step s = machine.step();
                    n++;
                    record(new Entry(s, before, null, 0));
                    for (Step.MemoryWrite w : s.writes()) {
                        // A store into code: forget what is known of every instruction that may hold the byte.
                        code.written(w.address());
                    }
                    if (listener != null) listener.accept(s);
                    if (s.outcome() == Outcome.FAULT || s.outcome() == Outcome.BUDGET) continue;
                    Stop accessStop = accessWatch(readAt, readLength, s, n);
                    if (accessStop != null) {
                        track(kind, pc, spBefore);
                        return accessStop;
                    }
                }
                track(kind, pc, spBefore);
                for (int i = 0; i < watches.size(); i++) {
                    Watch w = watches.get(i);
                    if (w.access() != Watch.Access.CHANGE) continue;
                    int now = value(w);
                    if (now != watchValues[i]) {
                        int old = watchValues[i];
                        watchValues[i] = now;
                        return new Stop(Stop.Reason.WATCH, n, null, w, old, now, null);
                    }
                }
            }
        } finally {
            if (snapshot != null && fastCount > 0) {
                Entry e = new Entry(null, framesAtSnapshot, snapshot, fastCount);
                if (machine.outcome() == Outcome.FAULT) {
                    // Journal the steps that led to the fault, for its report and for back: run the last ones again, stepped.
                    restore(e);
                    replay(e, fastCount);
                } else {
                    record(e);
                }
            }
        }
    }

    /** A breakpoint at {@code pc} was reached: its condition, ignore count and hit count decide; null runs on. */
    private Stop hit(int pc, long n) {
        Breakpoint b = breakpointAt(pc);
        if (b == null) return null;
        if (b.condition != null) {
            try {
                if (evaluate(b.condition) == 0) return null;
            } catch (RuntimeException e) {
                b.hits++;
                return new Stop(Stop.Reason.CONDITION_ERROR, n, b, null, 0, 0,
                        "cannot evaluate the condition '" + b.condition + "' of breakpoint " + b.id() + ": " + e.getMessage());
            }
        }
        b.hits++;
        if (b.ignore > 0) {
            b.ignore--;
            return null;
        }
        if (b.temporary) {
            breakpoints.remove(b);
            rebuildBreakAt();
        }
        return new Stop(Stop.Reason.BREAKPOINT, n, b, null, 0, 0, null);
    }

    private Breakpoint breakpointAt(int address) {
        for (Breakpoint b : breakpoints) if (b.address() == address) return b;
        return null;
    }

    /** The call stack after the instruction at {@code pc} of kind {@code kind} has executed. */
    private void track(int kind, int pc, int spBefore) {
        if (machine.outcome() == Outcome.FAULT) return;
        switch (CodeMap.kind(kind)) {
            case CodeMap.CALL: {
                int returnTo = (pc + CodeMap.length(kind)) & 0xFFFF;
                frames = frames.push(new CallStack.Frame(pc, machine.pc(), returnTo, spBefore));
                break;
            }
            case CodeMap.RET:
                frames = frames.pop();
                break;
            default:
                break;
        }
    }

    /**
     * The memory word an instruction will read or write, as {address, length}, or {-1, 0}: its
     * memory operand ({@code [rs + disp]}, an absolute address), or the stack for push, pop, call, ret.
     */
    private int[] accessOf(int pc) {
        Instruction insn = machine.decodeAt(pc);
        if (insn.isIllegal()) return new int[] {-1, 0};
        String op = insn.row().op().name();
        int sp = machine.register(cpu().registers().code("sp"));
        if (op.equals("PUSH") || op.equals("CALL")) return new int[] {(sp - 2) & 0xFFFF, 2};
        if (op.equals("POP") || op.equals("RET")) return new int[] {sp, 2};
        int length = insn.row().mnemonic().endsWith("b") ? 1 : 2;
        for (Template t : insn.row().templates()) {
            if (t instanceof Template.Mem m) {
                int base = machine.register(insn.field(m.base()));
                int disp = m.disp() == 0 ? 0 : insn.field(m.disp());
                return new int[] {(base + disp) & 0xFFFF, length};
            }
            if (t instanceof Template.Abs a) return new int[] {insn.field(a.field()) & 0xFFFF, length};
        }
        return new int[] {-1, 0};
    }

    /** A read or access watch the step touched: read (no byte changed) or written (some did). */
    private Stop accessWatch(int at, int length, Step s, long n) {
        if (at < 0) return null;
        boolean wrote = false;
        for (Step.MemoryWrite w : s.writes()) if (((w.address() - at) & 0xFFFF) < length) wrote = true;
        String mnemonic = s.instruction().split("\\s+")[0];
        boolean pureStore = wrote && (mnemonic.equals("st") || mnemonic.equals("stb") || mnemonic.equals("push")
                || mnemonic.equals("call") || mnemonic.equals("mov"));
        for (int i = 0; i < watches.size(); i++) {
            Watch w = watches.get(i);
            if (w.access() == Watch.Access.CHANGE || w.register() >= 0) continue;
            boolean overlaps = ((w.address() - at) & 0xFFFF) < length || ((at - w.address()) & 0xFFFF) < 2;
            if (!overlaps) continue;
            if (w.access() == Watch.Access.READ && pureStore) continue;
            int old = watchValues[i];
            int now = value(w);
            watchValues[i] = now;
            return new Stop(Stop.Reason.WATCH, n, null, w, old, now, pureStore ? "write" : wrote ? "read and write" : "read");
        }
        return null;
    }

    private void record(Entry e) {
        journal.addLast(e);
        if (e.step() != null) steppedEntries++;
        else fastEntries++;
        while (steppedEntries > historyLimit || fastEntries > FAST_RUNS) {
            Entry old = journal.removeFirst();
            if (old.step() != null) steppedEntries--;
            else fastEntries--;
            forgotten = true;
        }
    }

    private Entry removeLast() {
        Entry e = journal.removeLast();
        if (e.step() != null) steppedEntries--;
        else fastEntries--;
        return e;
    }

    /** Undoes up to {@code n} of the most recent steps, newest first. */
    Back back(int n) {
        String outBefore = machine.output();
        long undone = 0;
        while (undone < n && !journal.isEmpty()) {
            Entry e = journal.peekLast();
            if (e.step() != null) {
                removeLast();
                machine.undo(e.step());
                frames = e.frames();
                undone++;
            } else if (n - undone >= e.count()) {
                removeLast();
                restore(e);
                undone += e.count();
            } else {
                removeLast();
                restore(e);
                replay(e, e.count() - (n - undone));
                undone = n;
            }
        }
        refreshWatches();
        String now = machine.output();
        String taken = outBefore.length() >= now.length() && outBefore.startsWith(now) ? outBefore.substring(now.length()) : "";
        return new Back((int) undone, undone < n, forgotten && journal.isEmpty(), taken);
    }

    /** Restores the machine and call stack to the start of a fast run. */
    private void restore(Entry e) {
        machine.restore(e.snapshot());
        machine.setOutputEcho(echo);
        frames = e.frames();
    }

    /**
     * After {@link #restore}, runs {@code count} of the fast run's instructions again: the fast core
     * for all but the last {@link #REPLAY_TAIL}, kept as a shorter fast run, then those stepped and journaled.
     */
    private void replay(Entry e, long count) {
        machine.setOutputEcho(null); // this output was shown when it was first printed
        try {
            long fast = Math.max(0, count - REPLAY_TAIL);
            int spCode = cpu().registers().code("sp");
            if (fast > 0) {
                for (long i = 0; i < fast; i++) {
                    int pc = machine.pc();
                    int kind = code.kindAt(machine, pc);
                    int sp = machine.register(spCode);
                    machine.runFor(1);
                    track(kind, pc, sp);
                }
                record(new Entry(null, e.frames(), e.snapshot(), fast));
            }
            for (long i = fast; i < count; i++) {
                int pc = machine.pc();
                int kind = code.kindAt(machine, pc);
                int sp = machine.register(spCode);
                CallStack.Frames before = frames;
                Step s = machine.step();
                record(new Entry(s, before, null, 0));
                track(kind, pc, sp);
            }
        } finally {
            machine.setOutputEcho(echo);
        }
    }

    /**
     * Goes back until a breakpoint's address is reached (its condition holding), a watched value
     * changes, or the history ends (gdb's reverse-continue). A fast run in the history is searched by
     * running it forward once from its copy, for the last point where it would stop.
     */
    Stop reverseContinue() {
        refreshWatches();
        long n = 0;
        while (!journal.isEmpty()) {
            Entry e = journal.peekLast();
            if (e.step() != null) {
                int[] before = currentWatchValues();
                back(1);
                n++;
                Stop s = reverseStop(before, n);
                if (s != null) return s;
                continue;
            }
            // A fast run: find the last position in it where going back would stop.
            removeLast();
            restore(e);
            long last = -1;
            machine.setOutputEcho(null);
            int spCode = cpu().registers().code("sp");
            int[] prev = currentWatchValues();
            for (long i = 0; i < e.count(); i++) {
                if (reverseBreak(machine.pc())) last = i;
                prev = currentWatchValues();
                int pc = machine.pc();
                int kind = code.kindAt(machine, pc);
                int sp = machine.register(spCode);
                if (machine.runFor(1) == 0) break;
                track(kind, pc, sp);
                if (watchChanged(prev)) last = i;
            }
            restore(e);
            if (last < 0) {
                n += e.count();
                refreshWatches();
                continue;
            }
            replay(e, last);
            n += e.count() - last;
            refreshWatches();
            Breakpoint b = breakAt.get(machine.pc()) ? breakpointAt(machine.pc()) : null;
            return new Stop(b != null ? Stop.Reason.BREAKPOINT : Stop.Reason.WATCH, n, b, null, 0, 0, null);
        }
        return Stop.of(Stop.Reason.START, n);
    }

    private int[] currentWatchValues() {
        int[] v = new int[watches.size()];
        for (int i = 0; i < v.length; i++) v[i] = value(watches.get(i));
        return v;
    }

    private boolean watchChanged(int[] before) {
        for (int i = 0; i < before.length && i < watches.size(); i++) {
            if (watches.get(i).access() == Watch.Access.CHANGE && value(watches.get(i)) != before[i]) return true;
        }
        return false;
    }

    /** A breakpoint at an address whose condition holds (not counted as a hit: going back is not executing). */
    private boolean reverseBreak(int pc) {
        if (!breakAt.get(pc)) return false;
        Breakpoint b = breakpointAt(pc);
        if (b == null) return false;
        if (b.condition == null) return true;
        try {
            return evaluate(b.condition) != 0;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private Stop reverseStop(int[] watchesBefore, long n) {
        for (int i = 0; i < watchesBefore.length && i < watches.size(); i++) {
            Watch w = watches.get(i);
            if (w.access() != Watch.Access.CHANGE) continue;
            int now = value(w);
            if (now != watchesBefore[i]) return new Stop(Stop.Reason.WATCH, n, null, w, watchesBefore[i], now, null);
        }
        if (reverseBreak(machine.pc())) return new Stop(Stop.Reason.BREAKPOINT, n, breakpointAt(machine.pc()), null, 0, 0, null);
        return null;
    }

    /**
     * Goes back over one instruction, or over a whole call when the instruction before was its
     * return (gdb's reverse-next): back until the call stack is as deep as it is now.
     */
    Stop reverseNext() {
        if (journal.isEmpty()) return Stop.of(Stop.Reason.START, 0);
        int depth = frames.depth();
        back(1);
        long n = 1;
        while (frames.depth() > depth && !journal.isEmpty()) {
            int[] before = currentWatchValues();
            back(1);
            n++;
            if (frames.depth() > depth) {
                Stop s = reverseStop(before, n);
                if (s != null) return s;
            }
        }
        return Stop.of(Stop.Reason.DONE, n);
    }

    /** Goes back to the call that entered the current frame (gdb's reverse-finish); null when there is no frame. */
    Stop reverseFinish() {
        if (frames.depth() == 0) return null;
        int depth = frames.depth();
        long n = 0;
        while (frames.depth() >= depth && !journal.isEmpty()) {
            int[] before = currentWatchValues();
            back(1);
            n++;
            if (frames.depth() >= depth) {
                Stop s = reverseStop(before, n);
                if (s != null) return s;
            }
        }
        return Stop.of(journal.isEmpty() && frames.depth() >= depth ? Stop.Reason.START : Stop.Reason.FINISHED, n);
    }

    /** Sets a register from the debugger; a fault may then be retried. */
    void setRegister(int code, int value) {
        machine.setRegister(code, value);
        afterChange();
    }

    /** Moves the PC from the debugger (a jump the program did not make). */
    void setPc(int pc) {
        machine.setPc(pc);
        afterChange();
    }

    /** Writes a 16-bit word in the CPU's byte order (not a patch of the program: data). */
    void setWord(int address, int value) {
        boolean big = cpu().byteOrder() == ByteOrder.BIG_ENDIAN;
        machine.writeByte(address, big ? value >> 8 : value);
        machine.writeByte(address + 1, big ? value : value >> 8);
        code.written(address);
        code.written(address + 1);
        afterChange();
    }

    private void afterChange() {
        if (machine.outcome() == Outcome.FAULT) machine.resume();
        refreshWatches();
    }

    /**
     * Writes bytes into memory from the debugger (a patch). The patch becomes part of the program:
     * {@code reset} and {@code cpu} keep it, loading a file drops it. The journal keeps its steps
     * ({@code back} does not undo a patch).
     */
    void patch(int address, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            int a = (address + i) & 0xFFFF;
            machine.writeByte(a, bytes[i]);
            patches.put(a, bytes[i]);
        }
        code.forgetAll();
        // A program stopped by a fault may run again from the patched code.
        afterChange();
    }

    /** Journaled steps, newest last (for the postmortem's trail): at most {@code max}. */
    List<Step> recentSteps(int max) {
        List<Step> out = new ArrayList<>();
        Iterator<Entry> it = journal.descendingIterator();
        while (it.hasNext() && out.size() < max) {
            Entry e = it.next();
            if (e.step() == null) break;
            out.add(0, e.step());
        }
        return out;
    }

    /** True when the history reaches back to the program's first instruction. */
    boolean historyFromStart() {
        return !forgotten;
    }
}
