package toyisa.translate;

import static toyisa.armistice.ArmisticeOp.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import toyisa.armistice.Armistice;
import toyisa.armistice.ArmisticeOp;
import toyisa.isa.Instruction;
import toyisa.isa.Operand;
import toyisa.vm.HostCpu;

/**
 * The code cache: 64 KiB of host code memory, filled from 0100h upwards with {@link Translation}s,
 * the map from guest addresses to translations and from host addresses back to {@link Site}s, and
 * everything that changes host code after it was made: chaining (an exit stub becomes a jump to the
 * next block), inline caches, and invalidation when the guest writes into code it has translated.
 * When it is full it is flushed whole, as QEMU does: retranslating is cheap.
 */
final class CodeCache {
    static final int START = 0x0100;
    private static final int PAGE_SHIFT = 6;

    final byte[] memory = new byte[0x10000];
    /** Per host address / 4: what the host instruction there stands for. */
    final Site[] sites = new Site[0x4000];
    /** Per host address / 4: the translation it belongs to. */
    final Translation[] owners = new Translation[0x4000];
    private final Translation[] byGuest = new Translation[0x10000];
    /** How many live translations were made from each guest byte. */
    private final short[] coverage = new short[0x10000];
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final List<Translation>[] pages = new List[0x10000 >> PAGE_SHIFT];
    private int top = START;
    private HostCpu cpu;
    private byte[] marks;

    int translations, flushes, invalidations;

    void attach(HostCpu cpu) {
        this.cpu = cpu;
        this.marks = cpu.marks();
    }

    Translation lookup(int guestPc) {
        Translation t = byGuest[guestPc & 0xFFFF];
        return t != null && t.valid ? t : null;
    }

    Site site(int hostPc) {
        return sites[(hostPc & 0xFFFF) >> 2];
    }

    Translation owner(int hostPc) {
        return owners[(hostPc & 0xFFFF) >> 2];
    }

    /** Translates {@code block} into the cache (flushing it first when it is full). */
    Translation add(GuestBlock block) {
        Translation t = Translator.translate(block, top);
        if (top + t.code.length > 0x10000) {
            flush();
            t = Translator.translate(block, top);
        }
        System.arraycopy(t.code, 0, memory, t.base, t.code.length);
        for (int k = 0; k < t.sites.length; k++) {
            sites[(t.base >> 2) + k] = t.sites[k];
            owners[(t.base >> 2) + k] = t;
        }
        if (cpu != null) cpu.forgetCode(t.base, t.code.length);
        top += t.code.length;
        int len = block.byteLength();
        for (int i = 0; i < len; i++) {
            int a = (block.start + i) & 0xFFFF;
            coverage[a]++;
            if (marks != null) marks[a] = 1;
            int p = a >> PAGE_SHIFT;
            if (pages[p] == null) pages[p] = new ArrayList<>();
            List<Translation> list = pages[p];
            if (list.isEmpty() || list.get(list.size() - 1) != t) list.add(t);
        }
        byGuest[block.start] = t;
        translations++;
        return t;
    }

    /** Forgets every translation (the cache is full). Only between host runs. */
    void flush() {
        for (Translation t : owners) if (t != null) t.valid = false; // stubs of old code must not be chained any more
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

    /** The guest wrote {@code n} bytes at {@code address}: drop every translation made from them. */
    void guestWrote(int address, int n) {
        for (int i = 0; i < n; i++) {
            int a = (address + i) & 0xFFFF;
            if (coverage[a] == 0) continue;
            List<Translation> list = pages[a >> PAGE_SHIFT];
            if (list == null) continue;
            for (Translation t : new ArrayList<>(list)) {
                if (t.valid && covers(t, a)) invalidate(t);
            }
        }
    }

    private static boolean covers(Translation t, int a) {
        return ((a - t.block.start) & 0xFFFF) < t.block.byteLength();
    }

    /**
     * Invalidates a translation: jumps into it from other blocks are undone, and the first host
     * instruction of each of its guest instructions becomes a halt — so if the guest is running in
     * this very block, it leaves it at the next guest instruction and the dispatcher translates the
     * new bytes.
     */
    void invalidate(Translation t) {
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
            List<Translation> list = pages[a >> PAGE_SHIFT];
            if (list != null) list.remove(t);
        }
        for (int[] link : t.incoming) {
            int at = link[0];
            for (int k = 0; k < 4; k++) memory[at + k] = (byte) (link[1] >>> (24 - 8 * k));
            if (cpu != null) cpu.forgetCode(at, 4);
        }
        t.incoming.clear();
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
        if (cpu != null) cpu.forgetCode(at, 4);
    }

    private int word(int at) {
        return (memory[at] & 0xFF) << 24 | (memory[at + 1] & 0xFF) << 16 | (memory[at + 2] & 0xFF) << 8 | memory[at + 3] & 0xFF;
    }

    /** Makes the jump at {@code at} (a jmp or conditional jump) go to {@code target}'s host code. */
    private void retarget(int at, ArmisticeOp op, Translation target) {
        target.incoming.add(new int[] {at, word(at)});
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

    int used() {
        return top - START;
    }
}
