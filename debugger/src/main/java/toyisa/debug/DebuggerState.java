package toyisa.debug;

import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.Program;
import toyisa.vm.Step;

/**
 * What the debugger holds and is set up with: the machine and the program loaded into it, the
 * breakpoints and watches, the call stack, the history that reverse stepping undoes, the input and
 * the budget. {@link Debugger} runs it forwards and backwards.
 */
abstract class DebuggerState {
    /** Steps the reverse-step journal keeps by default. */
    public static final int DEFAULT_HISTORY = 100_000;
    /** Instructions a program may execute in the debugger before it counts as hung. */
    public static final long DEFAULT_BUDGET = 10_000_000L;
    /** Instructions a run steps (journaled) before it goes on with the fast core. */
    public static final int STEPPED = 10_000;
    /** Steps journaled at the end of a fast run when {@code back} goes into it. */
    static final int REPLAY_TAIL = 1_000;
    /** Fast runs and edits the history remembers (each keeps a copy of the machine). */
    public static final int FAST_RUNS = 32;

    /**
     * What {@link Debugger#back(int)} did.
     *
     * @param undone      steps undone
     * @param exhausted   true when it wanted more steps than the journal held
     * @param forgotten   true when older steps had been dropped from the journal (so the start was not reached)
     * @param outputTaken program output taken back, in the order it had been printed
     */
    public record Back(int undone, boolean exhausted, boolean forgotten, String outputTaken) {}

    /** What to run towards, besides breakpoints, watches and the end: see {@link Debugger#go}. */
    record Goal(long max, int location, int returnTo, int spAtCall, int belowDepth, int pastAddress, int pastDepth) {
        static Goal steps(long max) {
            return new Goal(max, -1, -1, -1, -1, -1, -1);
        }
    }

    /**
     * One entry of the history: a journaled step; a fast run of {@code count} steps from {@code
     * snapshot}; or an edit made while paused ({@code edit} says what), undone by restoring {@code snapshot}.
     */
    record Entry(Step step, CallStack.Frames frames, Machine snapshot, long count, String edit) {
        Entry(Step step, CallStack.Frames frames, Machine snapshot, long count) {
            this(step, frames, snapshot, count, null);
        }
    }

    Machine machine;
    Program program = Program.raw(new byte[0]);
    /** Labels by name in address order, and the first label of each address. */
    Map<String, Integer> labels = Map.of();
    final TreeMap<Integer, String> labelAt = new TreeMap<>();
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
    /** A console: a HAL read at the end of the input waits for {@link #type} instead of seeing FFFFh. */
    boolean console;
    boolean inputClosed;
    int outputCap = Machine.DEFAULT_OUTPUT_CAP;

    DebuggerState(Isa cpu, int historyLimit) {
        if (historyLimit < 1) throw new IllegalArgumentException("the history must hold at least one step");
        this.historyLimit = historyLimit;
        this.machine = Machine.create(cpu);
        reload();
    }

    /** Ends a run that {@link Debugger#start} began and did not finish (before anything else changes the machine). */
    abstract void endRun();

    /** The machine, to read. Change it through the debugger ({@link Debugger#setRegister} and the like), so the history knows. */
    public Machine machine() {
        return machine;
    }

    public Isa cpu() {
        return machine.isa();
    }

    /** The program as loaded (before any patch). */
    public Program program() {
        return program;
    }

    /** The program's labels, by name in address order. */
    public Map<String, Integer> labels() {
        return labels;
    }

    /** The first label at an address, or null. */
    public String labelAt(int address) {
        return labelAt.get(address & 0xFFFF);
    }

    /** Bytes patched into the program by {@link Debugger#patch}. */
    public int patchedBytes() {
        return patches.size();
    }

    public int historyLimit() {
        return historyLimit;
    }

    /** Steps {@code back} can undo (an edit counts as one). */
    public long historySize() {
        long n = 0;
        for (Entry e : journal) n += e.step() != null || e.edit() != null ? 1 : e.count();
        return n;
    }

    /** True when older steps have been dropped from the history (so going back cannot reach the start). */
    public boolean historyForgotten() {
        return forgotten;
    }

    public void setBudget(long budget) {
        endRun();
        this.budget = budget;
        machine.setBudget(budget);
    }

    /** Bytes of output the program may print before it is stopped (the command line's --max-output). */
    public void setOutputCap(int cap) {
        endRun();
        this.outputCap = cap;
        machine.setOutputCap(cap);
    }

    /** The bytes HAL services 20h and 21h read (from the start again at every load and reset). */
    public void setInput(byte[] input) {
        endRun();
        this.input = input.clone();
        this.inputStream = null;
        machine.setInput(this.input);
    }

    /** Input read on demand (typed at the REPL's prompt); every byte read is kept for back and reset. */
    public void setInput(InputStream stream) {
        endRun();
        this.inputStream = stream;
        machine.setInput(stream);
    }

    /**
     * Makes the input a console (for a front end without threads, like the page): a HAL read at the
     * end of the input stops a run with {@link Stop.Reason#INPUT} until {@link #type} brings more or
     * {@link #closeInput} ends it. Off (the default), the end of the input reads as FFFFh at once.
     */
    public void setConsole(boolean on) {
        endRun();
        console = on;
        code.setTrapsStop(console && !inputClosed);
    }

    /** Bytes typed into the console, read after the input so far. False when the input is closed. */
    public boolean type(byte[] bytes) {
        if (inputClosed) return false;
        machine.appendInput(bytes);
        return true;
    }

    /** Ends the console's input: reads at its end see FFFFh from now on, as after Ctrl-D. */
    public void closeInput() {
        inputClosed = true;
        code.setTrapsStop(false);
    }

    /** True while a console may still be sent input. */
    public boolean inputOpen() {
        return console && !inputClosed;
    }

    /** True when the next instruction is a HAL read with nothing left to read, and the console may still send more. */
    public boolean waitingForInput() {
        if (!console || inputClosed || machine.isStopped() || machine.inputAvailable() > 0) return false;
        Instruction next = machine.decodeAt(machine.pc());
        if (next.isIllegal() || !next.row().op().name().equals("INT") || next.vector() != Machine.HAL_VECTOR) return false;
        int service = machine.register(cpu().registers().code("a"));
        return service == 0x20 || service == 0x21;
    }

    /** Where program output goes as it is printed. */
    public void setOutputEcho(Consumer<String> echo) {
        this.echo = echo;
        machine.setOutputEcho(echo);
    }

    /** The call stack, innermost first: from the calls and returns the program executed. */
    public CallStack.Frames frames() {
        return frames;
    }

    // ------------------------------------------------------------------ loading

    /** Loads a program on the current CPU and starts at its entry; {@code labels} name its addresses (or are empty). */
    /** Loads a run's program with its bounds and input (its engine is the interpreter's: a debugger steps). */
    public void load(toyisa.vm.Run run, Map<String, Integer> labels) {
        setBudget(run.budget());
        setOutputCap(run.outputCap());
        if (run.inputStream() != null) setInput(run.inputStream());
        else setInput(run.input());
        load(run.program(), labels);
    }

    public void load(Program program, Map<String, Integer> labels) {
        endRun();
        setProgram(program, labels);
        patches.clear();
        reload();
    }

    /** Names the loaded program's addresses (labels from its assembly), leaving the machine as it is. */
    public void setLabels(Map<String, Integer> labels) {
        setProgram(program, labels);
    }

    private void setProgram(Program program, Map<String, Integer> labels) {
        this.program = program;
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(labels.entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        Map<String, Integer> byAddress = new LinkedHashMap<>();
        labelAt.clear();
        for (Map.Entry<String, Integer> e : sorted) {
            byAddress.put(e.getKey(), e.getValue());
            labelAt.putIfAbsent(e.getValue() & 0xFFFF, e.getKey());
        }
        this.labels = Collections.unmodifiableMap(byAddress);
    }

    /** Loads the program again from its bytes (and patches): fresh memory and registers, empty journal, the input from its start. */
    public void reload() {
        endRun();
        machine.load(program);
        patches.forEach((a, b) -> machine.writeByte(a, b));
        machine.setBudget(budget);
        machine.setOutputCap(outputCap);
        if (inputStream != null) machine.setInput(inputStream);
        else machine.setInput(input);
        machine.setOutputEcho(echo);
        inputClosed = false;
        code.setTrapsStop(console);
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
    public void switchCpu(Isa cpu, Program program, Map<String, Integer> labels) {
        endRun();
        this.machine = Machine.create(cpu);
        setProgram(program, labels);
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

    public Breakpoint addBreakpoint(int address, String spec) {
        return addBreakpoint(address, spec, false);
    }

    public Breakpoint addBreakpoint(int address, String spec, boolean temporary) {
        for (Breakpoint b : breakpoints) if (b.address() == address) return b;
        Breakpoint b = new Breakpoint(nextId++, address & 0xFFFF, spec, temporary);
        breakpoints.add(b);
        breakAt.set(b.address());
        code.forgetSlices();
        return b;
    }

    public Watch addWatch(int register, int address, String spec) {
        return addWatch(register, address, spec, Watch.Access.CHANGE);
    }

    public Watch addWatch(int register, int address, String spec, Watch.Access access) {
        Watch w = new Watch(nextId++, register, address & 0xFFFF, spec, access);
        watches.add(w);
        refreshWatches();
        return w;
    }

    /** Deletes a breakpoint or watch by number; returns false when there is none. */
    public boolean delete(int id) {
        boolean found = breakpoints.removeIf(b -> b.id() == id) | watches.removeIf(w -> w.id() == id);
        rebuildBreakAt();
        refreshWatches();
        return found;
    }

    public int deleteAll() {
        int n = breakpoints.size() + watches.size();
        breakpoints.clear();
        watches.clear();
        rebuildBreakAt();
        refreshWatches();
        return n;
    }

    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    public Breakpoint breakpoint(int id) {
        for (Breakpoint b : breakpoints) if (b.id() == id) return b;
        return null;
    }

    public List<Watch> watches() {
        return List.copyOf(watches);
    }

    public boolean hasBreakpoint(int address) {
        return breakAt.get(address & 0xFFFF);
    }

    void rebuildBreakAt() {
        code.forgetSlices();
        breakAt.clear();
        for (Breakpoint b : breakpoints) breakAt.set(b.address());
    }

    /** The current value of a watched register or memory word. */
    public int value(Watch w) {
        if (w.register() >= 0) return machine.register(w.register());
        return word(w.address());
    }

    /** The 16-bit word at an address, in the CPU's byte order. */
    public int word(int address) {
        int first = machine.readByte(address), second = machine.readByte(address + 1);
        return cpu().byteOrder() == ByteOrder.BIG_ENDIAN ? first << 8 | second : second << 8 | first;
    }

    void refreshWatches() {
        watchValues = new int[watches.size()];
        for (int i = 0; i < watches.size(); i++) watchValues[i] = value(watches.get(i));
    }

    /** Evaluates an expression on the machine as it is now (registers, labels, memory). */
    public int evaluate(String expression) {
        return AddressExpression.evaluate(expression, context());
    }

    public AddressExpression.Context context() {
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
                return labels.get(name);
            }

            @Override
            public int word(int address) {
                return DebuggerState.this.word(address);
            }

            @Override
            public boolean hasLabels() {
                return !labels.isEmpty();
            }
        };
    }
}
