package toyisa.debug;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.isa.Template;
import toyisa.vm.DebugInfo;
import toyisa.vm.FaultReport;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Postmortem;
import toyisa.vm.Step;

/**
 * The one debugger of the REPL, the page and the editor integration, with no text in or out: one
 * {@link Machine}, the program loaded into it and its labels, breakpoints (with conditions and
 * ignore counts), watches, the call stack, and the history that reverse stepping undoes. Front ends
 * name places with {@link AddressExpression}s, read the machine, and change it only through the
 * debugger ({@link #setRegister}, {@link #setFlag}, {@link #setWord}, ...): such an edit is journaled
 * like a step, so {@link #back} undoes it too. Nothing here touches files or threads.
 *
 * <h2>Runs in slices</h2>
 * {@link #run}, {@link #next}, {@link #finish} run to their end in one call (the REPL interrupts them
 * from another thread). A front end without threads {@link #start}s a run and {@link #resume}s it a
 * slice at a time, answering its user in between; {@link #interrupt} between slices stops it.
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
 * a straight-line slice or a closed loop at a time (see {@link CodeMap}) between the debugger's own
 * checks — a breakpoint bit per address, the watched values, the call stack from a table of which
 * addresses hold calls and returns — with no journal. Before it, the debugger keeps a {@link Machine#copy()} of the machine. Going back into such
 * a run restores that copy and runs forward again to the point wanted (the machine is
 * deterministic, and every input byte read is kept), journaling the last steps on the way; so
 * {@code back} stays exact whichever way the instructions ran.
 *
 * <h2>The call stack</h2>
 * A call pushes a {@link Frame} (where it was called from, where it went, where it returns to and
 * the stack pointer before the call); a return pops one. It is kept per step, so going back restores it.
 */
public final class Debugger extends History {
    /** The run {@link #start} began and {@link #resume} has not finished yet, or null. */
    private Run active;
    private int steppedPrefix = STEPPED;

    public Debugger(Isa cpu, int historyLimit) {
        super(cpu, historyLimit);
    }

    /** Instructions a run steps and journals before it goes on with the fast core (default {@link #STEPPED}). */
    public void setSteppedPrefix(int instructions) {
        steppedPrefix = Math.max(0, instructions);
    }

    public Debugger(Isa cpu) {
        this(cpu, DEFAULT_HISTORY);
    }

    // ------------------------------------------------------------------ running

    /** Asks a running {@link #run} to stop after the current instruction (Ctrl-C; any thread). */
    public void interrupt() {
        interrupted = true;
    }

    /** Executes one instruction (journaled, so {@link #back} undoes it); its record goes to {@code listener}. */
    public Stop step(Consumer<Step> listener) {
        return run(1, listener == null ? s -> {} : listener);
    }

    /**
     * Executes up to {@code max} instructions, stopping early at a breakpoint (not at the PC it starts
     * from), a watch, the end of the program or an interrupt. Each step goes to {@code listener}
     * (null: none, and the run may go on on the fast core; see the class comment).
     */
    public Stop run(long max, Consumer<Step> listener) {
        return go(Goal.steps(max), listener);
    }

    /**
     * Steps over the instruction at the PC: a call runs until it returns to the next instruction
     * with the stack back where it was (so a recursive call to the same place does not stop it).
     */
    public Stop next(Consumer<Step> listener) {
        return go(nextGoal(), listener);
    }

    private Goal nextGoal() {
        Instruction insn = machine.decodeAt(machine.pc());
        if (insn.isIllegal() || !insn.row().mnemonic().equals("call")) return Goal.steps(1);
        int sp = machine.register(cpu().registers().code("sp"));
        return new Goal(Long.MAX_VALUE, -1, insn.next(), sp, -1, -1, -1);
    }

    /** Runs until the current frame returns (gdb's finish); null when there is no frame to finish. */
    public Stop finish(Consumer<Step> listener) {
        return finish(0, listener);
    }

    /** Runs until frame {@code up} (0 the innermost) returns; null when that is the outermost frame. */
    public Stop finish(int up, Consumer<Step> listener) {
        if (frames.depth() - up <= 0) return null;
        return go(new Goal(Long.MAX_VALUE, -1, -1, -1, frames.depth() - up, -1, -1), listener);
    }

    /** Runs until the PC reaches {@code location}, or the current frame returns (gdb's until/advance LOCATION). */
    public Stop until(int location, Consumer<Step> listener) {
        return go(untilGoal(location), listener);
    }

    private Goal untilGoal(int location) {
        return new Goal(Long.MAX_VALUE, location & 0xFFFF, -1, -1, frames.depth() > 0 ? frames.depth() : -1, -1, -1);
    }

    /** Runs until the PC is past the current instruction in this frame (gdb's until: out of a loop). */
    public Stop untilPast(Consumer<Step> listener) {
        int pc = machine.pc();
        return go(new Goal(Long.MAX_VALUE, -1, -1, -1, frames.depth() > 0 ? frames.depth() : -1, pc, frames.depth()), listener);
    }

    /** The one run loop, to its end: see {@link #start}. */
    Stop go(Goal g, Consumer<Step> listener) {
        Run r = start(g, listener);
        return resume(r, Long.MAX_VALUE);
    }

    /**
     * The interpreter's own fast loop for up to {@code max} instructions, outside the debugger: no
     * breakpoint, watch or call stack is looked at, and the history is forgotten (nothing before it
     * can be undone). What a benchmark or {@code toyisa run} measures.
     */
    public void runUnwatched(long max) {
        endRun();
        machine.run(max);
        clearHistory();
        forgotten = true;
        frames = CallStack.Frames.EMPTY;
        code.forgetAll(); // the program may have rewritten its code
        refreshWatches();
    }

    // ------------------------------------------------------------------ runs in slices

    /**
     * A run that a front end without threads (the page's worker) drives in slices: {@link #resume}
     * executes a bounded number of instructions and returns, so the front end can answer a Stop
     * in between. The history sees one run, however many slices it took.
     */
    public final class Run {
        final Goal goal;
        final Consumer<Step> listener;
        final boolean accessWatches;
        final boolean mayGoFast;
        /** Slices need no check between instructions: none with a value watch (checked after each instruction) or with until's "past this instruction". */
        final boolean slices;
        long n;
        Machine snapshot;
        CallStack.Frames framesAtSnapshot;
        long fastCount;
        Stop result;

        Run(Goal g, Consumer<Step> listener) {
            this.goal = g;
            this.listener = listener;
            this.accessWatches = watches.stream().anyMatch(w -> w.access() != Watch.Access.CHANGE);
            this.mayGoFast = listener == null && !accessWatches;
            this.slices = watches.isEmpty() && g.pastAddress() < 0;
        }

        /** Instructions executed so far. */
        public long steps() {
            return n;
        }

        /** How the run ended, or null while it goes on. */
        public Stop result() {
            return result;
        }
    }

    /** Begins a run to the end of the program, a breakpoint, a watch or an interrupt: {@link #resume} executes it. */
    public Run startContinue() {
        return start(Goal.steps(Long.MAX_VALUE), null);
    }

    /** Begins a run to {@code location} (run to cursor), stopping earlier at a breakpoint or a watch. */
    public Run startUntil(int location) {
        return start(untilGoal(location), null);
    }

    /** Begins a step over the instruction at the PC (a call runs to its return). */
    public Run startNext() {
        return start(nextGoal(), null);
    }

    /** Begins a run to the return of the current frame; null when there is none. */
    public Run startFinish() {
        if (frames.depth() <= 0) return null;
        return start(new Goal(Long.MAX_VALUE, -1, -1, -1, frames.depth(), -1, -1), null);
    }

    Run start(Goal g, Consumer<Step> listener) {
        endRun();
        interrupted = false;
        refreshWatches();
        active = new Run(g, listener);
        return active;
    }

    /** The run under way, or null. */
    public Run activeRun() {
        return active;
    }

    @Override
    void endRun() {
        if (active == null) return;
        interrupted = true;
        resume(active, 0);
    }

    /**
     * Executes up to {@code slice} more instructions of a run. Returns how the run ended, or null
     * when it goes on (call again). A stepped instruction, or a region the fast core runs in one go,
     * is never split, so a slice may run a little past {@code slice}; the caller picks slices that
     * take a few milliseconds.
     */
    public Stop resume(Run r, long slice) {
        if (r.result != null) return r.result;
        Stop s = advance(r, slice);
        if (s == null) return null;
        finishRun(r);
        r.result = s;
        return s;
    }

    /** The run's end: a fast run goes into the history as one entry (see the class comment). */
    private void finishRun(Run r) {
        if (active == r) active = null;
        if (r.snapshot != null && r.fastCount > 0) {
            Entry e = new Entry(null, r.framesAtSnapshot, r.snapshot, r.fastCount);
            r.fastCount = 0;
            if (machine.outcome() == Outcome.FAULT) {
                // Journal the steps that led to the fault, for its report and for back: run the last ones again, stepped.
                restore(e);
                replay(e, e.count());
            } else {
                record(e);
            }
        }
    }

    /** Runs the loop of a run for up to {@code slice} instructions; a stop, or null when the slice ran out. */
    private Stop advance(Run r, long slice) {
        Goal g = r.goal;
        int spCode = cpu().registers().code("sp");
        long sliceEnd = slice >= Long.MAX_VALUE - r.n ? Long.MAX_VALUE : r.n + slice;
        try {
            while (true) {
                long n = r.n;
                if (machine.isStopped()) return Stop.of(Stop.Reason.STOPPED, n);
                if (n >= g.max()) return Stop.of(Stop.Reason.DONE, n);
                if (interrupted) {
                    interrupted = false;
                    return Stop.of(Stop.Reason.INTERRUPTED, n);
                }
                if (n >= sliceEnd) return null;
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
                if (console && !inputClosed && CodeMap.kind(code.kindAt(machine, pc)) == CodeMap.TRAP && waitingForInput())
                    return Stop.of(Stop.Reason.INPUT, n);
                if (r.snapshot == null && r.mayGoFast && n >= steppedPrefix) {
                    r.snapshot = machine.copy();
                    r.framesAtSnapshot = frames;
                    // Stepping pre-decodes one instruction at a time, never fusing a compare with the
                    // branch after it, and the fast core hands an unfused branch to its careful loop
                    // (a third of its speed): restoring the copy drops what stepping decoded, so the
                    // fast core decodes the code its own way.
                    machine.restore(r.snapshot);
                }
                int spBefore = machine.register(spCode);
                int kind = code.kindAt(machine, pc);
                int readAt = -1, readLength = 0;
                if (r.snapshot != null && r.slices) {
                    long room = Math.min(g.max() - n, sliceEnd - n);
                    if (code.closedRegion(machine, pc, g.location(), breakAt)) {
                        // A loop nothing can leave but the program's end: run it for the whole slice.
                        long done = machine.runFor(room);
                        long entries = done + (done < room && machine.outcome() == Outcome.FAULT ? 1 : 0);
                        r.fastCount += entries;
                        r.n += entries;
                        continue;
                    }
                    // Straight-line code up to (and with) the next jump, call or return, stopping short of a
                    // breakpoint or the goal: the fast core runs it in one go, and the PC can stop nowhere else.
                    int k = code.slice(machine, pc, g.location(), (int) Math.min(CodeMap.SLICE, room), breakAt);
                    int last = code.sliceLast();
                    int lastKind = code.kindAt(machine, last);
                    long done = machine.runFor(k);
                    boolean stoppedShort = done < k && machine.outcome() == Outcome.FAULT; // the faulting instruction is a step back undoes
                    long entries = done + (stoppedShort ? 1 : 0);
                    r.fastCount += entries;
                    r.n += entries;
                    // Only the last instruction can be a call or a return; a call pushed 2 bytes, so the
                    // stack pointer before it was 2 above the one now.
                    if (done == k) track(lastKind, last, machine.register(spCode) + 2);
                    continue;
                } else if (r.snapshot != null) {
                    long done = machine.runFor(1);
                    r.fastCount++;
                    r.n++;
                    if (done == 0) continue; // a fault or the budget: the loop reports it
                } else {
                    if (r.accessWatches) {
                        int[] acc = accessOf(pc);
                        readAt = acc[0];
                        readLength = acc[1];
                    }
                    CallStack.Frames before = frames;
                    Step s = machine.step();
                    r.n++;
                    record(new Entry(s, before, null, 0));
                    for (Step.MemoryWrite w : s.writes()) {
                        // A store into code: forget what is known of every instruction that may hold the byte.
                        code.written(w.address());
                    }
                    if (r.listener != null) r.listener.accept(s);
                    if (s.outcome() == Outcome.FAULT || s.outcome() == Outcome.BUDGET) continue;
                    Stop accessStop = accessWatch(readAt, readLength, s, r.n);
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
                        return new Stop(Stop.Reason.WATCH, r.n, null, w, old, now, null);
                    }
                }
            }
        } catch (RuntimeException e) {
            finishRun(r);
            throw e;
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

    // ------------------------------------------------------------------ edits while paused

    /** Sets a register from the debugger (journaled: {@link #back} undoes it); a fault may then be retried. */
    public void setRegister(int code, int value) {
        edit(cpu().registers().name(code) + "=" + hex4(value), () -> machine.setRegister(code, value));
    }

    /** Moves the PC from the debugger (a jump the program did not make; journaled). */
    public void setPc(int pc) {
        edit("pc=" + hex4(pc), () -> machine.setPc(pc));
    }

    /** Sets the flags from the debugger, as bits in the order of {@link Machine#flagNames()} (journaled). */
    public void setFlags(int flags) {
        edit("flags=" + flags, () -> machine.setFlags(flags & ((1 << machine.flagNames().length()) - 1)));
    }

    /** Sets or clears one flag by its letter ({@code Z}, {@code C}, ...); false when the CPU has no such flag. */
    public boolean setFlag(String name, boolean on) {
        String names = machine.flagNames();
        int i = names.indexOf(name.toUpperCase(java.util.Locale.ROOT));
        if (name.length() != 1 || i < 0) return false;
        int bit = 1 << (names.length() - 1 - i);
        setFlags(on ? machine.flags() | bit : machine.flags() & ~bit);
        return true;
    }

    /** Writes a 16-bit word in the CPU's byte order (data, not a patch of the program; journaled). */
    public void setWord(int address, int value) {
        boolean big = cpu().byteOrder() == ByteOrder.BIG_ENDIAN;
        edit("[" + hex4(address) + "]=" + hex4(value), () -> {
            machine.writeByte(address, big ? value >> 8 : value);
            machine.writeByte(address + 1, big ? value : value >> 8);
            code.written(address);
            code.written(address + 1);
        });
    }

    /** Writes one byte of memory (data, not a patch; journaled). */
    public void setByte(int address, int value) {
        edit("[" + hex4(address) + "]=" + (value & 0xFF), () -> {
            machine.writeByte(address, value);
            code.written(address);
        });
    }

    /** A change made while paused: the machine as it was goes into the history, so back restores it. */
    private void edit(String what, Runnable change) {
        endRun();
        Machine before = machine.copy();
        change.run();
        record(new Entry(null, frames, before, 0, what));
        afterChange();
    }

    private static String hex4(int v) {
        String h = Integer.toHexString(v & 0xFFFF).toUpperCase(java.util.Locale.ROOT);
        return "0000".substring(h.length()) + h + "h";
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
    public void patch(int address, byte[] bytes) {
        endRun();
        for (int i = 0; i < bytes.length; i++) {
            int a = (address + i) & 0xFFFF;
            machine.writeByte(a, bytes[i]);
            patches.put(a, bytes[i]);
        }
        code.forgetAll();
        // A program stopped by a fault may run again from the patched code.
        afterChange();
    }

    /**
     * The fault report with the postmortem the debugger can tell from its own history (the steps it
     * journaled, the program's labels and lines as {@code info} knows them) — it knows more than a
     * replay, and a replay is no longer possible once the debugger has changed the machine.
     */
    public FaultReport faultStory(FaultReport f, DebugInfo info) {
        try {
            List<Step> trail = new ArrayList<>(recentSteps(Postmortem.TRAIL + 1));
            if (!trail.isEmpty() && trail.get(trail.size() - 1).outcome() != Outcome.RUNNING) trail.remove(trail.size() - 1);
            while (trail.size() > Postmortem.TRAIL) trail.remove(0);
            boolean fromStart = historyFromStart() && trail.size() == historySize() - 1;
            return f.withPostmortem(Postmortem.analyze(f, trail, fromStart, machine, program, info));
        } catch (RuntimeException e) {
            return f;
        }
    }

    /** What the labels tell of an address: {@code loop} or {@code loop+4} inside the program, or null. */
    public DebugInfo labelInfo() {
        return new DebugInfo() {
            @Override
            public String symbolize(int address) {
                java.util.Map.Entry<Integer, String> e = labelAt.floorEntry(address & 0xFFFF);
                if (e == null || !inProgram(address)) return null;
                int off = (address & 0xFFFF) - e.getKey();
                if (off > 0x40) return null;
                return off == 0 ? e.getValue() : e.getValue() + "+" + off;
            }

            @Override
            public String sourceLine(int address) {
                return null;
            }
        };
    }

    private boolean inProgram(int address) {
        for (toyisa.container.Segment s : program.segments()) if (address >= s.address() && address < s.address() + s.size()) return true;
        return false;
    }

}
