package toyisa.jit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.vm.Accelerator;
import toyisa.vm.Core;
import toyisa.vm.Machine;

/**
 * The jit engine on one machine: counts how often each block is entered, compiles a hot one into a
 * region ({@link Region}, the CPU's {@link RegionCompiler}) and calls it from then on;
 * everything else the interpreter runs a block at a time. A region is called only when the budget
 * has room for its first block, and each block checks again, so a budget that runs out inside a
 * region stops at the same instruction as the interpreter. Regions in use are linked: a direct
 * exit to another region in use calls it without coming back here ({@link LinkedRegion}).
 */
final class JitEngine extends Accelerator {

    private final Core core;
    private final Machine machine;
    private final int[] regs;
    private final byte[] mem, marks;
    private final JitCpu cpu;
    private final Jit.Options options;
    private final RegionBackend backend;
    private final LinkedRegion[] regions = new LinkedRegion[0x10000];
    private final int[] heat = new int[0x10000];
    /** Instructions of the block at each address, plus one; 0 when not known. */
    private final int[] coldLength = new int[0x10000];
    private final List<LinkedRegion> live = new ArrayList<>();
    private long codeBytes;
    private final StringBuilder log = new StringBuilder();
    private boolean logFull;

    // Counts for the log and the stats.
    long compiled, reused, invalidated, evicted, compiledInstructions, interpretedInstructions, entries;
    /** Chained entries of regions no longer in use. */
    private long chainedBefore;

    JitEngine(Core core, JitCpu cpu, Jit.Options options, RegionBackend backend) {
        this.core = core;
        this.machine = core.machine();
        this.regs = core.registers();
        this.mem = core.memory();
        this.marks = core.marks();
        this.cpu = cpu;
        this.options = options;
        this.backend = backend;
    }

    @Override
    protected void execute(long limit) {
        final Core m = this.core;
        while (m.steps() < limit && m.running()) {
            int pc = m.pc();
            long left = limit - m.steps();
            LinkedRegion e = regions[pc];
            if (e == null && heat[pc] >= 0 && ++heat[pc] >= options.threshold()) e = compile(pc);
            if (e != null && left >= e.entryLength) {
                e.uses++;
                entries++;
                int done = e.code.run(machine, regs, mem, marks, (int) Math.min(left, Integer.MAX_VALUE), e.next, 0);
                m.addSteps(done);
                compiledInstructions += done;
                if (done > 0) continue;
            }
            // Cold code, or what the region handed back: the interpreter, one block.
            int n = coldLength[pc];
            if (n == 0) coldLength[pc] = n = Region.block(m, cpu, pc).length() + 1;
            long before = m.steps();
            m.interpret(Math.min(limit, m.steps() + Math.max(1, n - 1)));
            interpretedInstructions += m.steps() - before;
        }
    }

    private LinkedRegion compile(int pc) {
        heat[pc] = Integer.MIN_VALUE; // compiled or refused: not counted again until the code changes
        Region region = Region.form(core, cpu, pc);
        if (region == null) return null;
        RegionClasses.Key key = RegionClasses.key(core, region, backend.id());
        RegionClass c = RegionClasses.get(key);
        if (c == null) {
            c = backend.compile(core, cpu, region);
            RegionClasses.put(key, c);
        } else {
            reused++;
        }
        if (live.size() >= options.maxRegions() || codeBytes + c.bytecodeSize() > options.maxCodeBytes()) evictColdHalf();
        LinkedRegion e = new LinkedRegion(region, c);
        regions[pc] = e;
        for (int i = 0; i < e.exits.length; i++) e.next[i] = regions[e.exits[i]];
        for (LinkedRegion x : live) {
            for (int i = 0; i < x.exits.length; i++) if (x.exits[i] == pc) x.next[i] = e;
        }
        live.add(e);
        codeBytes += e.bytecode;
        compiled++;
        if (options.log()) log(region, c);
        return e;
    }

    /** The code cache is full: the less used half of the regions goes; they compile again if they are hot again. */
    private void evictColdHalf() {
        List<LinkedRegion> byUse = new ArrayList<>(live);
        byUse.sort(Comparator.comparingLong((LinkedRegion x) -> x.uses));
        for (LinkedRegion e : byUse.subList(0, (byUse.size() + 1) / 2)) {
            drop(e);
            evicted++;
        }
        unlinkDropped();
        for (LinkedRegion e : live) e.uses = 0;
    }

    private void drop(LinkedRegion e) {
        regions[e.region.entry] = null;
        heat[e.region.entry] = 0;
        live.remove(e);
        codeBytes -= e.bytecode;
        chainedBefore += e.chained;
        e.dropped = true;
    }

    /** No region in use calls a dropped one any more: the same rule as the engine's own table. */
    private void unlinkDropped() {
        for (LinkedRegion x : live) {
            LinkedRegion[] next = x.next;
            for (int i = 0; i < next.length; i++) if (next[i] != null && next[i].dropped) next[i] = null;
        }
    }

    @Override
    protected void forget(int addr, int n) {
        long before = invalidated;
        for (int i = live.size() - 1; i >= 0; i--) {
            LinkedRegion e = live.get(i);
            if (e.region.covers(addr, n)) {
                drop(e);
                invalidated++;
            }
        }
        if (invalidated != before) unlinkDropped();
        for (int a = addr - 8 * Region.MAX_BLOCK; a < addr + n; a++) {
            coldLength[a & 0xFFFF] = 0;
            if (heat[a & 0xFFFF] < 0 && regions[a & 0xFFFF] == null) heat[a & 0xFFFF] = 0;
        }
    }

    @Override
    protected void clear() {
        for (LinkedRegion e : live) {
            regions[e.region.entry] = null;
            chainedBefore += e.chained;
            e.dropped = true;
            Arrays.fill(e.next, null);
        }
        live.clear();
        codeBytes = 0;
        Arrays.fill(heat, 0);
        Arrays.fill(coldLength, 0);
    }

    void detach() {
        core.attach(null);
        clear();
    }

    /** Regions entered by a call from another region. */
    long chained() {
        long n = chainedBefore;
        for (LinkedRegion e : live) n += e.chained;
        return n;
    }

    long deoptimisations() {
        return core.deoptimisations();
    }

    long codeBytes() {
        return codeBytes;
    }

    int liveRegions() {
        return live.size();
    }

    String log() {
        return log.toString();
    }

    /** Each line two spaces in, as {@code String.indent(2)} (which the page's class library lacks). */
    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            if (end < 0) end = text.length();
            int cut = end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
            sb.append("  ").append(text, from, cut).append('\n');
            from = end + 1;
        }
        return sb.toString();
    }

    /** The region's guest instructions beside its JVM bytecode, as the translation log shows host code. */
    private void log(Region region, RegionClass c) {
        if (logFull) return;
        StringBuilder sb = new StringBuilder();
        sb.append("region ").append(compiled).append(" at ").append(Hex.addr(region.entry)).append(": ")
                .append(region.blocks.size()).append(region.blocks.size() == 1 ? " block, " : " blocks, ")
                .append(region.instructions).append(" guest instructions, ").append(c.bytecodeSize()).append(" bytes of bytecode\n");
        for (Region.Block b : region.blocks.values()) {
            sb.append("  block ").append(Hex.addr(b.start())).append(" (").append(b.length()).append(")\n");
            for (int at : b.slots()) {
                Instruction insn = core.isa().decode(core.fetchMemory(), at);
                sb.append("    ").append(Hex.addr(at)).append("  ").append(core.isa().disassemble(insn)).append('\n');
                if (cpu.fused(core.code()[at << 2] & 0xFF)) {
                    int after = (at + insn.length()) & 0xFFFF;
                    Instruction jump = core.isa().decode(core.fetchMemory(), after);
                    sb.append("    ").append(Hex.addr(after)).append("  ").append(core.isa().disassemble(jump)).append("   (fused)\n");
                }
            }
        }
        sb.append(indent(backend.listing(c))).append('\n');
        if (log.length() + sb.length() > options.maxLogChars()) {
            log.append("... log truncated after ").append(options.maxLogChars()).append(" characters; compiling goes on\n");
            logFull = true;
            return;
        }
        log.append(sb);
    }
}
