package toyisa.repl;

import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.Step;

/**
 * What the debugger holds and is set up with: the machine and the program loaded into it, the
 * breakpoints and watches, the call stack, the history that reverse stepping undoes, the input and
 * the budget. {@link Debugger} runs it forwards and backwards.
 */
abstract class DebuggerState {
    /** Steps the reverse-step journal keeps by default. */
    static final int DEFAULT_HISTORY = 100_000;
    /** Instructions a program may execute in the debugger before it counts as hung. */
    static final long DEFAULT_BUDGET = 10_000_000L;
    /** Instructions a run steps (journaled) before it goes on with the fast core. */
    static final int STEPPED = 10_000;
    /** Steps journaled at the end of a fast run when {@code back} goes into it. */
    static final int REPLAY_TAIL = 1_000;
    /** Fast runs the history remembers (each keeps a copy of the machine). */
    static final int FAST_RUNS = 32;

    /**
     * What {@link Debugger#back(int)} did.
     *
     * @param undone      steps undone
     * @param exhausted   true when it wanted more steps than the journal held
     * @param forgotten   true when older steps had been dropped from the journal (so the start was not reached)
     * @param outputTaken program output taken back, in the order it had been printed
     */
    record Back(int undone, boolean exhausted, boolean forgotten, String outputTaken) {}

    /** What to run towards, besides breakpoints, watches and the end: see {@link Debugger#go}. */
    record Goal(long max, int location, int returnTo, int spAtCall, int belowDepth, int pastAddress, int pastDepth) {
        static Goal steps(long max) {
            return new Goal(max, -1, -1, -1, -1, -1, -1);
        }
    }

    /** One entry of the history: a journaled step, or a fast run of {@code count} steps from {@code snapshot}. */
    record Entry(Step step, CallStack.Frames frames, Machine snapshot, long count) {}

    Machine machine;
    Image image;
    final ArrayDeque<Entry> journal = new ArrayDeque<>();
    int steppedEntries;
    int fastEntries;
    final int historyLimit;
    boolean forgotten;
    long budget = DEFAULT_BUDGET;
    final List<Breakpoint> breakpoints = new ArrayList<>();
    final BitSet breakAt = new BitSet(0x10000);
    final List<Watch> watches = new ArrayList<>();
    int[] watchValues = new int[0];
    int nextId = 1;
    byte[] input = new byte[0];
    InputStream inputStream;
    Consumer<String> echo;
    CallStack.Frames frames = CallStack.Frames.EMPTY;
    /** What is known of the code: which addresses hold calls, returns and jumps, and the straight-line slices. */
    final CodeMap code = new CodeMap();
    /** Bytes written by {@code asm}: part of the program from then on, kept by reset and by a CPU switch. */
    final java.util.TreeMap<Integer, Byte> patches = new java.util.TreeMap<>();
    volatile boolean interrupted;

    DebuggerState(Isa cpu, int historyLimit) {
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

    /** Steps {@code back} can undo. */
    long historySize() {
        long n = 0;
        for (Entry e : journal) n += e.step() != null ? 1 : e.count();
        return n;
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
        this.inputStream = null;
        machine.setInput(this.input);
    }

    /** Input read on demand (typed at the REPL's prompt); every byte read is kept for back and reset. */
    void setInput(InputStream stream) {
        this.inputStream = stream;
        machine.setInput(stream);
    }

    /** Where program output goes as it is printed. */
    void setOutputEcho(Consumer<String> echo) {
        this.echo = echo;
        machine.setOutputEcho(echo);
    }

    CallStack.Frames frames() {
        return frames;
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
        if (inputStream != null) machine.setInput(inputStream);
        else machine.setInput(input);
        machine.setOutputEcho(echo);
        clearHistory();
        frames = CallStack.Frames.EMPTY;
        code.forgetAll();
        refreshWatches();
    }

    void clearHistory() {
        journal.clear();
        steppedEntries = 0;
        fastEntries = 0;
        forgotten = false;
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
            if (code >= 0 && code < machine.registerCount()) kept.add(new Watch(w.id(), code, 0, cpu.registers().name(code), w.access()));
        }
        watches.clear();
        watches.addAll(kept);
        reload();
    }

    // ------------------------------------------------------------------ breakpoints and watches

    Breakpoint addBreakpoint(int address, String spec) {
        return addBreakpoint(address, spec, false);
    }

    Breakpoint addBreakpoint(int address, String spec, boolean temporary) {
        for (Breakpoint b : breakpoints) if (b.address() == address) return b;
        Breakpoint b = new Breakpoint(nextId++, address & 0xFFFF, spec, temporary);
        breakpoints.add(b);
        breakAt.set(b.address());
        code.forgetSlices();
        return b;
    }

    Watch addWatch(int register, int address, String spec) {
        return addWatch(register, address, spec, Watch.Access.CHANGE);
    }

    Watch addWatch(int register, int address, String spec, Watch.Access access) {
        Watch w = new Watch(nextId++, register, address & 0xFFFF, spec, access);
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

    Breakpoint breakpoint(int id) {
        for (Breakpoint b : breakpoints) if (b.id() == id) return b;
        return null;
    }

    List<Watch> watches() {
        return List.copyOf(watches);
    }

    boolean hasBreakpoint(int address) {
        return breakAt.get(address & 0xFFFF);
    }

    void rebuildBreakAt() {
        code.forgetSlices();
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

    void refreshWatches() {
        watchValues = new int[watches.size()];
        for (int i = 0; i < watches.size(); i++) watchValues[i] = value(watches.get(i));
    }

    /** Evaluates an expression on the machine as it is now (registers, labels, memory). */
    int evaluate(String expression) {
        return AddressExpression.evaluate(expression, context());
    }

    AddressExpression.Context context() {
        return new AddressExpression.Context() {
            @Override
            public int pc() {
                return machine.pc();
            }

            @Override
            public Integer register(String name) {
                int r = cpu().registers().code(name);
                return r >= 0 && r < machine.registerCount() ? machine.register(r) : null;
            }

            @Override
            public Integer label(String name) {
                return image.labels.get(name);
            }

            @Override
            public int word(int address) {
                return DebuggerState.this.word(address);
            }

            @Override
            public boolean hasLabels() {
                return !image.labels.isEmpty();
            }
        };
    }
}
