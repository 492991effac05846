package toyisa.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import toyisa.isa.Operand;
import toyisa.isa.Row;
import toyisa.translate.ArmisticeTranslator.HostBlock;
import toyisa.translate.ArmisticeTranslator.Site;
import toyisa.translate.ArmisticeTranslator.Stub;
import toyisa.translate.ArmisticeTranslator.StubKind;
import toyisa.vm.HostCpu;

/**
 * The code cache of the Intellio host — {@link CodeCache}'s twin for variable-length host code:
 * 64 KiB of host code memory filled from 0100h, the map from guest addresses to translations and
 * from host addresses (any byte) back to {@link Site}s, chaining (an exit's {@code hlt} and its two
 * padding bytes become a {@code jmp rel16}; the {@code rel16} jumps that lead to it are pointed at
 * the next block), and invalidation when the guest writes into code it has translated. Flushed
 * whole when full.
 */
final class IntellioCodeCache {
    static final int START = 0x0100;
    private static final int PAGE_SHIFT = 6;
    private static final byte HLT = (byte) 0xF4;

    final byte[] memory = new byte[0x10000];
    private final Site[] sites = new Site[0x10000];
    private final HostBlock[] owners = new HostBlock[0x10000];
    private final HostBlock[] byGuest = new HostBlock[0x10000];
    private final short[] coverage = new short[0x10000];
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final List<HostBlock>[] pages = new List[0x10000 >> PAGE_SHIFT];
    private int top = START;
    private HostCpu cpu;
    private byte[] marks;

    int translations, flushes, invalidations;
    long fills, spills, swaps, flagSaves, hostBytes, hostInstructions;

    void attach(HostCpu cpu) {
        this.cpu = cpu;
        this.marks = cpu.marks();
    }

    HostBlock lookup(int guestPc) {
        HostBlock t = byGuest[guestPc & 0xFFFF];
        return t != null && t.valid ? t : null;
    }

    Site site(int hostPc) {
        return sites[hostPc & 0xFFFF];
    }

    HostBlock owner(int hostPc) {
        return owners[hostPc & 0xFFFF];
    }

    HostBlock add(GuestBlock block) {
        HostBlock t = ArmisticeTranslator.translate(block, top);
        if (top + t.code.length > 0x10000) {
            flush();
            t = ArmisticeTranslator.translate(block, top);
        }
        System.arraycopy(t.code, 0, memory, t.base, t.code.length);
        for (int k = 0; k < t.sites.length; k++) sites[t.address(k)] = t.sites[k];
        Arrays.fill(owners, t.base, t.base + t.code.length, t);
        if (cpu != null) cpu.forgetCode(t.base, t.code.length);
        top += t.code.length;
        int len = block.byteLength();
        for (int i = 0; i < len; i++) {
            int a = (block.start + i) & 0xFFFF;
            coverage[a]++;
            if (marks != null) marks[a] = 1;
            int p = a >> PAGE_SHIFT;
            if (pages[p] == null) pages[p] = new ArrayList<>();
            List<HostBlock> list = pages[p];
            if (list.isEmpty() || list.get(list.size() - 1) != t) list.add(t);
        }
        byGuest[block.start] = t;
        translations++;
        fills += t.fills;
        spills += t.spills;
        swaps += t.swaps;
        flagSaves += t.flagSaves;
        hostBytes += t.code.length;
        hostInstructions += t.hostLength();
        return t;
    }

    void flush() {
        for (HostBlock t : owners) if (t != null) t.valid = false;
        Arrays.fill(byGuest, null);
        Arrays.fill(sites, null);
        Arrays.fill(owners, null);
        Arrays.fill(coverage, (short) 0);
        Arrays.fill(pages, null);
        Arrays.fill(memory, (byte) 0);
        if (marks != null) Arrays.fill(marks, (byte) 0);
        if (cpu != null) cpu.forgetAllCode();
        top = START;
        flushes++;
    }

    // ------------------------------------------------------------------ self-modifying guest code

    void guestWrote(int address, int n) {
        for (int i = 0; i < n; i++) {
            int a = (address + i) & 0xFFFF;
            if (coverage[a] == 0) continue;
            List<HostBlock> list = pages[a >> PAGE_SHIFT];
            if (list == null) continue;
            for (HostBlock t : new ArrayList<>(list)) {
                if (t.valid && ((a - t.block.start) & 0xFFFF) < t.block.byteLength()) invalidate(t);
            }
        }
    }

    /**
     * Jumps into the translation are undone, and the first host instruction of each of its guest
     * instructions becomes a {@code hlt}: if the guest is inside it, it leaves at the next guest
     * instruction and the dispatcher translates the new bytes.
     */
    void invalidate(HostBlock t) {
        t.valid = false;
        invalidations++;
        if (byGuest[t.block.start] == t) byGuest[t.block.start] = null;
        int len = t.block.byteLength();
        for (int i = 0; i < len; i++) {
            int a = (t.block.start + i) & 0xFFFF;
            if (--coverage[a] <= 0) {
                coverage[a] = 0;
                if (marks != null) marks[a] = 0;
            }
            List<HostBlock> list = pages[a >> PAGE_SHIFT];
            if (list != null) list.remove(t);
        }
        for (int[] link : t.incoming) {
            for (int k = 1; k < link.length; k++) memory[(link[0] + k - 1) & 0xFFFF] = (byte) link[k];
            if (cpu != null) cpu.forgetCode(link[0], link.length - 1);
        }
        t.incoming.clear();
        Site entry = t.sites[0];
        stale(t.address(0), new Site(t.block.start, t.block.size(), entry.flags(), null, 0, 0, false));
        stale(t.address(t.loopEntry), new Site(t.block.start, t.block.size(), entry.flags(), null, 0, 0, false));
        for (Stub st : t.stubs) {
            if (st.kind != StubKind.FAULT) continue;
            int k = t.sites.length - 1;
            while (k > 0 && t.sites[k].stub() != st) k--;
            stale(t.address(k), new Site(st.guestPc, t.block.size(), t.sites[k].flags(), null, 0, 0, false));
        }
        for (int j = t.block.size() - 1; j >= 0; j--) {
            Site s = t.sites[t.boundaries[j]];
            stale(t.address(t.boundaries[j]), new Site(t.block.instructions.get(j).address(), j, s.flags(), null, 0, 0, false));
        }
    }

    private void stale(int at, Site s) {
        memory[at] = HLT;
        if (cpu != null) cpu.forgetCode(at, 1);
        sites[at] = s.withStub(new Stub(StubKind.STALE, s.guestPc()));
    }

    // ------------------------------------------------------------------ chaining

    /** Rewrites the jump at {@code at} (form {@code form}) to go to {@code target}'s host code, keeping the old bytes for invalidation. */
    private void retarget(int at, Row form, HostBlock target) {
        retarget(at, form, target, target.base);
    }

    /** As {@link #retarget(int, Row, HostBlock)}, to host address {@code to} inside {@code target}. */
    private void retarget(int at, Row form, HostBlock target, int to) {
        int[] link = new int[form.length() + 1];
        link[0] = at;
        for (int k = 0; k < form.length(); k++) link[k + 1] = memory[(at + k) & 0xFFFF];
        target.incoming.add(link);
        byte[] b = IntellioHostCode.encode(form, List.of(Operand.num(to)), at);
        for (int k = 0; k < b.length; k++) memory[(at + k) & 0xFFFF] = b[k];
        if (cpu != null) cpu.forgetCode(at, b.length);
    }

    private static final Row JMP16 = IntellioHostCode.named("jmp.rel16");
    private static final Row CMP16 = IntellioHostCode.named("cmp.i16");
    private static final Row JZ16 = IntellioHostCode.named("jz.rel16");

    /** Adds {@code guest -> target} to an indirect exit's inline cache, if there is room. */
    boolean cacheIndirect(Stub dispatch, int guest, HostBlock target) {
        HostBlock from = dispatch.owner;
        if (!from.valid || !target.valid || dispatch.cached.contains(guest)
                || dispatch.entries >= ArmisticeTranslator.CACHE_ENTRIES) return false;
        int halt = from.address(dispatch.haltIndex);
        int at = halt + ArmisticeTranslator.CACHE_ENTRY_BYTES * dispatch.entries;
        Site site = sites[halt];
        int next = at + ArmisticeTranslator.CACHE_ENTRY_BYTES;
        memory[next] = HLT; // the hlt moves down one entry
        sites[next] = site;
        if (cpu != null) cpu.forgetCode(next, 1);
        retarget(at + 4, JZ16, target, target.base);
        byte[] cmp = IntellioHostCode.encode(CMP16, List.of(Operand.reg(ArmisticeTranslator.T1), Operand.num(guest)), at);
        System.arraycopy(cmp, 0, memory, at, cmp.length);
        if (cpu != null) cpu.forgetCode(at, cmp.length);
        sites[at] = site;
        sites[at + 4] = site;
        dispatch.entries++;
        dispatch.cached.add(guest);
        return true;
    }

    /**
     * Chains an exit to its target's translation. When the target reads the flags the exit saved,
     * the saving stays and the hlt becomes the jump; otherwise the exit jumps straight there, and
     * so do the jumps that led to it.
     */
    void chain(Stub exit, HostBlock target) {
        HostBlock from = exit.owner;
        if (!from.valid || !target.valid) return;
        // The registers the target's prologue fills are already where it puts them: skip the fills.
        int to = target.prologueDone(exit.map) ? target.address(target.loopEntry) : target.base;
        if (target.requiresFlags && exit.startIndex != exit.haltIndex) {
            retarget(from.address(exit.haltIndex), JMP16, target, to);
        } else {
            retarget(from.address(exit.startIndex), JMP16, target, to);
            for (int j : exit.jumps) {
                int at = from.address(j);
                retarget(at, toyisa.intellio.Intellio.TABLE.decode(memory, at).row(), target, to);
            }
        }
    }
}
