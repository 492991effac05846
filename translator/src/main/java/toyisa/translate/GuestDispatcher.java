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
 * guest's own interpreter would — its fault report, its hottest loop, its flags by replay — and the
 * loop itself: run the host code, count what it ran, and tell a stop at the budget, a fault, the
 * HAL's end and a stub apart. Each direction keeps what its stubs mean and how it reads the guest's
 * registers and flags.
 *
 * @param <C> the host's code cache
 * @param <S> what the cache says of a host instruction
 */
abstract class GuestDispatcher<C extends CodeCacheBase<?, S>, S extends HostSite> {
    /**
     * Host instructions per run of the host core. The host counts guest instructions modulo 2^16, a
     * block at its entry: each guest instruction the count includes runs at least one host
     * instruction, but for those of the last block entered (fewer than
     * {@link GuestBlock#MAX_INSTRUCTIONS} not run yet). So a run of this many host instructions counts
     * fewer than 2^16 and the count cannot wrap. A run as long as this matters on the jit engine,
     * where each return to the dispatcher leaves compiled code.
     */
    static final long SLICE = 0xFFFF - GuestBlock.MAX_INSTRUCTIONS;

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

    /** The host register that counts guest instructions down, a block at its entry. */
    private final int countRegister;
    /** Bytes of the host's stub instruction and of its HAL call; bytes of the guest's HAL call. */
    private final int stubBytes, halBytes, guestHalBytes;
    /** Where the count register was when the host code was last entered. */
    private int countLoaded;
    /** What {@link #atStub} asks for when it does not end the run: a host address to go on at, or {@link #ENTER}. */
    private int resumeAt;
    /** Enter the guest's PC afresh: check the budget, find or make its translation. */
    static final int ENTER = -1;

    long guestSteps;
    /** Guest instructions of every block entered so far (the host counts them down, modulo 2^16). */
    long counted;
    long cacheHits, chained;
    int guestPc;

    /**
     * @param countRegister the host register that counts guest instructions
     * @param stubBytes     bytes of the host instruction a stub stops at
     * @param halBytes      bytes of the host's HAL call
     * @param guestHalBytes bytes of the guest's HAL call (and port write)
     */
    GuestDispatcher(Program program, Emulator.Options options, Isa guest, IsaTable guestTable, int firstRegister,
                    int registerCount, C cache, Function<C, HostCpu> host, int countRegister, int stubBytes, int halBytes,
                    int guestHalBytes) {
        this.program = program;
        this.countRegister = countRegister;
        this.stubBytes = stubBytes;
        this.halBytes = halBytes;
        this.guestHalBytes = guestHalBytes;
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

    /**
     * Finds or makes the translation of the guest block at {@code pc}, gives it the guest flags where
     * it reads them, and returns its host address.
     */
    abstract int enter(int pc);

    /** The guest stopped at {@code site}, to go on at guest {@code pc}: the guest flags are the site's. */
    abstract void stoppedAt(S site, int pc);

    /**
     * The host code left through the stub at host address {@code at}: what it means. Returns the
     * run's end, or null with {@link #goOn} or {@link #enterAgain} said.
     */
    abstract RunResult atStub(int at);

    /** A fault of the host code at {@code site}, told as the guest's fault. */
    abstract RunResult hostFault(S site);

    // ------------------------------------------------------------------ the loop

    /** Runs the guest from {@link #guestPc} to its end. */
    final RunResult loop() {
        while (true) {
            if (guestSteps >= options.budget) return budgetEnd();
            int hostPc = enter(guestPc);
            while (true) {
                // At most as many host instructions as the guest may still run guest instructions:
                // each guest instruction has at least one, so the guest cannot overrun its budget.
                Outcome o = cpu.run(hostPc, Math.min(options.budget - guestSteps, SLICE));
                int stop = cpu.pc();
                if (o == Outcome.RUNNING) { // the run's limit: anywhere in the host code, even inside a guest instruction
                    S site = cache.site(stop);
                    account(stop, site.index());
                    if (guestSteps >= options.budget) { // then exactly at a guest instruction boundary
                        stoppedAt(site, site.guestPc());
                        return budgetEnd();
                    }
                    hostPc = stop;
                    continue;
                }
                if (o == Outcome.HALT) {
                    RunResult end = atStub((stop - stubBytes) & 0xFFFF);
                    if (end != null) return end;
                    if (resumeAt == ENTER) break; // back to the budget check, then enter
                    hostPc = resumeAt;
                    continue;
                }
                if (o == Outcome.FAULT) { // inside a guest instruction, which did not happen
                    S site = cache.site(stop);
                    account(stop, site.index());
                    stoppedAt(site, site.guestPc());
                    return hostFault(site);
                }
                // The HAL ended the program (exit, output cap) just after the host's HAL call of the guest's.
                int at = (stop - halBytes) & 0xFFFF;
                S site = cache.site(at);
                account(at, site.index() + 1);
                stoppedAt(site, (site.guestPc() + guestHalBytes) & 0xFFFF);
                return finish(o, cpu.exitStatus());
            }
        }
    }

    /** For {@link #atStub}: go on in the host code at {@code hostPc}. */
    final RunResult goOn(int hostPc) {
        resumeAt = hostPc;
        return null;
    }

    /** For {@link #atStub}: enter the guest at {@link #guestPc} afresh. */
    final RunResult enterAgain() {
        resumeAt = ENTER;
        return null;
    }

    /**
     * Counts the guest instructions run since the last stop. The host subtracts a block's length
     * from the count register when it enters the block; if it stopped inside the block, the
     * instructions from {@code executed} on did not run (sites of stubs and of the counting
     * instruction say the length).
     */
    final void account(int hostPc, int executed) {
        counted += (countLoaded - regs[countRegister]) & 0xFFFF;
        countLoaded = regs[countRegister];
        int n = cache.owner(hostPc).block.size();
        guestSteps = counted - (n - Math.min(executed, n));
    }

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

    /** The guest ended (halt, exit, output cap) with {@code status}. */
    final RunResult finish(Outcome outcome, int status) {
        return new RunResult(outcome, status, guestSteps, cpu.output(), null, null, guestState());
    }

    /** The budget ran out: report where the guest was spinning, as the interpreter does. */
    final RunResult budgetEnd() {
        return budgetEnd(guestState());
    }

    private RunResult budgetEnd(CpuState state) {
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
