package toyisa.translate;

import java.util.List;
import toyisa.isa.Operand;
import toyisa.isa.Row;
import toyisa.translate.HostBlock.Site;
import toyisa.translate.HostBlock.Stub;
import toyisa.translate.HostBlock.StubKind;

/**
 * The code cache of the Intellio host: variable-length host code, so {@link Site}s are kept per
 * host byte; chaining (an exit's {@code hlt} and its two padding bytes become a {@code jmp rel16};
 * the {@code rel16} jumps that lead to it are pointed at the next block), and invalidation when the
 * guest writes into code it has translated.
 */
final class IntellioCodeCache extends CodeCacheBase<HostBlock, Site> {
    private static final byte HLT = (byte) 0xF4;

    long fills, spills, swaps, flagSaves, hostBytes, hostInstructions;

    IntellioCodeCache() {
        super(0, Site[]::new, HostBlock[]::new);
    }

    @Override
    HostBlock translate(GuestBlock block, int base) {
        return ArmisticeTranslator.translate(block, base);
    }

    @Override
    void placeSites(HostBlock t) {
        for (int k = 0; k < t.sites.length; k++) sites[t.address(k)] = t.sites[k];
    }

    @Override
    HostBlock add(GuestBlock block) {
        HostBlock t = super.add(block);
        fills += t.fills;
        spills += t.spills;
        swaps += t.swaps;
        flagSaves += t.flagSaves;
        hostBytes += t.code.length;
        hostInstructions += t.hostLength();
        return t;
    }

    // ------------------------------------------------------------------ self-modifying guest code

    /**
     * The first host instruction of each guest instruction of an invalidated translation becomes a
     * {@code hlt}: if the guest is inside it, it leaves at the next guest instruction and the
     * dispatcher translates the new bytes.
     */
    @Override
    void fenceOff(HostBlock t) {
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
        forgetCode(at, 1);
        sites[at] = s.withStub(new Stub(StubKind.STALE, s.guestPc()));
    }

    // ------------------------------------------------------------------ chaining

    /** Rewrites the jump at {@code at} (form {@code form}) to go to host address {@code to} inside {@code target}, keeping the old bytes for invalidation. */
    private void retarget(int at, Row form, HostBlock target, int to) {
        link(at, form.length(), target);
        byte[] b = IntellioHostCode.encode(form, List.of(Operand.num(to)), at);
        for (int k = 0; k < b.length; k++) memory[(at + k) & 0xFFFF] = b[k];
        forgetCode(at, b.length);
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
        forgetCode(next, 1);
        retarget(at + 4, JZ16, target, target.base);
        byte[] cmp = IntellioHostCode.encode(CMP16, List.of(Operand.reg(IntellioHostEmitter.T1), Operand.num(guest)), at);
        System.arraycopy(cmp, 0, memory, at, cmp.length);
        forgetCode(at, cmp.length);
        sites[at] = site;
        sites[at + 4] = site;
        dispatch.entries++;
        dispatch.cached.add(guest);
        return true;
    }

    /**
     * Chains an exit to its target's translation. When the target reads the flags the exit saved,
     * the saving stays and the hlt becomes the jump; otherwise the exit jumps straight there, and
     * so do the jumps that led to it — unless the exit first spills a loop's kept registers, which
     * always run.
     */
    void chain(Stub exit, HostBlock target) {
        HostBlock from = exit.owner;
        if (!from.valid || !target.valid) return;
        // The registers the target's prologue fills are already where it puts them: skip the fills.
        int to = target.prologueDone(exit.map) ? target.address(target.loopEntry) : target.base;
        if (target.requiresFlags && exit.flagIndex != exit.haltIndex) {
            retarget(from.address(exit.haltIndex), JMP16, target, to);
        } else if (exit.flagIndex != exit.startIndex) { // a loop's spills first: they stay, the flag code goes
            retarget(from.address(exit.flagIndex), JMP16, target, to);
        } else {
            retarget(from.address(exit.startIndex), JMP16, target, to);
            for (int j : exit.jumps) {
                int at = from.address(j);
                retarget(at, toyisa.intellio.Intellio.TABLE.decode(memory, at).row(), target, to);
            }
        }
    }
}
