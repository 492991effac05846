package toyisa.vm;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import toyisa.armistice.Armistice;
import toyisa.container.Segment;
import toyisa.intellio.Intellio;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;

/**
 * One CPU with its 64 KiB of memory and the platform around it (null page, stack, HAL, output cap,
 * instruction budget). {@link #create(Isa)} gives the interpreter for a CPU.
 *
 * <h2>Two loops, one meaning</h2>
 * Each CPU has one interpreter core, {@link #execute(long)}: a dense {@code switch} over
 * <em>pre-decoded</em> operations. The first time the PC reaches an address, the bytes there are
 * decoded through the CPU's table and typed visitor into an operation kind plus operand ints, stored
 * in the flat array {@link #code} at {@code address * 4}; afterwards that address runs without any
 * decoding. {@link #run()} calls the core once with the whole budget: no tracing, no breakpoint
 * checks, no allocation, and faults leave the loop by setting a status, never by an exception.
 * {@link #step()} calls the same core for exactly one instruction and wraps it with everything the
 * trace, breakpoints and undo need — so stepping and running cannot disagree.
 *
 * <h2>Inside the core: a fast loop and a careful loop</h2>
 * HotSpot has no callee-saved registers: a loop that can call out anywhere keeps its state in
 * memory around the calls. So each core is two loops. The fast loop does the common operations and
 * calls nothing; it stops <em>before</em> an instruction it leaves to the careful loop — a first
 * visit to an address, the HAL, I/O, {@code halt}, a fault, a store into pre-decoded code — which
 * executes that one instruction with every check and hands back (on a first visit it only decodes:
 * what the fast loop does, only the fast loop does). A conditional jump right after a
 * compare is pre-decoded together with it into one fused operation, and flags are kept lazily; see
 * {@link CompareBranch}. The numbers behind these choices are in {@code docs/performance.md}.
 *
 * <h2>Self-modifying code</h2>
 * {@link #codeByte} marks every byte that belongs to some pre-decoded instruction. A store checks
 * that mark (one array load); only when it hits code does it drop the pre-decoded entries that could
 * contain the byte, so the next fetch decodes the new bytes. Decoding starts wherever the PC is,
 * including the middle of another instruction, exactly as the hardware would; so do the host's
 * writes ({@link #writeByte}, from the REPL and tools).
 *
 * <h2>Engines</h2>
 * What runs guest code beside the interpreter (the jit) sees the core through {@link Core} and
 * takes over {@link #run()} as an {@link Accelerator}.
 */
public abstract class Machine {
    /** Raw binaries are loaded and entered here, like an MS-DOS {@code .COM} file. */
    public static final int LOAD_ADDRESS = 0x0100;
    /** Where the stack pointer starts; {@code push} decrements first, so the first word lands at FFFCh. */
    public static final int STACK_TOP = 0xFFFE;
    /** The first address after the null page 0000h–00FFh. */
    public static final int NULL_PAGE_END = 0x0100;
    public static final long DEFAULT_BUDGET = 100_000_000L;
    public static final int DEFAULT_OUTPUT_CAP = 64 * 1024;
    /** Instructions the hang sampler runs on a copy after the budget ends. */
    public static final int HANG_SAMPLE = 5000;
    /** The longest line HAL service 21h reads as one number. */
    public static final int MAX_NUMBER_LINE = 256;
    /** The HAL's software interrupt vector. */
    public static final int HAL_VECTOR = 0x13;

    // Kind numbers shared by both cores; each core numbers its own kinds from FIRST_CPU_KIND.
    /** Not decoded yet: the core decodes and retries. */
    static final int K_UNDECODED = 0;
    static final int K_ILLEGAL = 1;
    /** The instruction's bytes touch the null page: the fetch itself faults. */
    static final int K_FETCH_SEGV = 2;
    static final int FIRST_CPU_KIND = 3;

    final Isa isa;
    final int maxLength;
    final byte[] mem = new byte[0x10000];
    /** Pre-decoded operations, four ints per address: kind word, then up to three operands. */
    final int[] code = new int[0x10000 * 4];
    /** 1 where a byte belongs to a pre-decoded instruction. */
    final byte[] codeByte = new byte[0x10000];
    /**
     * The lowest and highest address marked in {@link #codeByte} (none: 10000h and -1), for the jit's
     * compiled stores: one outside this window needs no mark read. A host CPU's marks are the
     * translator's, which it sets itself, so there the window is all of memory ({@link Core#host}).
     */
    int codeLo = 0x10000, codeHi = -1;
    /** Where instructions are fetched from when decoding: {@link #mem}, or a host CPU's code memory ({@link Core#host}). */
    byte[] fetchMemory = mem;
    /** A host CPU's ({@link Core#host}): told about stores into marked bytes instead of forgetting pre-decoded code. */
    Core.StoreWatcher storeWatcher;
    /** Register file; cores may keep extra slots past the visible registers (a write sink, a zero). */
    final int[] regs;
    final int visibleRegisters;
    final int halService;
    final int halArgument;

    int pc;
    long steps;
    long budget = DEFAULT_BUDGET;

    Outcome outcome = Outcome.RUNNING;
    int exitStatus = -1;
    FaultReport fault;
    HangReport hang;
    long hangSample = -1; // setHangSample's, else as far as the budget went

    final StringBuilder out = new StringBuilder();
    int outputCap = DEFAULT_OUTPUT_CAP;
    Consumer<String> echo;
    GuestInput in = new GuestInput(new byte[0]);

    /** The program loaded while the host has changed nothing since: a fault is then explained by a replay ({@link Postmortem}). */
    Program replayable;

    // Addresses decoded since the last reset, so a reset clears only those entries.
    private int[] decoded = new int[1024];
    private int decodedCount;

    Machine(Isa isa, int registerSlots, int visibleRegisters) {
        this.isa = isa;
        this.maxLength = isa.table().maxLength();
        this.regs = new int[registerSlots];
        this.visibleRegisters = visibleRegisters;
        this.halService = isa.registers().code("a");
        this.halArgument = isa.registers().code("c");
        reset();
    }

    /** The interpreter for a CPU: Armistice or Intellio. */
    public static Machine create(Isa isa) {
        if (isa == null) throw new IllegalArgumentException("no CPU given");
        if (isa.machine() == Armistice.ISA.machine()) return new ArmisticeMachine();
        if (isa.machine() == Intellio.ISA.machine()) return new IntellioMachine();
        throw new IllegalArgumentException("no interpreter for the CPU " + isa.name());
    }

    /** The interpreter for a CPU by name ({@code armistice}, {@code intellio}). */
    public static Machine create(String cpu) {
        Isa isa = Isa.byName(cpu);
        if (isa == null) throw new IllegalArgumentException("unknown CPU '" + cpu + "' (known: armistice, intellio)");
        return create(isa);
    }

    public Isa isa() {
        return isa;
    }

    // ------------------------------------------------------------------ the core (per CPU)

    /**
     * Runs until {@code limit} instructions have run or the machine stops: the core's fast loop,
     * and its careful loop for each instruction the fast loop stops before.
     */
    final void execute(long limit) {
        if (accelerator != null && limit - steps > 1) {
            accelerator.execute(limit);
            return;
        }
        interpret(limit);
    }

    /** {@link #execute(long)} by the interpreter alone (also what an accelerator falls back on). */
    final void interpret(long limit) {
        while (steps < limit) {
            executeFast(limit);
            if (steps >= limit) return;
            executeCareful(steps + 1);
            if (outcome != Outcome.RUNNING) return;
        }
    }

    /** What runs this machine's guest code in place of the interpreter (the jit engine), or null. */
    Accelerator accelerator;
    /** Times compiled code stopped before an instruction of its own and handed it to the interpreter (written by that code). */
    long deoptimisations;

    /**
     * The hot loop: the common operations, stopping before anything else (a first visit, a fault,
     * I/O, halt, a store into code), or when {@code limit} instructions have run. Must not throw,
     * must not allocate, and must leave {@link #pc} and {@link #steps} up to date when it returns.
     */
    abstract void executeFast(long limit);

    /** One instruction the fast loop stopped before, or the decoding of a first visit alone. */
    abstract void executeCareful(long limit);

    /** Decodes at {@code at} as a first visit does (a compare fused with its jump); returns the kind word. */
    abstract int decodeFused(int at);

    /** Fills {@code code[slot..slot+3]} for a legal instruction (kind word with the length in bits 8–11). */
    abstract void fill(Instruction insn, int slot);

    /**
     * Memory the pre-decoded instruction at {@code pc} is about to write, as {@code address | length << 16},
     * or -1 if it writes none. Used only by {@link #step()} to journal old bytes for undo.
     */
    abstract int writeFootprint(int pc);

    /** Flag bits, most significant first in the order of {@link #flagNames()}. */
    public abstract int flags();

    public abstract void setFlags(int flags);

    /** One letter per flag, most significant bit first: {@code NZCV} or {@code ZSCO}. */
    public abstract String flagNames();

    abstract Machine blank();

    // ------------------------------------------------------------------ decoding and invalidation

    /** Decodes the instruction at {@code at} into the cache and returns its kind word. Not on the hot path. */
    final int decode(int at) {
        Instruction insn = isa.decode(fetchMemory, at);
        int slot = at << 2;
        int len = insn.length();
        boolean touchesNullPage = false;
        for (int k = 0; k < len; k++) {
            int a = (at + k) & 0xFFFF;
            if (a < NULL_PAGE_END) touchesNullPage = true;
            if (fetchMemory == mem) { // with a separate code memory the marks belong to the translator
                codeByte[a] = 1;
                if (a < codeLo) codeLo = a;
                if (a > codeHi) codeHi = a;
            }
        }
        if (touchesNullPage) {
            setSlot(slot, K_FETCH_SEGV, len, 0, 0, 0, 0);
        } else if (insn.isIllegal()) {
            setSlot(slot, K_ILLEGAL, len, 0, 0, 0, 0);
        } else {
            fill(insn, slot);
        }
        if (decodedCount == decoded.length) decoded = Arrays.copyOf(decoded, decodedCount * 2);
        decoded[decodedCount++] = at;
        return code[slot];
    }

    final void setSlot(int slot, int kind, int length, int aux, int x, int y, int z) {
        code[slot] = kind | length << 8 | aux << 16;
        code[slot + 1] = x;
        code[slot + 2] = y;
        code[slot + 3] = z;
    }

    /** A store hit bytes of pre-decoded code: forget every instruction that could contain them. */
    final void invalidate(int addr, int n) {
        if (storeWatcher != null) {
            storeWatcher.stored(addr, n);
            return;
        }
        forget(addr, n);
    }

    /**
     * Drops the pre-decoded instructions that could contain bytes {@code addr..addr+n-1}. A fused
     * compare-and-branch covers two instructions, so the window reaches back two lengths.
     */
    final void forget(int addr, int n) {
        for (int a = addr - (2 * maxLength - 1); a < addr + n; a++) code[(a & 0xFFFF) << 2] = K_UNDECODED;
        if (accelerator != null) accelerator.forget(addr, n);
    }

    // ------------------------------------------------------------------ stopping (cold paths of the cores; faults: Faults)

    final void stopHalt() {
        outcome = Outcome.HALT;
        exitStatus = 0;
    }

    /** Appends program output; past the cap, keeps what fits and stops the machine (status 153). */
    final boolean print(String s, int next) {
        int room = outputCap - out.length();
        if (s.length() > room) {
            String part = s.substring(0, Math.max(0, room));
            out.append(part);
            if (echo != null && !part.isEmpty()) echo.accept(part);
            pc = next;
            outcome = Outcome.OUTPUT_CAP;
            exitStatus = Outcome.OUTPUT_CAP.fixedStatus();
            return false;
        }
        out.append(s);
        if (echo != null) echo.accept(s);
        return true;
    }

    // ------------------------------------------------------------------ running

    /**
     * The fast loop: runs until the program halts, exits, faults, exceeds the output cap or uses up
     * the budget. Returns at once with the same result if the machine has already stopped.
     */
    public RunResult run() {
        return run(Long.MAX_VALUE); // the budget ends it
    }

    /**
     * The fast loop for at most {@code maxSteps} more instructions: one slice of a run that a front
     * end without threads (a browser page) interleaves with its own work. Ending the slice is not an
     * ending — the outcome stays RUNNING — but reaching the budget is, exactly as in {@link #run()}.
     */
    public RunResult run(long maxSteps) {
        if (maxSteps < 0) throw new IllegalArgumentException("a slice must not be negative");
        if (outcome == Outcome.BREAKPOINT) outcome = Outcome.RUNNING;
        if (outcome == Outcome.RUNNING) {
            execute(Math.min(budget, steps + Math.min(maxSteps, Long.MAX_VALUE - steps)));
            checkBudget();
        }
        explainFault();
        return result();
    }

    /** After a fault of an unchanged program, adds how it got there to the report (see {@link Postmortem}). */
    void explainFault() {
        if (outcome == Outcome.FAULT && fault != null && fault.postmortem() == null && replayable != null)
            fault = Postmortem.explained(this, replayable);
    }

    void checkBudget() {
        if (outcome == Outcome.RUNNING && steps >= budget) {
            HangReport h = HangSampler.sample(this);
            outcome = Outcome.BUDGET;
            exitStatus = Outcome.BUDGET.fixedStatus();
            hang = h;
        }
    }

    /**
     * Executes up to {@code n} more instructions through the fast core — no journal, no report — and
     * returns how many it executed. A debugger's {@code continue} calls it between its own checks
     * (breakpoints, watches), one instruction or a slice at a time; the budget is enforced as in {@link #run()}.
     */
    public long runFor(long n) {
        if (n < 0) throw new IllegalArgumentException("cannot run a negative number of instructions");
        if (outcome == Outcome.BREAKPOINT) outcome = Outcome.RUNNING;
        if (outcome != Outcome.RUNNING) return 0;
        long before = steps;
        execute(Math.min(budget, steps + Math.min(n, Long.MAX_VALUE - steps)));
        checkBudget();
        return steps - before;
    }

    /**
     * Executes one instruction through the same core as {@link #run()} and returns everything it
     * changed (see {@link Stepping}). At the budget's end it stops the machine (outcome BUDGET) and
     * returns a step that changed nothing.
     *
     * @throws IllegalStateException if the machine has already stopped (see {@link #isStopped()})
     */
    public Step step() {
        return Stepping.step(this);
    }

    /**
     * The stepping loop: steps until the machine stops, or until the PC reaches an address for which
     * {@code breakpoint} is true (checked before each instruction except the first, so a run can
     * continue from a breakpoint). Each step goes to {@code listener} (a trace printer, the REPL's
     * history); either may be null.
     */
    public RunResult runStepping(IntPredicate breakpoint, Consumer<Step> listener) {
        return Stepping.run(this, breakpoint, listener);
    }

    /** Reverses one step (the most recent one first): registers, flags, PC, memory, output, input. */
    public void undo(Step s) {
        Stepping.undo(this, s);
    }

    /** True once the program halted, exited, faulted, hit the output cap or used up its budget. */
    public boolean isStopped() {
        return outcome.isFinal();
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Lets a stopped machine run on (after the REPL changed the PC or a register, say). */
    public void resume() {
        replayable = null;
        outcome = Outcome.RUNNING;
        exitStatus = -1;
        fault = null;
        hang = null;
    }

    /** The result so far: outcome, status, steps, output, reports and the CPU state. */
    public RunResult result() {
        return new RunResult(outcome, exitStatus, steps, out.toString(), fault, hang, state());
    }

    // ------------------------------------------------------------------ loading

    /** Clears memory, registers, flags, output, decoded code and the stop state; PC 0100h, SP FFFEh. */
    public void reset() {
        Arrays.fill(mem, (byte) 0);
        Arrays.fill(codeByte, (byte) 0);
        if (fetchMemory == mem) {
            codeLo = 0x10000;
            codeHi = -1;
        }
        if (decodedCount >= 0x10000) {
            Arrays.fill(code, 0);
        } else {
            for (int i = 0; i < decodedCount; i++) code[decoded[i] << 2] = K_UNDECODED;
        }
        decodedCount = 0;
        if (accelerator != null) accelerator.clear();
        Arrays.fill(regs, 0);
        setFlags(0);
        regs[isa.registers().code("sp")] = STACK_TOP;
        pc = LOAD_ADDRESS;
        steps = 0;
        out.setLength(0);
        in.rewind(0);
        resume();
    }

    /** Resets, loads a raw binary at 0100h and enters it there. */
    public void loadRaw(byte[] program) {
        load(Program.raw(program));
    }

    /** Resets, copies the program's segments into memory and sets the PC to its entry. */
    public void load(Program program) {
        reset();
        for (Segment s : program.segments()) System.arraycopy(s.bytes(), 0, mem, s.address(), s.size());
        pc = program.entry() & 0xFFFF;
        replayable = program;
    }

    // ------------------------------------------------------------------ limits and I/O

    public long budget() {
        return budget;
    }

    /** The most instructions this program may execute in total (since loading) before it counts as hung. */
    public void setBudget(long budget) {
        if (budget < 0) throw new IllegalArgumentException("the instruction budget must not be negative");
        this.budget = budget;
    }

    /** How far the hang sampler runs on past the budget (default: as far as the budget went, at most {@link #HANG_SAMPLE}). */
    public void setHangSample(long instructions) {
        this.hangSample = Math.max(1, Math.min(HANG_SAMPLE, instructions));
    }

    public int outputCap() {
        return outputCap;
    }

    /** The most characters the program may print; beyond them the run stops with status 153. */
    public void setOutputCap(int cap) {
        if (cap < 0) throw new IllegalArgumentException("the output cap must not be negative");
        this.outputCap = cap;
    }

    /** Standard input for the HAL read services. */
    public void setInput(byte[] bytes) {
        in = new GuestInput(bytes);
    }

    public void setInput(String text) {
        setInput(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads lazily from a stream (an interactive terminal, say); bytes read are kept for undo. */
    public void setInput(InputStream stream) {
        in = new GuestInput(stream);
    }

    /**
     * Appends to standard input (set by {@link #setInput(byte[])}): a console that takes input while
     * the program runs, without blocking it, hands over each line typed. Reads at the end of the
     * input see FFFFh until more arrives; undo rewinds into the appended bytes as into any others.
     */
    public void appendInput(byte[] more) {
        in.append(more.clone());
    }

    /** Input bytes given and not read yet: 0 means the next read sees the end of input. */
    public int inputAvailable() {
        return in.available();
    }

    /** Also hands every piece of output to {@code echo} as it is printed (the command line's stdout). */
    public void setOutputEcho(Consumer<String> echo) {
        this.echo = echo;
    }

    public String output() {
        return out.toString();
    }

    public long steps() {
        return steps;
    }

    // ------------------------------------------------------------------ state access

    public int pc() {
        return pc;
    }

    public void setPc(int pc) {
        replayable = null;
        this.pc = pc & 0xFFFF;
    }

    /** Number of visible registers: 16 on Armistice, 8 on Intellio. */
    public int registerCount() {
        return visibleRegisters;
    }

    public int register(int code) {
        checkRegister(code);
        return regs[code];
    }

    /** Sets a register (Armistice r0 stays 0, as on the hardware). */
    public void setRegister(int code, int value) {
        checkRegister(code);
        replayable = null;
        if (!isZeroRegister(code)) regs[code] = value & 0xFFFF;
    }

    boolean isZeroRegister(int code) {
        return false;
    }

    private void checkRegister(int code) {
        if (code < 0 || code >= visibleRegisters)
            throw new IllegalArgumentException("no register " + code + " on " + isa.name());
    }

    /** A byte of memory as the host sees it (no null-page fault: tools may look anywhere). */
    public int readByte(int address) {
        return mem[address & 0xFFFF] & 0xFF;
    }

    /** Writes a byte from the host (REPL, tests); invalidates pre-decoded code there. The null page stays zero. */
    public void writeByte(int address, int value) {
        int a = address & 0xFFFF;
        if (a < NULL_PAGE_END) throw new IllegalArgumentException("address " + toyisa.isa.Hex.addr(a) + " is in the null page, which is unmapped");
        replayable = null;
        poke(a, value);
    }

    void poke(int a, int value) {
        mem[a] = (byte) value;
        if (codeByte[a] != 0) invalidate(a, 1);
    }

    /** A copy of {@code length} bytes of memory from {@code address} (wrapping at FFFFh). */
    public byte[] readMemory(int address, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = mem[(address + i) & 0xFFFF];
        return b;
    }

    /** PC, registers and flags now. */
    public CpuState state() {
        return new CpuState(pc, Arrays.copyOf(regs, visibleRegisters), flags(), flagNames(), isa.registers());
    }

    /** The instruction at an address as this CPU decodes it (for disassembly next to a trace). */
    public Instruction decodeAt(int address) {
        return isa.decode(mem, address);
    }

    /**
     * Makes this machine what {@code snapshot} (a {@link #copy()} of it) was: memory, registers,
     * flags, PC, counters, output and the stop state. The input stays this machine's own — every byte
     * read so far is kept — rewound to where the snapshot had read: a debugger going back past a run
     * it did not journal restores the copy it took before, then runs forward again.
     */
    public void restore(Machine snapshot) {
        if (snapshot.isa.machine() != isa.machine() || snapshot.regs.length != regs.length)
            throw new IllegalArgumentException("a snapshot of " + snapshot.isa.name() + " cannot restore " + isa.name());
        int position = snapshot.in.position();
        reset();
        snapshot.copyInto(this);
        in.rewind(position);
    }

    /** An independent copy: memory, registers, flags, PC, counters, output, input position and limits. */
    public Machine copy() {
        Machine m = blank();
        copyInto(m);
        m.in = in.copy();
        return m;
    }

    /** Everything but the input into a machine of the same CPU that is freshly reset. */
    private void copyInto(Machine m) {
        System.arraycopy(mem, 0, m.mem, 0, mem.length);
        System.arraycopy(regs, 0, m.regs, 0, regs.length);
        m.setFlags(flags());
        m.pc = pc;
        m.steps = steps;
        m.budget = budget;
        m.outcome = outcome;
        m.exitStatus = exitStatus;
        m.fault = fault;
        m.hang = hang;
        m.out.append(out);
        m.outputCap = outputCap;
    }
}
