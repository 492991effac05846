package toyisa.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * One guest block translated to Intellio host code: its bytes, what each host instruction stands
 * for ({@link Site}), its ways back to the dispatcher ({@link Stub}), and what the register
 * allocator left where, so that a chained jump can skip the next block's fills.
 */
final class HostBlock extends CachedBlock {
    enum StubKind { EXIT, DISPATCH, HALT, FAULT, WORD_FAULT, STALE }

    /** A {@code hlt} the dispatcher placed: a way back to it, and why. */
    static final class Stub {
        final StubKind kind;
        /** EXIT, STALE: where the guest continues; HALT, FAULT, WORD_FAULT: the guest instruction. */
        final int guestPc;
        /** EXIT: index of the stub's first instruction (spills of a loop's kept registers, then flag code, if any) and of its hlt. */
        int startIndex, haltIndex;
        /** EXIT: index of its flag code (or its hlt): what chaining may skip starts here; the spills before it always run. */
        int flagIndex;
        /** EXIT: indices of the host jumps that lead to this stub. */
        final List<Integer> jumps = new ArrayList<>();
        boolean fetchFault;
        /** DISPATCH: entries in the inline cache, and the guest targets they hold. */
        int entries;
        final List<Integer> cached = new ArrayList<>();
        /** EXIT: where the guest registers are cached when the block leaves here (guest register to host register, or -1). */
        int[] map;
        /** WORD_FAULT: the guest's access: base register, displacement, write. */
        int base, disp;
        boolean write;
        HostBlock owner;

        Stub(StubKind kind, int guestPc) {
            this.kind = kind;
            this.guestPc = guestPc;
        }
    }

    /**
     * What a host instruction stands for: its guest instruction (and position in the block; stubs
     * after the last one: the block's length), the guest flags there, a stub, and for a guest memory
     * access how to name it in a report (host address minus {@code accessOffset} is the guest's).
     */
    record Site(int guestPc, int index, ArmisticeFlags flags, Stub stub, int accessOffset, int accessLength, boolean accessWrite)
            implements HostSite {
        Site withStub(Stub s) {
            return new Site(guestPc, index, flags, s, accessOffset, accessLength, accessWrite);
        }
    }

    final int[] offsets;
    final Site[] sites;
    final String[] notes;
    final int[] boundaries;
    final boolean requiresFlags;
    final List<Stub> stubs;
    final int fills, spills, swaps, flagSaves;
    /** Index of the host instruction a chained jump enters at when its registers are where the prologue puts them. */
    int loopEntry;
    /** The register cache after the prologue (guest register to host register, or -1). */
    int[] entryMap;
    /** A loop whose registers stay in host registers (see {@link RegisterAllocator}): past the prologue, {@link #entryMap} holds them. */
    boolean keepsRegisters;

    /** True when, at host address {@code at} of this block, guest registers live in host registers the state page has not seen. */
    boolean keepsRegistersAt(int at) {
        return keepsRegisters && ((at - base) & 0xFFFF) >= offsets[loopEntry];
    }

    /** True when an exit leaving the registers as {@code map} says may enter after the prologue. */
    boolean prologueDone(int[] map) {
        if (map == null) return false;
        for (int g = 0; g < 16; g++) if (entryMap[g] >= 0 && map[g] != entryMap[g]) return false;
        return true;
    }

    HostBlock(GuestBlock block, int base, byte[] code, int[] offsets, Site[] sites, String[] notes, int[] boundaries,
              boolean requiresFlags, List<Stub> stubs, int fills, int spills, int swaps, int flagSaves) {
        super(block, base, code);
        this.offsets = offsets;
        this.sites = sites;
        this.notes = notes;
        this.boundaries = boundaries;
        this.requiresFlags = requiresFlags;
        this.stubs = stubs;
        this.fills = fills;
        this.spills = spills;
        this.swaps = swaps;
        this.flagSaves = flagSaves;
        for (Stub s : stubs) s.owner = this;
    }

    int address(int index) {
        return (base + offsets[index]) & 0xFFFF;
    }

    int hostLength() {
        return sites.length;
    }
}
