package toyisa.translate;

import toyisa.container.Segment;
import toyisa.intellio.Intellio;
import toyisa.isa.Hex;
import toyisa.vm.CpuState;
import toyisa.vm.Fault;
import toyisa.vm.FaultReport;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Program;
import toyisa.vm.RunResult;

/**
 * The dispatcher: finds or makes the translation of the next guest block, runs host code on the
 * Armistice core until the code leaves through a stub, and decides what happens next — chain the
 * exit to its target so that next time the host jumps there directly, fill an inline cache, translate
 * more, or end the run with the result, exit status and report the Intellio interpreter would give.
 * One dispatcher runs one program once.
 */
final class Dispatcher extends GuestDispatcher<CodeCache> {
    /** Where r14 (the count of guest instructions) was when the host code was last entered. */
    private int budgetLoaded;
    /** The guest flags where the host code last stopped. */
    private LazyFlags flags = LazyFlags.CANON_FLAGS;

    Dispatcher(Program program, Emulator.Options options) {
        super(program, options, Intellio.ISA, Intellio.TABLE, 0, 8, new CodeCache(), c -> new HostCpu(c.memory, c::guestWrote));
    }

    Emulator.Result run() {
        byte[] mem = cpu.memory();
        for (Segment s : program.segments()) System.arraycopy(s.bytes(), 0, mem, s.address(), s.size());
        guestPc = program.entry() & 0xFFFF;
        regs[Translator.HOST[7]] = Machine.STACK_TOP;
        regs[Translator.EIGHT] = 8;
        regs[Translator.FLAGS] = 0; // the guest starts with every flag clear
        RunResult end = loop();
        Emulator.Stats stats = stats();
        if (log != null) log.append(stats.format());
        return new Emulator.Result(end, log == null ? "" : log.toString(), stats, cpu.memory().clone());
    }

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

    // ------------------------------------------------------------------ how a run ends

    private CpuState guestState(int flagBits) {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) r[i] = regs[Translator.HOST[i]];
        return new CpuState(guestPc, r, flagBits, "ZSCO", Intellio.ISA.registers());
    }

    @Override
    CpuState guestState() {
        return guestState(knownFlags(flags));
    }

    private RunResult finish(Outcome outcome, int status, FaultReport report) {
        CpuState state = report != null ? report.state() : guestState(knownFlags(flags));
        return new RunResult(outcome, status, guestSteps, cpu.output(), report, null, state);
    }

    /** A fault of the host code, told as the guest's fault at the guest instruction it came from. */
    private RunResult hostFault(Site site) {
        FaultReport host = cpu.fault();
        Fault f = host.fault();
        if (f == Fault.SEGMENTATION_FAULT && site.accessLength() > 0)
            return nullPageAccess(f, host, site.accessOffset(), site.accessLength(), site.accessWrite());
        if (f == Fault.MISALIGNED_ACCESS || f == Fault.ILLEGAL_INSTRUCTION)
            throw new IllegalStateException("the host code faulted where the guest cannot: " + host.format());
        return fault(f, host.address(), host.detail());
    }

    /** The budget ran out: report where the guest was spinning, as the interpreter does. */
    private RunResult budgetEnd() {
        int flagBits = flags.evaluate(regs);
        return budgetEnd(guestState(flagBits >= 0 ? flagBits : replayFlags(guestSteps)));
    }

    // ------------------------------------------------------------------ the log

    private void logTranslation(Translation t) {
        if (!logHasRoom()) return;
        log.append("IN:  guest block at ").append(Hex.addr(t.guestStart())).append(" (").append(t.guestLength())
                .append(t.guestLength() == 1 ? " instruction" : " instructions")
                .append(")\n");
        log.append(t.block.listing());
        log.append("OUT: host code at ").append(Hex.addr(t.base)).append(" (").append(t.hostLength())
                .append(t.hostLength() == 1 ? " instruction" : " instructions").append(t.requiresCanon ? ", entered with the guest flags in r11" : "").append(")\n");
        log.append(t.hostListing(cache.memory)).append('\n');
    }
}
