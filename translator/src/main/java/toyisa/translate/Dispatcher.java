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
final class Dispatcher extends GuestDispatcher<CodeCache, Site> {
    /** The guest flags where the host code last stopped. */
    private LazyFlags flags = LazyFlags.CANON_FLAGS;

    Dispatcher(Program program, Emulator.Options options) {
        // Host halt and int are 4 bytes; the guest's int 13h is 2.
        super(program, options, Intellio.ISA, Intellio.TABLE, 0, 8, new CodeCache(), c -> new HostCpu(c.memory, c::guestWrote),
                Translator.BUDGET, 4, 4, 2);
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

    @Override
    RunResult atStub(int at) {
        Site site = cache.site(at);
        Stub stub = site.stub();
        if (stub == null) throw new IllegalStateException("host halt without a stub at " + Hex.addr(at));
        boolean leaves = stub.kind == Stub.Kind.EXIT || stub.kind == Stub.Kind.DISPATCH;
        account(at, leaves ? Integer.MAX_VALUE : stub.kind == Stub.Kind.HALT ? site.index() + 1 : site.index());
        if (stub.kind == Stub.Kind.FLAGS) { // a helper call: compute r11, continue
            if (guestSteps >= options.budget) {
                stoppedAt(site, site.guestPc());
                return budgetEnd();
            }
            int v = site.flags().evaluate(regs, false);
            regs[Translator.FLAGS] = v >= 0 ? v : replayFlags(guestSteps); // replay: cannot happen, to be safe
            return goOn((at + 4) & 0xFFFF);
        }
        flags = site.flags();
        counted = guestSteps; // the block is left here: what it did not run is not counted any more
        switch (stub.kind) {
            case HALT:
                guestPc = (stub.guestPc + 1) & 0xFFFF;
                return finish(Outcome.HALT, 0);
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
                return goOn(next);
            }
            case DISPATCH: {
                guestPc = regs[Translator.T1];
                if (guestSteps >= options.budget) return budgetEnd();
                boolean canon = flags.kind == LazyFlags.Kind.CANON; // before enter() puts them into r11
                int next = enter(guestPc);
                Translation t = cache.owner(next);
                if ((canon || !t.requiresCanon) && cache.cache(stub, guestPc, t)) chained++;
                return goOn(next);
            }
            default: // STALE: the code changed under the guest; translate again from here
                guestPc = stub.guestPc;
                return enterAgain();
        }
    }

    @Override
    void stoppedAt(Site site, int pc) {
        flags = site.flags();
        guestPc = pc;
    }

    /**
     * Finds or makes the translation of the block at {@code pc}, gives it the guest flags in r11 if it
     * reads them, and returns its host address.
     */
    @Override
    int enter(int pc) {
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

    /** The guest flags from a lazy record, or — where the record cannot tell — by replay. */
    private int knownFlags(LazyFlags f) {
        int v = f.evaluate(regs);
        return v >= 0 ? v : replayFlags(guestSteps);
    }

    // ------------------------------------------------------------------ how a run ends

    @Override
    CpuState guestState() {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) r[i] = regs[Translator.HOST[i]];
        return new CpuState(guestPc, r, knownFlags(flags), "ZSCO", Intellio.ISA.registers());
    }

    /** A fault of the host code, told as the guest's fault at the guest instruction it came from. */
    @Override
    RunResult hostFault(Site site) {
        FaultReport host = cpu.fault();
        Fault f = host.fault();
        if (f == Fault.SEGMENTATION_FAULT && site.accessLength() > 0)
            return nullPageAccess(f, host, site.accessOffset(), site.accessLength(), site.accessWrite());
        if (f == Fault.MISALIGNED_ACCESS || f == Fault.ILLEGAL_INSTRUCTION)
            throw new IllegalStateException("the host code faulted where the guest cannot: " + host.format());
        return fault(f, host.address(), host.detail());
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
