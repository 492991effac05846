package toyisa.debug;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import toyisa.isa.Isa;
import toyisa.vm.Outcome;
import toyisa.vm.Step;

/**
 * The debugger's history and going back through it: the journal of stepped instructions, edits
 * made while paused and fast runs (see {@link Debugger}), {@link #back}, and gdb's reverse-continue,
 * reverse-next and reverse-finish. The call stack is tracked here too, since going back restores it.
 */
abstract class History extends DebuggerState {
    History(Isa cpu, int historyLimit) {
        super(cpu, historyLimit);
    }

    Breakpoint breakpointAt(int address) {
        for (Breakpoint b : breakpoints) if (b.address() == address) return b;
        return null;
    }

    /** The call stack after the instruction at {@code pc} of kind {@code kind} has executed. */
    void track(int kind, int pc, int spBefore) {
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

    void record(Entry e) {
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

    Entry removeLast() {
        Entry e = journal.removeLast();
        if (e.step() != null) steppedEntries--;
        else fastEntries--;
        return e;
    }

    /** Undoes up to {@code n} of the most recent steps (an edit made while paused counts as one), newest first. */
    public Back back(int n) {
        endRun();
        String outBefore = machine.output();
        long undone = 0;
        while (undone < n && !journal.isEmpty()) {
            Entry e = journal.peekLast();
            if (e.step() != null) {
                removeLast();
                machine.undo(e.step());
                frames = e.frames();
                undone++;
            } else if (e.edit() != null) {
                removeLast();
                restore(e);
                code.forgetAll();
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
    void restore(Entry e) {
        machine.restore(e.snapshot());
        machine.setOutputEcho(echo);
        frames = e.frames();
    }

    /**
     * After {@link #restore}, runs {@code count} of the fast run's instructions again: the fast core
     * for all but the last {@link #REPLAY_TAIL}, kept as a shorter fast run, then those stepped and journaled.
     */
    void replay(Entry e, long count) {
        machine.setOutputEcho(null); // this output was shown when it was first printed
        try {
            long fast = Math.max(0, count - REPLAY_TAIL);
            int spCode = cpu().registers().code("sp");
            if (fast > 0) {
                for (long i = 0; i < fast; ) {
                    int pc = machine.pc();
                    if (code.closedRegion(machine, pc, -1, breakAt)) {
                        // No call or return in it: nothing for the call stack to see.
                        long done = machine.runFor(fast - i);
                        i += done;
                        if (done == 0) break;
                        continue;
                    }
                    int kind = code.kindAt(machine, pc);
                    int sp = machine.register(spCode);
                    if (machine.runFor(1) == 0) break;
                    track(kind, pc, sp);
                    i++;
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
    public Stop reverseContinue() {
        endRun();
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
    public Stop reverseNext() {
        endRun();
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
    public Stop reverseFinish() {
        endRun();
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

    /** Journaled steps, newest last (for the postmortem's trail): at most {@code max}. */
    public List<Step> recentSteps(int max) {
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
    public boolean historyFromStart() {
        return !forgotten;
    }
}
