package toyisa.vm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import toyisa.isa.Isa;

/**
 * A machine's interpreter core as an engine sees it: the interface this package exports for what
 * runs guest code beside the interpreter (the jit engine) and for a binary translator's host CPU.
 * It gives the core's own state live, not copied: the pre-decoded slots ({@link #code()}, four ints
 * per address, kinds in {@link ArmisticeKinds} and {@link IntellioKinds}), registers, memory, the
 * marks of pre-decoded bytes, and the counters. Tools use {@link Machine}'s public methods instead.
 */
public final class Core {
    /** Told about every data store into a byte marked in {@link #marks()}, after the bytes are written. */
    public interface StoreWatcher {
        void stored(int address, int length);
    }

    private final Machine m;

    private Core(Machine m) {
        this.m = m;
    }

    /** The core of a machine. */
    public static Core of(Machine m) {
        return new Core(m);
    }

    /**
     * A core as a binary translator's host CPU. A guest's 64 KiB and a code cache cannot share one
     * 64 KiB address space, so it fetches its instructions from {@code codeMemory} (the code cache)
     * while every load and store, and the HAL, work on data memory, which holds the guest's memory.
     * A data store into a byte marked in {@link #marks()} goes to {@code watcher} (after the store)
     * instead of dropping pre-decoded code. An Intellio host also has 64 KiB of its own
     * ({@link #hostMemory()}), which its absolute forms address: the guest owns all of data memory.
     * No budget: the translator bounds each run itself.
     */
    public static Core host(Isa isa, byte[] codeMemory, StoreWatcher watcher) {
        if (codeMemory.length != 0x10000) throw new IllegalArgumentException("code memory must be 64 KiB");
        Machine m = Machine.create(isa);
        if (m instanceof IntellioMachine im) im.hostMemory = new byte[0x10000];
        m.fetchMemory = codeMemory;
        m.storeWatcher = watcher;
        m.codeLo = 0; // the translator marks bytes itself: every store reads its mark
        m.codeHi = 0xFFFF;
        m.budget = Long.MAX_VALUE;
        return new Core(m);
    }

    public Machine machine() {
        return m;
    }

    public Isa isa() {
        return m.isa;
    }

    /** The pre-decoded slots: at {@code address * 4} the kind word (kind, length in bits 8–11, aux in 16–31), then up to three operands. */
    public int[] code() {
        return m.code;
    }

    /** The kind word at {@code at}, decoding it as the core's careful loop does on a first visit (a compare fused with its jump). */
    public int kindWord(int at) {
        int w = m.code[at << 2];
        return w == Machine.K_UNDECODED ? m.decodeFused(at) : w;
    }

    /** The data memory (live). */
    public byte[] memory() {
        return m.mem;
    }

    /** Where instructions are fetched from: data memory, or a host CPU's code memory. */
    public byte[] fetchMemory() {
        return m.fetchMemory;
    }

    /** One byte per data address: 1 where a byte belongs to pre-decoded code (or, on a host CPU, is marked by the translator). */
    public byte[] marks() {
        return m.codeByte;
    }

    /** The register file (live); slots past the visible registers are the core's (a write sink, a zero). */
    public int[] registers() {
        return m.regs;
    }

    /** A host CPU's own memory, which an Intellio host's absolute forms address; null otherwise. */
    public byte[] hostMemory() {
        return m instanceof IntellioMachine im ? im.hostMemory : null;
    }

    public int pc() {
        return m.pc;
    }

    /** Instructions executed since loading. */
    public long steps() {
        return m.steps;
    }

    /** Counts {@code n} instructions an engine executed itself. */
    public void addSteps(long n) {
        m.steps += n;
    }

    public boolean running() {
        return m.outcome == Outcome.RUNNING;
    }

    public Outcome outcome() {
        return m.outcome;
    }

    /** The fault report after {@link Outcome#FAULT}. */
    public FaultReport fault() {
        return m.fault;
    }

    public int exitStatus() {
        return m.exitStatus;
    }

    /** Characters of output so far. */
    public int outputLength() {
        return m.out.length();
    }

    /** Bytes of standard input the HAL has consumed. */
    public int inputPosition() {
        return m.in.position();
    }

    /** Times compiled code stopped before an instruction of its own and handed it to the interpreter. */
    public long deoptimisations() {
        return m.deoptimisations;
    }

    /**
     * The core's flag fields as it keeps them, lazily, into {@code f}: Armistice {@code fa, fb, lazy}
     * (0 or 1), Intellio {@code fa, fb, fz, fs, fc, fo}. For an engine whose compiled code cannot
     * name the fields (the page's jit, in JavaScript); {@link #restoreFlagFields} puts them back.
     */
    public void saveFlagFields(int[] f) {
        if (m instanceof ArmisticeMachine a) {
            f[0] = a.fa;
            f[1] = a.fb;
            f[2] = a.lazy ? 1 : 0;
        } else if (m instanceof IntellioMachine i) {
            f[0] = i.fa;
            f[1] = i.fb;
            f[2] = i.fz;
            f[3] = i.fs;
            f[4] = i.fc;
            f[5] = i.fo;
        }
    }

    /** The flag fields from {@code f}, as {@link #saveFlagFields} wrote them and compiled code left them. */
    public void restoreFlagFields(int[] f) {
        if (m instanceof ArmisticeMachine a) {
            a.fa = f[0];
            a.fb = f[1];
            a.lazy = f[2] != 0;
        } else if (m instanceof IntellioMachine i) {
            i.fa = f[0];
            i.fb = f[1];
            i.fz = f[2];
            i.fs = f[3];
            i.fc = f[4];
            i.fo = f[5];
        }
    }

    /** Compiled code left off at {@code pc}, having stopped before an instruction of its own {@code deoptimisations} times. */
    public void leaveAt(int pc, int deoptimisations) {
        m.pc = pc;
        m.deoptimisations += deoptimisations;
    }

    /** Runs until {@code limit} instructions have run in all, or the machine stops: the attached accelerator, else the interpreter. */
    public void execute(long limit) {
        m.execute(limit);
    }

    /** Runs by the interpreter alone until {@code limit} instructions have run in all, or the machine stops. */
    public void interpret(long limit) {
        m.interpret(limit);
    }

    /** From now on {@code a} runs this machine's {@code run}. */
    public void attach(Accelerator a) {
        m.accelerator = a;
    }

    /** Fetched bytes {@code addr..addr+n-1} changed: decode them again when reached. */
    public void forget(int addr, int n) {
        m.forget(addr, n);
    }

    /** All fetched bytes changed (a host CPU's code cache was flushed). */
    public void forgetAll() {
        java.util.Arrays.fill(m.code, Machine.K_UNDECODED);
        if (m.accelerator != null) m.accelerator.clear();
    }

    /**
     * Loads a class file of code that reads and writes the cores' fields by name (a jit's region)
     * as a hidden class of this package, and returns a new instance of it (its constructor takes
     * nothing). The class file names its class in package {@code toyisa.vm}.
     */
    public static Object instantiate(byte[] classFile) {
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(classFile, false);
            return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load generated code: " + e, e);
        }
    }
}
