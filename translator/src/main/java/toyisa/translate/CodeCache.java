package toyisa.translate;

import static toyisa.armistice.ArmisticeOp.*;

import toyisa.armistice.Armistice;
import toyisa.armistice.ArmisticeOp;
import toyisa.isa.Instruction;
import toyisa.isa.Operand;

/**
 * The code cache of the Armistice host: {@link Translation}s of fixed 4-byte host instructions, so
 * {@link Site}s are kept per host address / 4, and everything that changes host code after it was
 * made: chaining (an exit stub becomes a jump to the next block), inline caches, and invalidation
 * when the guest writes into code it has translated.
 */
final class CodeCache extends CodeCacheBase<Translation, Site> {

    CodeCache() {
        super(2, Site[]::new, Translation[]::new);
    }

    @Override
    Translation translate(GuestBlock block, int base) {
        return Translator.translate(block, base);
    }

    @Override
    void placeSites(Translation t) {
        System.arraycopy(t.sites, 0, sites, t.base >> 2, t.sites.length);
    }

    // ------------------------------------------------------------------ self-modifying guest code

    /**
     * The first host instruction of each guest instruction of an invalidated translation becomes a
     * halt — so if the guest is running in this very block, it leaves it at the next guest
     * instruction and the dispatcher translates the new bytes.
     */
    @Override
    void fenceOff(Translation t) {
        // The entry: nothing of the block has run, so no guest instruction is to be given back (index = length).
        Site entry = t.sites[0];
        staleExit(t, 0, new Site(t.block.start, t.block.size(), entry.flags(), null, 0, 0, false));
        // A block that ends at undefined bytes: those bytes may just have become an instruction.
        for (Stub st : t.stubs) {
            if (st.kind != Stub.Kind.FAULT) continue;
            int k = t.sites.length - 1;
            while (k > 0 && t.sites[k].stub() != st) k--;
            staleExit(t, k, new Site(st.guestPc, t.block.size(), t.sites[k].flags(), null, 0, 0, false));
        }
        for (int j = t.block.size() - 1; j >= 0; j--) {
            int k = t.boundaries[j];
            Site s = t.sites[k];
            staleExit(t, k, new Site(t.block.instructions.get(j).address(), j, s.flags(), null, 0, 0, false));
        }
    }

    private void staleExit(Translation t, int index, Site s) {
        int at = t.address(index);
        write(at, HALT);
        sites[at >> 2] = s.withStub(new Stub(Stub.Kind.STALE, s.guestPc()));
    }

    // ------------------------------------------------------------------ patching host code

    /** Encodes one host instruction at {@code at} (replacing what was there). */
    void write(int at, ArmisticeOp op, Operand... ops) {
        System.arraycopy(HostCode.encode(op, at, ops), 0, memory, at, 4);
        forgetCode(at, 4);
    }

    /** Makes the jump at {@code at} (a jmp or conditional jump) go to {@code target}'s host code. */
    private void retarget(int at, ArmisticeOp op, Translation target) {
        link(at, 4, target);
        write(at, op, Operand.num(target.base));
    }

    /**
     * Chains an exit to the translation of its target. When the target reads the flags the exit
     * computed into r11, the exit's flag code stays and its halt becomes the jump; otherwise the
     * exit jumps straight there, and so do the conditional jumps that led to it.
     */
    void chain(Stub exit, Translation target) {
        Translation from = exit.owner;
        if (!from.valid || !target.valid) return;
        if (target.requiresCanon && exit.startIndex != exit.haltIndex) { // flag code to run first
            retarget(from.address(exit.haltIndex), JMP, target);
        } else {
            retarget(from.address(exit.startIndex), JMP, target);
            for (int j : exit.jumps) {
                int at = from.address(j);
                Instruction insn = Armistice.TABLE.decode(memory, at);
                retarget(at, (ArmisticeOp) insn.row().op(), target);
            }
        }
    }

    /** Adds {@code guest → target} to the inline cache of an indirect exit, if there is room. */
    boolean cache(Stub dispatch, int guest, Translation target) {
        Translation from = dispatch.owner;
        if (!from.valid || !target.valid || dispatch.cached.contains(guest)) return false;
        boolean fast = dispatch.fastIndex >= 0 && !target.requiresCanon;
        int entries = fast ? dispatch.fastEntries : dispatch.cacheEntries;
        if (entries >= Translator.CACHE_ENTRIES) return false;
        int k = (fast ? dispatch.fastIndex : dispatch.cacheIndex) + 2 * entries;
        // The cache's last instruction (a halt, or the jump to the flag code) moves down one entry.
        Instruction last = Armistice.TABLE.decode(memory, from.address(k));
        if (last.row().op() == HALT) write(from.address(k + 2), HALT);
        else write(from.address(k + 2), JMP, Operand.num(last.target()));
        sites[from.address(k + 2) >> 2] = sites[from.address(k) >> 2];
        write(from.address(k), CMP, Operand.reg(Translator.T1), Operand.num(guest));
        retarget(from.address(k + 1), JZ, target);
        if (fast) dispatch.fastEntries++;
        else dispatch.cacheEntries++;
        dispatch.cached.add(guest);
        return true;
    }
}
