package toyisa.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What both code caches do the same way, whatever the host: 64 KiB of host code memory filled from
 * 0100h upwards, the map from guest addresses to translations and from host addresses back to what
 * stands there, flushing whole when full (as QEMU does: retranslating is cheap), and finding the
 * translations a guest write touches. The host-specific part is what a host address maps from
 * ({@code shift}: 2 for fixed 4-byte instructions, 0 for variable-length ones) and how a stale
 * translation is fenced off.
 *
 * @param <T> a translated block
 * @param <S> what the host instruction at an address stands for
 */
abstract class CodeCacheBase<T extends CachedBlock, S> {
    static final int START = 0x0100;
    private static final int PAGE_SHIFT = 6;

    final byte[] memory = new byte[0x10000];
    /** Per host address {@code >> shift}: what the host instruction there stands for. */
    final S[] sites;
    /** Per host address {@code >> shift}: the translation it belongs to. */
    final T[] owners;
    private final int shift;
    private final T[] byGuest;
    /** How many live translations were made from each guest byte. */
    private final short[] coverage = new short[0x10000];
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final List<T>[] pages = new List[0x10000 >> PAGE_SHIFT];
    private int top = START;
    HostCpu cpu;
    private byte[] marks;

    int translations, flushes, invalidations;

    CodeCacheBase(int shift, IntFunction<S[]> siteArray, IntFunction<T[]> blockArray) {
        this.shift = shift;
        this.sites = siteArray.apply(0x10000 >> shift);
        this.owners = blockArray.apply(0x10000 >> shift);
        this.byGuest = blockArray.apply(0x10000);
    }

    void attach(HostCpu cpu) {
        this.cpu = cpu;
        this.marks = cpu.marks();
    }

    T lookup(int guestPc) {
        T t = byGuest[guestPc & 0xFFFF];
        return t != null && t.valid ? t : null;
    }

    S site(int hostPc) {
        return sites[(hostPc & 0xFFFF) >> shift];
    }

    T owner(int hostPc) {
        return owners[(hostPc & 0xFFFF) >> shift];
    }

    /** Translates {@code block} for this host, its code placed at {@code base}. */
    abstract T translate(GuestBlock block, int base);

    /** Records what each host instruction of {@code t} stands for in {@link #sites}. */
    abstract void placeSites(T t);

    /** Translates {@code block} into the cache (flushing it first when it is full). */
    T add(GuestBlock block) {
        T t = translate(block, top);
        if (top + t.code.length > 0x10000) {
            flush();
            t = translate(block, top);
        }
        System.arraycopy(t.code, 0, memory, t.base, t.code.length);
        placeSites(t);
        Arrays.fill(owners, t.base >> shift, (t.base + t.code.length) >> shift, t);
        forgetCode(t.base, t.code.length);
        top += t.code.length;
        int len = block.byteLength();
        for (int i = 0; i < len; i++) {
            int a = (block.start + i) & 0xFFFF;
            coverage[a]++;
            if (marks != null) marks[a] = 1;
            int p = a >> PAGE_SHIFT;
            if (pages[p] == null) pages[p] = new ArrayList<>();
            List<T> list = pages[p];
            if (list.isEmpty() || list.get(list.size() - 1) != t) list.add(t);
        }
        byGuest[block.start] = t;
        translations++;
        return t;
    }

    /** Forgets every translation (the cache is full). Only between host runs. */
    void flush() {
        for (T t : owners) if (t != null) t.valid = false; // stubs of old code must not be chained any more
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

    int used() {
        return top - START;
    }

    // ------------------------------------------------------------------ self-modifying guest code

    /** The guest wrote {@code n} bytes at {@code address}: drop every translation made from them. */
    void guestWrote(int address, int n) {
        for (int i = 0; i < n; i++) {
            int a = (address + i) & 0xFFFF;
            if (coverage[a] == 0) continue;
            List<T> list = pages[a >> PAGE_SHIFT];
            if (list == null) continue;
            for (T t : new ArrayList<>(list)) {
                if (t.valid && ((a - t.block.start) & 0xFFFF) < t.block.byteLength()) invalidate(t);
            }
        }
    }

    /**
     * Invalidates a translation: it is no longer found for its guest bytes, and jumps into it from
     * other blocks are undone; the host then fences off its code (see {@link #fenceOff}) so that a
     * guest running in it leaves at the next guest instruction.
     */
    final void invalidate(T t) {
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
            List<T> list = pages[a >> PAGE_SHIFT];
            if (list != null) list.remove(t);
        }
        for (int[] link : t.incoming) {
            for (int k = 1; k < link.length; k++) memory[(link[0] + k - 1) & 0xFFFF] = (byte) link[k];
            forgetCode(link[0], link.length - 1);
        }
        t.incoming.clear();
        fenceOff(t);
    }

    /** Makes each guest instruction's first host instruction in {@code t} leave to the dispatcher. */
    abstract void fenceOff(T t);

    /** Notes that the {@code length} bytes at {@code at} are about to become a jump into {@code target}. */
    final void link(int at, int length, T target) {
        int[] link = new int[length + 1];
        link[0] = at;
        for (int k = 0; k < length; k++) link[k + 1] = memory[(at + k) & 0xFFFF];
        target.incoming.add(link);
    }

    /** Host code at {@code at} changed: the host CPU must not run what it decoded there before. */
    final void forgetCode(int at, int n) {
        if (cpu != null) cpu.forgetCode(at, n);
    }
}
