package toyisa.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code halt} in the code cache that is not the guest's {@code hlt}: a way back from the host code
 * to the {@link Dispatcher}, and what the dispatcher should do there.
 */
final class Stub {
    enum Kind {
        /** Leave the block for a known guest address; the dispatcher chains it to that block's host code. */
        EXIT,
        /** Leave the block for a guest address computed at run time (in r7): {@code ret}, {@code jmp r}, {@code call r}. */
        DISPATCH,
        /** A helper call: compute the guest flags into r11 in Java, then continue with the next host instruction. */
        FLAGS,
        /** The guest's own {@code hlt}. */
        HALT,
        /** The guest instruction here is undefined (illegal instruction) or its bytes touch the null page. */
        FAULT,
        /** The translation was invalidated (self-modifying code): continue at this guest PC. */
        STALE
    }

    final Kind kind;
    /** EXIT, STALE: the guest address to continue at; HALT, FAULT: the guest instruction. */
    final int guestPc;
    /** EXIT: host index of the stub's first instruction (before any flag code) and of its halt. */
    int startIndex, haltIndex;
    /** EXIT: host indices of the jumps that lead to this stub (patched to jump straight to the target). */
    final List<Integer> jumps = new ArrayList<>();
    /** DISPATCH: host index of the inline cache's first slot and how many entries it holds now. */
    int cacheIndex, cacheEntries;
    /**
     * DISPATCH with lazy flags: the cache tried before the flags are computed (for targets that do not
     * read them), ending in a jump to the flag code; -1 when the flags are in r11 already.
     */
    int fastIndex = -1, fastEntries;
    /** DISPATCH: guest targets already in the inline cache. */
    final List<Integer> cached = new ArrayList<>();
    /** FAULT: true for a fetch from the null page, false for an illegal instruction. */
    boolean fetchFault;
    /** The translation this stub belongs to. */
    Translation owner;

    Stub(Kind kind, int guestPc) {
        this.kind = kind;
        this.guestPc = guestPc;
    }
}
