package toyisa.translate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.isa.IsaTable;
import toyisa.vm.CpuState;
import toyisa.vm.Fault;
import toyisa.vm.FaultReport;
import toyisa.vm.HangReport;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Postmortem;
import toyisa.vm.Program;
import toyisa.vm.RunResult;

/**
 * What both dispatchers do the same way, whatever the guest and host: set up the host core over the
 * code cache, keep the counts, the log and the input the guest has read, and end a run as the
 * guest's own interpreter would — its fault report, its hottest loop, its flags by replay. Each
 * direction keeps its loop (how a stub is found and what it means) and how it reads the guest's
 * registers and flags.
 *
 * @param <C> the host's code cache
 */
abstract class GuestDispatcher<C extends CodeCacheBase<?, ?>> {
    /**
     * Host instructions per run of the host core: the host counts guest instructions modulo 2^16,
     * and a block entry counts at most {@link GuestBlock#MAX_INSTRUCTIONS}, so the count cannot
     * wrap within a run.
     */
    static final long SLICE = 0xFFFF / GuestBlock.MAX_INSTRUCTIONS;

    final Program program;
    final Emulator.Options options;
    final C cache;
    final HostCpu cpu;
    final int[] regs;
    final StringBuilder log;
    private final long logCap;
    private boolean logTruncated;
    private final ByteArrayOutputStream inputSeen = new ByteArrayOutputStream();
    private final Isa guest;
    private final IsaTable guestTable;
    /** The guest's registers the hang sampler is given: {@code firstRegister} up to {@code registerCount}. */
    private final int firstRegister, registerCount;

    long guestSteps;
    /** Guest instructions of every block entered so far (the host counts them down, modulo 2^16). */
    long counted;
    long cacheHits, chained;
    int guestPc;

    GuestDispatcher(Program program, Emulator.Options options, Isa guest, IsaTable guestTable, int firstRegister,
                    int registerCount, C cache, Function<C, HostCpu> host) {
        this.program = program;
        this.options = options;
        this.guest = guest;
        this.guestTable = guestTable;
        this.firstRegister = firstRegister;
        this.registerCount = registerCount;
        this.cache = cache;
        this.cpu = host.apply(cache);
        cache.attach(cpu);
        this.regs = cpu.registers();
        this.log = options.log ? new StringBuilder() : null;
        this.logCap = options.logCap;
        cpu.setOutputCap(options.outputCap);
        if (options.echo != null) cpu.setOutputEcho(options.echo);
        if (options.inputStream != null) cpu.setInput(recording(options.inputStream));
        else cpu.setInput(options.input);
        if (options.onHost != null) options.onHost.accept(cpu);
    }

    Emulator.Stats stats() {
        return new Emulator.Stats(cache.translations, cacheHits, chained, cache.invalidations, guestSteps, cpu.steps());
    }

    /** The guest's state where it stopped, its flags known (by replay where the host code let them go). */
    abstract CpuState guestState();

    /** The input the guest has read so far, or all of it when it came as bytes. */
    private byte[] inputRead() {
        return inputSeen.size() > 0 || options.inputStream != null ? inputSeen.toByteArray() : options.input;
    }

    /**
     * Replays the program on the guest's interpreter for exactly the guest instructions run so far,
     * and reads its flags. Only where the host code let the flags go (reports, the final state).
     */
    int replayFlags(long steps) {
        Machine m = Machine.create(guest);
        m.load(program);
        m.setInput(inputRead());
        m.setOutputCap(options.outputCap);
        m.setBudget(steps);
        m.run();
        return m.flags();
    }

    // ------------------------------------------------------------------ how a run ends

    RunResult fault(Fault f, int address, String detail) {
        CpuState state = guestState();
        Instruction insn = guestTable.decode(cpu.memory(), guestPc);
        String text = insn.isIllegal() ? "(illegal)" : guestTable.disassemble(insn);
        FaultReport r = new FaultReport(f, guest.name(), guestPc, insn.bytes(), text, address, detail, state);
        // How the guest got here, as the interpreter's report tells it (found by replaying it there).
        r = Postmortem.explain(guest, program, inputRead(), options.budget, options.outputCap, r, guestSteps);
        return new RunResult(Outcome.FAULT, f.exitStatus(), guestSteps, cpu.output(), r, null, state);
    }

    /** A guest access of {@code n} bytes at {@code offset} before the host's faulting address hit the null page. */
    RunResult nullPageAccess(Fault f, FaultReport host, int offset, int n, boolean write) {
        int a = (host.address() - offset) & 0xFFFF;
        return fault(f, a, (write ? "write of " : "read of ") + n + (n == 1 ? " byte" : " bytes")
                + " at " + Hex.addr(a) + " (null page)");
    }

    /** The budget ran out: report where the guest was spinning, as the interpreter does. */
    RunResult budgetEnd(CpuState state) {
        HangReport hang = sampleHang(state);
        return new RunResult(Outcome.BUDGET, Outcome.BUDGET.fixedStatus(), guestSteps, cpu.output(), null, hang, state);
    }

    /**
     * Finds the guest's hottest loop as the interpreter does: an interpreter of the guest is given
     * the guest's state and a budget of zero, so it samples from here at once.
     */
    private HangReport sampleHang(CpuState state) {
        Machine m = Machine.create(guest);
        byte[] mem = cpu.memory();
        for (int a = Machine.NULL_PAGE_END; a < 0x10000; a++) if (mem[a] != 0) m.writeByte(a, mem[a]);
        for (int i = firstRegister; i < registerCount; i++) m.setRegister(i, state.register(i));
        m.setFlags(state.flags());
        m.setPc(guestPc);
        // As the interpreter's own sampling copy: the output already printed counts against the cap,
        // and the input not yet read is still there.
        m.setOutputCap(Math.max(0, options.outputCap - cpu.outputLength()));
        byte[] in = options.inputStream != null ? inputSeen.toByteArray() : options.input;
        int pos = Math.min(cpu.inputPosition(), in.length);
        m.setInput(java.util.Arrays.copyOfRange(in, pos, in.length));
        m.setBudget(0);
        m.setHangSample(guestSteps); // as far past the budget as the guest's budget went
        HangReport h = m.run().hang();
        return new HangReport(guestPc, guestSteps, h.loopStart(), h.jumpFrom(), h.taken(), h.sampled());
    }

    // ------------------------------------------------------------------ the log

    /** False once the log is past its cap (said once in the log); the counts at its end stay complete. */
    boolean logHasRoom() {
        if (logTruncated) return false;
        if (log.length() > logCap) {
            logTruncated = true;
            log.append("... log truncated after ").append(logCap).append(" characters; the counts below are complete\n\n");
            return false;
        }
        return true;
    }

    private InputStream recording(InputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) inputSeen.write(b);
                return b;
            }
        };
    }
}
