package toyisa.translate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import toyisa.container.Segment;
import toyisa.intellio.Intellio;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.vm.CpuState;
import toyisa.vm.Fault;
import toyisa.vm.FaultReport;
import toyisa.vm.HangReport;
import toyisa.vm.HostCpu;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Postmortem;
import toyisa.vm.Program;
import toyisa.vm.RunResult;

/**
 * The dispatcher: finds or makes the translation of the next guest block, runs host code on the
 * Armistice core until the code leaves through a stub, and decides what happens next — chain the
 * exit to its target so that next time the host jumps there directly, fill an inline cache, translate
 * more, or end the run with the result, exit status and report the Intellio interpreter would give.
 * One dispatcher runs one program once.
 */
final class Dispatcher {
    // ------------------------------------------------------------------ the dispatcher

    private final Program program;
    private final Emulator.Options options;
    private final CodeCache cache = new CodeCache();
    private final HostCpu cpu;
    private final int[] regs;
    private final StringBuilder log;
    private final long logCap;
    private boolean logTruncated;
    private final ByteArrayOutputStream inputSeen = new ByteArrayOutputStream();

    private long guestSteps;
    private int budgetLoaded;
    /** Guest instructions of every block entered so far (r14 counts them down, modulo 2^16). */
    private long counted;
    private long cacheHits, chained;
    /** The guest flags where the host code last stopped. */
    private LazyFlags flags = LazyFlags.CANON_FLAGS;
    private int guestPc;

    Dispatcher(Program program, Emulator.Options options) {
        this.program = program;
        this.options = options;
        this.cpu = new HostCpu(cache.memory, cache::guestWrote);
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

    Emulator.Result run() {
        byte[] mem = cpu.memory();
        for (Segment s : program.segments()) System.arraycopy(s.bytes(), 0, mem, s.address(), s.size());
        guestPc = program.entry() & 0xFFFF;
        regs[Translator.HOST[7]] = Machine.STACK_TOP;
        regs[Translator.EIGHT] = 8;
        regs[Translator.FLAGS] = 0; // the guest starts with every flag clear
        RunResult end = loop();
        Emulator.Stats stats = new Emulator.Stats(cache.translations, cacheHits, chained, cache.invalidations, guestSteps, cpu.steps());
        if (log != null) log.append(stats.format());
        return new Emulator.Result(end, log == null ? "" : log.toString(), stats, cpu.memory().clone());
    }

    /**
     * Host instructions per run of the host core: r14 counts guest instructions modulo 2^16, and a
     * block entry counts at most {@link GuestBlock#MAX_INSTRUCTIONS}, so r14 cannot wrap within a run.
     */
    private static final long SLICE = 0xFFFF / GuestBlock.MAX_INSTRUCTIONS;

    private RunResult loop() {
        while (true) {
            if (guestSteps >= options.budget) return budgetEnd();
            int hostPc = enter(guestPc);
            while (true) {
                // At most as many host instructions as the guest may still run guest instructions:
                // each guest instruction has at least one, so the guest cannot overrun its budget.
                Outcome o = cpu.run(hostPc, Math.min(options.budget - guestSteps, SLICE));
                int stop = cpu.pc();
                if (o == Outcome.RUNNING) { // the run's limit: anywhere in the host code, even inside a guest instruction
                    Site site = cache.site(stop);
                    account(stop, site.index());
                    if (guestSteps >= options.budget) { // then exactly at a guest instruction boundary
                        flags = site.flags();
                        guestPc = site.guestPc();
                        return budgetEnd();
                    }
                    hostPc = stop;
                    continue;
                }
                if (o == Outcome.HALT) {
                    int at = (stop - 4) & 0xFFFF;
                    Site site = cache.site(at);
                    Stub stub = site.stub();
                    if (stub == null) throw new IllegalStateException("host halt without a stub at " + Hex.addr(at));
                    boolean leaves = stub.kind == Stub.Kind.EXIT || stub.kind == Stub.Kind.DISPATCH;
                    account(at, leaves ? Integer.MAX_VALUE : stub.kind == Stub.Kind.HALT ? site.index() + 1 : site.index());
                    if (stub.kind == Stub.Kind.FLAGS) { // a helper call: compute r11, continue
                        if (guestSteps >= options.budget) {
                            flags = site.flags();
                            guestPc = site.guestPc();
                            return budgetEnd();
                        }
                        int v = site.flags().evaluate(regs, false);
                        regs[Translator.FLAGS] = v >= 0 ? v : replayFlags(guestSteps); // replay: cannot happen, to be safe
                        hostPc = stop;
                        continue;
                    }
                    flags = site.flags();
                    counted = guestSteps; // the block is left here: what it did not run is not counted any more
                    switch (stub.kind) {
                        case HALT:
                            guestPc = (stub.guestPc + 1) & 0xFFFF;
                            return finish(Outcome.HALT, 0, null);
                        case FAULT:
                            guestPc = stub.guestPc;
                            return stub.fetchFault
                                    ? fault(Fault.SEGMENTATION_FAULT, stub.guestPc, "instruction fetch touches the null page")
                                    : fault(Fault.ILLEGAL_INSTRUCTION, -1, "");
                        case EXIT: {
                            guestPc = stub.guestPc;
                            if (guestSteps >= options.budget) return budgetEnd();
                            int next = enter(guestPc);
                            Translation t = cache.owner(next);
                            if (stub.owner.valid) {
                                cache.chain(stub, t);
                                chained++;
                            }
                            hostPc = next;
                            continue;
                        }
                        case DISPATCH: {
                            guestPc = regs[Translator.T1];
                            if (guestSteps >= options.budget) return budgetEnd();
                            boolean canon = flags.kind == LazyFlags.Kind.CANON; // before enter() puts them into r11
                            int next = enter(guestPc);
                            Translation t = cache.owner(next);
                            if ((canon || !t.requiresCanon) && cache.cache(stub, guestPc, t)) chained++;
                            hostPc = next;
                            continue;
                        }
                        default: // STALE: the code changed under the guest; translate again from here
                            guestPc = stub.guestPc;
                            break;
                    }
                    break; // back to the outer loop: budget check, then enter
                }
                if (o == Outcome.FAULT) { // inside a guest instruction, which did not happen
                    Site site = cache.site(stop);
                    account(stop, site.index());
                    flags = site.flags();
                    guestPc = site.guestPc();
                    return hostFault(site);
                }
                // The HAL ended the program (exit, output cap) just after the host int of a guest int 13h.
                int at = (stop - 4) & 0xFFFF;
                Site site = cache.site(at);
                account(at, site.index() + 1);
                flags = site.flags();
                guestPc = (site.guestPc() + 2) & 0xFFFF;
                return finish(o, cpu.exitStatus(), null);
            }
        }
    }

    /**
     * Finds or makes the translation of the block at {@code pc}, gives it the guest flags in r11 if it
     * reads them, and returns its host address.
     */
    private int enter(int pc) {
        Translation t = cache.lookup(pc);
        if (t != null) {
            cacheHits++;
        } else {
            t = cache.add(GuestBlock.decode(cpu.memory(), pc, GuestBlock.MAX_INSTRUCTIONS));
            if (log != null) logTranslation(t);
        }
        t.dispatches++;
        if (t.requiresCanon && flags.kind != LazyFlags.Kind.CANON) {
            regs[Translator.FLAGS] = knownFlags(flags);
            flags = LazyFlags.CANON_FLAGS;
        }
        return t.base;
    }

    /**
     * Counts the guest instructions run since the last stop. The host subtracts a block's length
     * from r14 when it enters the block; if it stopped inside the block, the instructions from
     * {@code executed} on did not run (sites of stubs and of the counting instruction say the length).
     */
    private void account(int hostPc, int executed) {
        counted += (budgetLoaded - regs[Translator.BUDGET]) & 0xFFFF;
        budgetLoaded = regs[Translator.BUDGET];
        Translation t = cache.owner(hostPc);
        guestSteps = counted - (t.guestLength() - Math.min(executed, t.guestLength()));
    }

    /** The guest flags from a lazy record, or — where the record cannot tell — by replay. */
    private int knownFlags(LazyFlags f) {
        int v = f.evaluate(regs);
        return v >= 0 ? v : replayFlags(guestSteps);
    }

    /**
     * Replays the program on the Intellio interpreter for exactly the guest instructions run so far,
     * and reads its flags. Only where the lazy flags were dead for the host code and the translator
     * let their operands go (a fault report, the final state, code that was rewritten under it).
     */
    private int replayFlags(long steps) {
        Machine m = Machine.create(Intellio.ISA);
        m.load(program);
        m.setInput(inputSeen.size() > 0 || options.inputStream != null ? inputSeen.toByteArray() : options.input);
        m.setOutputCap(options.outputCap);
        m.setBudget(steps);
        m.run();
        return m.flags();
    }

    // ------------------------------------------------------------------ how a run ends

    private CpuState guestState(int flagBits) {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) r[i] = regs[Translator.HOST[i]];
        return new CpuState(guestPc, r, flagBits, "ZSCO", Intellio.ISA.registers());
    }

    private RunResult finish(Outcome outcome, int status, FaultReport report) {
        CpuState state = report != null ? report.state() : guestState(knownFlags(flags));
        return new RunResult(outcome, status, guestSteps, cpu.output(), report, null, state);
    }

    private RunResult fault(Fault f, int address, String detail) {
        CpuState state = guestState(knownFlags(flags));
        Instruction insn = Intellio.TABLE.decode(cpu.memory(), guestPc);
        String text = insn.isIllegal() ? "(illegal)" : Intellio.TABLE.disassemble(insn);
        FaultReport r = new FaultReport(f, Intellio.ISA.name(), guestPc, insn.bytes(), text, address, detail, state);
        // How the guest got here, as the interpreter's report tells it (found by replaying it there).
        byte[] input = inputSeen.size() > 0 || options.inputStream != null ? inputSeen.toByteArray() : options.input;
        r = Postmortem.explain(Intellio.ISA, program, input, options.budget, options.outputCap, r, guestSteps);
        return new RunResult(Outcome.FAULT, f.exitStatus(), guestSteps, cpu.output(), r, null, state);
    }

    /** A fault of the host code, told as the guest's fault at the guest instruction it came from. */
    private RunResult hostFault(Site site) {
        FaultReport host = cpu.fault();
        Fault f = host.fault();
        if (f == Fault.SEGMENTATION_FAULT && site.accessLength() > 0) {
            int a = (host.address() - site.accessOffset()) & 0xFFFF;
            int n = site.accessLength();
            return fault(f, a, (site.accessWrite() ? "write of " : "read of ") + n + (n == 1 ? " byte" : " bytes")
                    + " at " + Hex.addr(a) + " (null page)");
        }
        if (f == Fault.MISALIGNED_ACCESS || f == Fault.ILLEGAL_INSTRUCTION)
            throw new IllegalStateException("the host code faulted where the guest cannot: " + host.format());
        return fault(f, host.address(), host.detail());
    }

    /** The budget ran out: report where the guest was spinning, as the interpreter does. */
    private RunResult budgetEnd() {
        int flagBits = flags.evaluate(regs);
        CpuState state = guestState(flagBits >= 0 ? flagBits : replayFlags(guestSteps));
        HangReport hang = sampleHang(state);
        return new RunResult(Outcome.BUDGET, Outcome.BUDGET.fixedStatus(), guestSteps, cpu.output(), null, hang, state);
    }

    /**
     * Finds the guest's hottest loop as the interpreter does: an Intellio interpreter is given the
     * guest's state and a budget of zero, so it samples from here at once.
     */
    private HangReport sampleHang(CpuState state) {
        Machine m = Machine.create(Intellio.ISA);
        byte[] mem = cpu.memory();
        for (int a = Machine.NULL_PAGE_END; a < 0x10000; a++) if (mem[a] != 0) m.writeByte(a, mem[a]);
        for (int i = 0; i < 8; i++) m.setRegister(i, state.register(i));
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

    private void logTranslation(Translation t) {
        if (logTruncated) return;
        if (log.length() > logCap) {
            logTruncated = true;
            log.append("... log truncated after ").append(logCap).append(" characters; the counts below are complete\n\n");
            return;
        }
        log.append("IN:  guest block at ").append(Hex.addr(t.guestStart())).append(" (").append(t.guestLength())
                .append(t.guestLength() == 1 ? " instruction" : " instructions")
                .append(")\n");
        log.append(t.block.listing());
        log.append("OUT: host code at ").append(Hex.addr(t.base)).append(" (").append(t.hostLength())
                .append(t.hostLength() == 1 ? " instruction" : " instructions").append(t.requiresCanon ? ", entered with the guest flags in r11" : "").append(")\n");
        log.append(t.hostListing(cache.memory)).append('\n');
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
