package toyisa.translate;

import java.io.InputStream;
import java.util.function.Consumer;
import toyisa.vm.Core;
import toyisa.vm.FaultReport;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;

/**
 * An interpreter core as the binary translator's host CPU ({@link Core#host}).
 *
 * <p>A guest's 64 KiB and a code cache cannot share one 64 KiB address space, so in this mode the
 * core fetches its instructions from a separate <em>code memory</em> (the translator's code cache)
 * while every load and store — and the HAL — still works on the ordinary data memory, which holds the
 * guest's memory. Nothing else changes: the same pre-decoding fast loop, the same faults, the same
 * HAL. Two small hooks make it work:
 * <ul>
 * <li>{@link #marks()}: the translator marks guest bytes it has translated; a data store into a marked
 * byte calls the {@link StoreWatcher} (after the store), which invalidates the translations of those
 * bytes — self-modifying guest code.</li>
 * <li>{@link #forgetCode}: the translator tells the core that it patched code memory (block chaining,
 * invalidation), so the core decodes those host instructions again.</li>
 * </ul>
 * The translator leaves the host code by {@code halt} instructions it placed itself ("exit stubs"):
 * {@link #run} returns {@link Outcome#HALT} with {@link #pc()} just past the stub.
 */
public final class HostCpu {
    /** Told about every data store into a byte marked in {@link #marks()}, after the bytes are written. */
    public interface StoreWatcher extends Core.StoreWatcher {}

    private final Core core;
    private final Machine m;

    /**
     * An Armistice host CPU.
     *
     * @param codeMemory 64 KiB of host code (the code cache), fetched from instead of data memory
     * @param watcher    told about stores into marked (translated) guest bytes
     */
    public HostCpu(byte[] codeMemory, StoreWatcher watcher) {
        this(toyisa.armistice.Armistice.ISA, codeMemory, watcher);
    }

    /**
     * A host CPU of either kind. An Intellio host also has 64 KiB of memory of its own
     * ({@link #hostMemory()}), which its absolute forms address: the guest owns all of data memory.
     */
    public HostCpu(toyisa.isa.Isa host, byte[] codeMemory, StoreWatcher watcher) {
        core = Core.host(host, codeMemory, watcher);
        m = core.machine();
    }

    /** The data memory: the guest's 64 KiB (live, not a copy). */
    public byte[] memory() {
        return core.memory();
    }

    /** The host's own memory (live), which an Intellio host's absolute forms address; null on Armistice. */
    public byte[] hostMemory() {
        return core.hostMemory();
    }

    /** The core itself, for an engine (the jit) to attach to. */
    public Core core() {
        return core;
    }

    /** One byte per data address: 1 where a store must be reported to the watcher (live). */
    public byte[] marks() {
        return core.marks();
    }

    /** The register file r0..r15 (live; slot 16 is where writes to r0 go). */
    public int[] registers() {
        return core.registers();
    }

    /** Runs host code from {@code hostPc} until a {@code halt}, a fault, a HAL exit or the output cap. */
    public Outcome run(int hostPc) {
        return run(hostPc, Long.MAX_VALUE - core.steps());
    }

    /**
     * As {@link #run(int)}, but executes at most {@code maxSteps} host instructions; returns
     * {@link Outcome#RUNNING} when it stopped for that reason ({@link #pc()} is the next instruction).
     */
    public Outcome run(int hostPc, long maxSteps) {
        m.resume();
        m.setPc(hostPc);
        core.execute(core.steps() + maxSteps);
        return core.outcome();
    }

    /** Where the core stopped: the faulting instruction, or just past a {@code halt} or {@code int}. */
    public int pc() {
        return core.pc();
    }

    /** Host instructions executed so far. */
    public long steps() {
        return core.steps();
    }

    /** The host-level fault report after {@link Outcome#FAULT} (host PC, kind, data address, detail). */
    public FaultReport fault() {
        return core.fault();
    }

    /** The exit status after {@link Outcome#EXIT} or {@link Outcome#OUTPUT_CAP}. */
    public int exitStatus() {
        return core.exitStatus();
    }

    /** Host flags, N Z C V or Z S C O (bits 3..0). */
    public int flags() {
        return m.flags();
    }

    /** The code memory at {@code address..address+length-1} changed: decode it again when reached. */
    public void forgetCode(int address, int length) {
        core.forget(address, length);
    }

    /** The whole code memory changed (the code cache was flushed). */
    public void forgetAllCode() {
        core.forgetAll();
    }

    public String output() {
        return m.output();
    }

    public int outputLength() {
        return core.outputLength();
    }

    public void setOutputCap(int cap) {
        m.setOutputCap(cap);
    }

    public void setInput(byte[] bytes) {
        m.setInput(bytes);
    }

    public void setInput(InputStream in) {
        m.setInput(in);
    }

    /** How many bytes of standard input the HAL has consumed. */
    public int inputPosition() {
        return core.inputPosition();
    }

    public void setOutputEcho(Consumer<String> echo) {
        m.setOutputEcho(echo);
    }
}
