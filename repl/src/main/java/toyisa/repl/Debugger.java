package toyisa.repl;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.Step;

/**
 * The debugger's model, with no text in or out: one {@link Machine}, the program loaded into it,
 * breakpoints, watches, and the journal of executed {@link Step}s that reverse stepping undoes.
 *
 * <h2>Reverse stepping</h2>
 * Every instruction the debugger executes goes through {@link Machine#step()}, which reports the
 * registers, flags, memory bytes, output and input it changed; {@link #back(int)} hands those
 * records back to {@link Machine#undo(Step)} newest first. The journal keeps the most recent
 * {@link #historyLimit()} steps (100 000 by default, a few tens of megabytes at most): enough to back
 * out of any classroom program, bounded for a runaway one.
 */
final class Debugger {
    /** Steps the reverse-step journal keeps by default. */
    static final int DEFAULT_HISTORY = 100_000;
    /** Instructions a program may execute in the debugger before it counts as hung. */
    static final long DEFAULT_BUDGET = 10_000_000L;

    /** A breakpoint: stop before executing the instruction at {@code address}. */
    record Breakpoint(int id, int address, String spec) {}

    /** A watch on a register ({@code register >= 0}) or on the memory word at {@code address}. */
    record Watch(int id, int register, int address, String spec) {}

    /** Why a run of steps ended. */
    enum Reason { DONE, BREAKPOINT, WATCH, STOPPED, INTERRUPTED, RETURNED }

    /**
     * How a run of steps ended.
     *
     * @param steps      instructions executed
     * @param breakpoint the breakpoint reached, for BREAKPOINT
     * @param watch      the watch that fired, for WATCH, with its old and new value
     */
    record Stop(Reason reason, long steps, Breakpoint breakpoint, Watch watch, int oldValue, int newValue) {
        static Stop of(Reason r, long steps) {
            return new Stop(r, steps, null, null, 0, 0);
        }
    }

    /**
     * What {@link #back(int)} did.
     *
     * @param undone      steps undone
     * @param exhausted   true when it wanted more steps than the journal held
     * @param forgotten   true when older steps had been dropped from the journal (so the start was not reached)
     * @param outputTaken program output taken back, in the order it had been printed
     */
    record Back(int undone, boolean exhausted, boolean forgotten, String outputTaken) {}

    private Machine machine;
    private Image image;
    private final ArrayDeque<Step> journal = new ArrayDeque<>();
    private final int historyLimit;
    private boolean forgotten;
    private long budget = DEFAULT_BUDGET;
    private final List<Breakpoint> breakpoints = new ArrayList<>();
    private final BitSet breakAt = new BitSet(0x10000);
    private final List<Watch> watches = new ArrayList<>();
    private int[] watchValues = new int[0];
    private int nextId = 1;
    private byte[] input = new byte[0];
    /** Bytes written by {@code asm}: part of the program from then on, kept by reset and by a CPU switch. */
    private final java.util.TreeMap<Integer, Byte> patches = new java.util.TreeMap<>();
    private volatile boolean interrupted;

    Debugger(Isa cpu, int historyLimit) {
        if (historyLimit < 1) throw new IllegalArgumentException("the history must hold at least one step");
        this.historyLimit = historyLimit;
        this.machine = Machine.create(cpu);
        this.image = Image.raw("(empty)", new byte[0]);
        reload();
    }

    Machine machine() {
        return machine;
    }

    Isa cpu() {
        return machine.isa();
    }

    Image image() {
        return image;
    }

    /** Bytes patched into the program by {@code asm}. */
    int patchedBytes() {
        return patches.size();
    }

    int historyLimit() {
        return historyLimit;
    }

    int historySize() {
        return journal.size();
    }

    boolean historyForgotten() {
        return forgotten;
    }

    void setBudget(long budget) {
        this.budget = budget;
        machine.setBudget(budget);
    }

    /** The bytes HAL services 20h and 21h read (from the start again at every load and reset). */
    void setInput(byte[] input) {
        this.input = input.clone();
        machine.setInput(this.input);
    }

    // ------------------------------------------------------------------ loading

    /** Loads a program on the current CPU and starts at its entry. */
    void load(Image img) {
        this.image = img;
        patches.clear();
        reload();
    }

    /** Loads the program again from its bytes: fresh memory and registers, empty journal. */
    void reload() {
        machine.load(image.program);
        patches.forEach((a, b) -> machine.writeByte(a, b));
        machine.setBudget(budget);
        machine.setInput(input);
        journal.clear();
        forgotten = false;
        refreshWatches();
    }

    /**
     * Switches to another CPU with the same program: the same bytes at the same addresses. The
     * caller decides what "the same program" is for a fat file (its other slice).
     */
    void switchCpu(Isa cpu, Image img) {
        this.machine = Machine.create(cpu);
        this.image = img;
        // A register watch follows the register's name (c is r3 on Armistice, code 2 on Intellio);
        // one the new CPU does not have (r10 on Intellio) is dropped, not misread.
        List<Watch> kept = new ArrayList<>();
        for (Watch w : watches) {
            if (w.register() < 0) {
                kept.add(w);
                continue;
            }
            int code = cpu.registers().code(w.spec());
            if (code >= 0 && code < machine.registerCount()) kept.add(new Watch(w.id(), code, 0, cpu.registers().name(code)));
        }
        watches.clear();
        watches.addAll(kept);
        reload();
    }

    // ------------------------------------------------------------------ breakpoints and watches

    Breakpoint addBreakpoint(int address, String spec) {
        for (Breakpoint b : breakpoints) if (b.address() == address) return b;
        Breakpoint b = new Breakpoint(nextId++, address & 0xFFFF, spec);
        breakpoints.add(b);
        breakAt.set(b.address());
        return b;
    }

    Watch addWatch(int register, int address, String spec) {
        Watch w = new Watch(nextId++, register, address & 0xFFFF, spec);
        watches.add(w);
        refreshWatches();
        return w;
    }

    /** Deletes a breakpoint or watch by number; returns false when there is none. */
    boolean delete(int id) {
        boolean found = breakpoints.removeIf(b -> b.id() == id) | watches.removeIf(w -> w.id() == id);
        rebuildBreakAt();
        refreshWatches();
        return found;
    }

    int deleteAll() {
        int n = breakpoints.size() + watches.size();
        breakpoints.clear();
        watches.clear();
        rebuildBreakAt();
        refreshWatches();
        return n;
    }

    List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    List<Watch> watches() {
        return List.copyOf(watches);
    }

    boolean hasBreakpoint(int address) {
        return breakAt.get(address & 0xFFFF);
    }

    private void rebuildBreakAt() {
        breakAt.clear();
        for (Breakpoint b : breakpoints) breakAt.set(b.address());
    }

    /** The current value of a watched register or memory word. */
    int value(Watch w) {
        if (w.register() >= 0) return machine.register(w.register());
        return word(w.address());
    }

    /** The 16-bit word at an address, in the CPU's byte order. */
    int word(int address) {
        int first = machine.readByte(address), second = machine.readByte(address + 1);
        return cpu().byteOrder() == ByteOrder.BIG_ENDIAN ? first << 8 | second : second << 8 | first;
    }

    private void refreshWatches() {
        watchValues = new int[watches.size()];
        for (int i = 0; i < watches.size(); i++) watchValues[i] = value(watches.get(i));
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
        return run(max, -1, -1, listener);
    }

    /**
     * Steps over the instruction at the PC: a call runs until it returns to the next instruction
     * with the stack back where it was (so a recursive call to the same place does not stop it).
     */
    Stop next(Consumer<Step> listener) {
        Instruction insn = machine.decodeAt(machine.pc());
        if (insn.isIllegal() || !insn.row().mnemonic().equals("call")) return run(1, listener);
        int sp = machine.register(cpu().registers().code("sp"));
        return run(Long.MAX_VALUE, insn.next(), sp, listener);
    }

    private Stop run(long max, int returnTo, int spAtCall, Consumer<Step> listener) {
        interrupted = false;
        refreshWatches();
        int spCode = cpu().registers().code("sp");
        long n = 0;
        while (true) {
            if (machine.isStopped()) return Stop.of(Reason.STOPPED, n);
            if (n >= max) return Stop.of(Reason.DONE, n);
            if (interrupted) {
                interrupted = false;
                return Stop.of(Reason.INTERRUPTED, n);
            }
            int pc = machine.pc();
            if (n > 0) {
                if (returnTo >= 0 && pc == returnTo && machine.register(spCode) >= spAtCall) return Stop.of(Reason.RETURNED, n);
                if (breakAt.get(pc)) return new Stop(Reason.BREAKPOINT, n, breakpointAt(pc), null, 0, 0);
            }
            Step s = machine.step();
            n++;
            record(s);
            if (listener != null) listener.accept(s);
            for (int i = 0; i < watches.size(); i++) {
                int now = value(watches.get(i));
                if (now != watchValues[i]) {
                    int old = watchValues[i];
                    watchValues[i] = now;
                    return new Stop(Reason.WATCH, n, null, watches.get(i), old, now);
                }
            }
            if (machine.isStopped()) return Stop.of(Reason.STOPPED, n);
        }
    }

    private Breakpoint breakpointAt(int address) {
        for (Breakpoint b : breakpoints) if (b.address() == address) return b;
        return null;
    }

    private void record(Step s) {
        journal.addLast(s);
        if (journal.size() > historyLimit) {
            journal.removeFirst();
            forgotten = true;
        }
    }

    /** Undoes up to {@code n} of the most recent steps, newest first. */
    Back back(int n) {
        StringBuilder taken = new StringBuilder();
        int undone = 0;
        while (undone < n && !journal.isEmpty()) {
            Step s = journal.removeLast();
            machine.undo(s);
            taken.insert(0, s.output());
            undone++;
        }
        refreshWatches();
        return new Back(undone, undone < n, forgotten && journal.isEmpty(), taken.toString());
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
        afterChange();
    }

    private void afterChange() {
        if (machine.outcome() == toyisa.vm.Outcome.FAULT) machine.resume();
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
        // A program stopped by a fault may run again from the patched code.
        afterChange();
    }
}
