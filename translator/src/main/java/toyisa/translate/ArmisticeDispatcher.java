package toyisa.translate;

import toyisa.armistice.Armistice;
import toyisa.container.Segment;
import toyisa.intellio.Intellio;
import toyisa.isa.Hex;
import toyisa.translate.HostBlock.Site;
import toyisa.translate.HostBlock.Stub;
import toyisa.translate.HostBlock.StubKind;
import toyisa.vm.CpuState;
import toyisa.vm.Fault;
import toyisa.vm.FaultReport;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Program;
import toyisa.vm.RunResult;

/**
 * The dispatcher of the Armistice-on-Intellio direction: as {@link Dispatcher}, it finds or makes
 * the translation of the next guest block, runs host code on the Intellio core until a stub, chains
 * exits, and ends the run with the result and reports the Armistice interpreter would give. The
 * guest's registers are read from the state page, where the host code keeps them exact at every
 * guest instruction boundary — but inside a loop that keeps its registers in host registers, from
 * which a stop there first writes them back.
 */
final class ArmisticeDispatcher extends GuestDispatcher<IntellioCodeCache, Site> {
    private final byte[] state;
    private ArmisticeFlags flags = ArmisticeFlags.IN_STATE;

    ArmisticeDispatcher(Program program, Emulator.Options options) {
        super(program, options, Armistice.ISA, Armistice.TABLE, 1, 16, new IntellioCodeCache(),
                c -> new HostCpu(Intellio.ISA, c.memory, c::guestWrote),
                // Host hlt is 1 byte and int 13h 2; the guest's int 13h and out 1234h are 4.
                IntellioHostEmitter.COUNT, 1, 2, 4);
        this.state = cpu.hostMemory();
    }

    Emulator.Result run() {
        byte[] mem = cpu.memory();
        for (Segment s : program.segments()) System.arraycopy(s.bytes(), 0, mem, s.address(), s.size());
        guestPc = program.entry() & 0xFFFF;
        setWord(StatePage.slot(15), Machine.STACK_TOP);
        regs[IntellioHostEmitter.COUNT] = 0; // host sp counts guest instructions, not a stack
        // Every flag clear, saved as the flags of "tst 1": N = Z = 0, C = V = 0.
        setWord(StatePage.FK, StatePage.KIND_TST);
        setWord(StatePage.FA, 1);
        RunResult end = loop();
        Emulator.Stats stats = stats();
        if (log != null) {
            log.append(stats.format());
            log.append(String.format(java.util.Locale.ROOT,
                    "host code made:     %d instructions (%d bytes): %d fills and %d spills of guest registers, %d byte-swapped words, %d flag saves\n",
                    cache.hostInstructions, cache.hostBytes, cache.fills, cache.spills, cache.swaps, cache.flagSaves));
        }
        return new Emulator.Result(end, log == null ? "" : log.toString(), stats, cpu.memory().clone());
    }

    private void setWord(int at, int v) {
        StatePage.setWord(state, at, v);
    }

    private int word(int at) {
        return StatePage.word(state, at);
    }

    /**
     * Inside a loop that keeps its registers, the state page has not seen what the loop wrote: the
     * host registers the block names hold it. Called wherever the guest stops before its state is read.
     */
    private void writeBack(int hostAt) {
        HostBlock t = cache.owner(hostAt);
        if (t == null || !t.keepsRegistersAt(hostAt)) return;
        for (int g = 1; g < 16; g++) if (t.entryMap[g] >= 0) setWord(StatePage.slot(g), regs[t.entryMap[g]]);
    }

    @Override
    RunResult atStub(int at) {
        writeBack(at);
        Site site = cache.site(at);
        Stub stub = site == null ? null : site.stub();
        if (stub == null) throw new IllegalStateException("host hlt without a stub at " + Hex.addr(at));
        boolean leaves = stub.kind == StubKind.EXIT || stub.kind == StubKind.DISPATCH;
        account(at, leaves ? Integer.MAX_VALUE : stub.kind == StubKind.HALT ? site.index() + 1 : site.index());
        flags = site.flags();
        counted = guestSteps;
        switch (stub.kind) {
            case HALT:
                guestPc = (stub.guestPc + 4) & 0xFFFF;
                return finish(Outcome.HALT, 0);
            case FAULT:
                guestPc = stub.guestPc;
                return stub.fetchFault
                        ? fault(Fault.SEGMENTATION_FAULT, stub.guestPc, "instruction fetch touches the null page")
                        : fault(Fault.ILLEGAL_INSTRUCTION, -1, "");
            case WORD_FAULT: {
                guestPc = stub.guestPc;
                int a = (StatePage.reg(state, stub.base) + stub.disp) & 0xFFFF;
                if (a < Machine.NULL_PAGE_END)
                    return fault(Fault.SEGMENTATION_FAULT, a, (stub.write ? "write of 2 bytes at " : "read of 2 bytes at ") + Hex.addr(a) + " (null page)");
                return fault(Fault.MISALIGNED_ACCESS, a, (stub.write ? "word write" : "word read") + " at odd address " + Hex.addr(a));
            }
            case EXIT: {
                guestPc = stub.guestPc;
                if (guestSteps >= options.budget) return budgetEnd();
                int next = enter(guestPc);
                if (stub.owner.valid) {
                    cache.chain(stub, cache.owner(next));
                    chained++;
                }
                return goOn(next);
            }
            case DISPATCH: {
                guestPc = word(StatePage.TARGET);
                if (guestSteps >= options.budget) return budgetEnd();
                int next = enter(guestPc);
                if (stub.owner.valid && cache.cacheIndirect(stub, guestPc, cache.owner(next))) chained++;
                return goOn(next);
            }
            default: // STALE
                guestPc = stub.guestPc;
                return enterAgain();
        }
    }

    @Override
    void stoppedAt(Site site, int pc) {
        writeBack(cpu.pc());
        flags = site.flags();
        guestPc = pc;
    }

    @Override
    int enter(int pc) {
        HostBlock t = cache.lookup(pc);
        if (t != null) {
            cacheHits++;
        } else {
            t = cache.add(GuestBlock.decode(Armistice.ISA, cpu.memory(), pc, GuestBlock.MAX_INSTRUCTIONS));
            if (log != null) logTranslation(t);
        }
        if (t.requiresFlags && flags.kind() != ArmisticeFlags.STATE) {
            if (flags.lazy()) { // the compare's values, as the host code saves them
                int a = StatePage.reg(state, flags.a()), b = flags.b() >= 0 ? StatePage.reg(state, flags.b()) : flags.imm();
                boolean cmp = flags.kind() == ArmisticeFlags.CMP;
                setWord(StatePage.FK, cmp ? StatePage.KIND_CMP : StatePage.KIND_TST);
                setWord(StatePage.FA, cmp ? a : a & b);
                setWord(StatePage.FB, cmp ? b : 0);
            } else {
                saveBits(knownFlags(flags)); // found by replay: saved as a compare that gives exactly these N Z C V
            }
            flags = ArmisticeFlags.IN_STATE;
        }
        return t.base;
    }

    /** Puts flag bits NZCV into the state page as a compare the host code can redo. */
    private void saveBits(int v) {
        int n = v >> 3 & 1, z = v >> 2 & 1, c = v >> 1 & 1, o = v & 1;
        for (int x : new int[] {0, 1, 0x7FFF, 0x8000, 0xFFFF}) {
            for (int y : new int[] {0, 1, 0x7FFF, 0x8000, 0xFFFF}) {
                if (ArmisticeFlags.cmp(x, y) == v) {
                    setWord(StatePage.FK, StatePage.KIND_CMP);
                    setWord(StatePage.FA, x);
                    setWord(StatePage.FB, y);
                    return;
                }
            }
        }
        if (c == 0 && o == 0 && !(n == 1 && z == 1)) {
            setWord(StatePage.FK, StatePage.KIND_TST);
            setWord(StatePage.FA, z == 1 ? 0 : n == 1 ? 0x8000 : 1);
            setWord(StatePage.FB, 0);
            return;
        }
        throw new IllegalStateException("guest flags no compare gives: " + v);
    }

    private int knownFlags(ArmisticeFlags f) {
        int v = f.evaluate(state);
        return v >= 0 ? v : replayFlags(guestSteps);
    }

    // ------------------------------------------------------------------ how a run ends

    @Override
    CpuState guestState() {
        int[] r = new int[16];
        for (int i = 1; i < 16; i++) r[i] = StatePage.reg(state, i);
        return new CpuState(guestPc, r, knownFlags(flags), "NZCV", Armistice.ISA.registers());
    }

    @Override
    RunResult hostFault(Site site) {
        FaultReport host = cpu.fault();
        Fault f = host.fault();
        if (f == Fault.SEGMENTATION_FAULT && site.accessLength() > 0)
            return nullPageAccess(f, host, site.accessOffset(), site.accessLength(), site.accessWrite());
        if (f == Fault.ILLEGAL_INSTRUCTION || (f == Fault.SEGMENTATION_FAULT && site.accessLength() == 0 && host.detail().contains("fetch")))
            throw new IllegalStateException("the host code faulted where the guest cannot: " + host.format());
        return fault(f, host.address(), host.detail());
    }

    // ------------------------------------------------------------------ the log

    private void logTranslation(HostBlock t) {
        if (!logHasRoom()) return;
        int n = t.block.size();
        log.append("IN:  guest block at ").append(Hex.addr(t.block.start)).append(" (").append(n)
                .append(n == 1 ? " instruction" : " instructions").append(")\n");
        log.append(t.block.listing());
        log.append("OUT: host code at ").append(Hex.addr(t.base)).append(" (").append(t.hostLength())
                .append(" instructions, ").append(t.code.length).append(" bytes")
                .append(t.requiresFlags ? ", entered with the guest flags in the state page" : "").append(")\n");
        log.append(ArmisticeListing.of(t, cache.memory)).append('\n');
    }
}
