package toyisa.translate;

import java.util.List;
import toyisa.armistice.Armistice;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;

/**
 * One guest block translated: real Armistice instructions at a host address of the code cache, and
 * for each of them a {@link Site} that says which guest instruction it came from.
 *
 * <p>Layout of every translation:
 * <pre>
 *   sub r14, N        ; count the block's N guest instructions
 *   ...               ; host code of each guest instruction, in order (at least one host instruction each)
 *   exit stubs        ; halts the dispatcher later patches into jumps to the next blocks (chaining)
 * </pre>
 */
final class Translation extends CachedBlock {
    final Site[] sites;
    /** Host index where each guest instruction's code starts (for invalidation). */
    final int[] boundaries;
    /** True when the block reads the guest flags before setting them: it must be entered with them in r11. */
    final boolean requiresCanon;
    final List<Stub> stubs;
    /** How many times the dispatcher entered this translation (not counting chained entries). */
    long dispatches;

    Translation(GuestBlock block, int base, byte[] code, Site[] sites, int[] boundaries, boolean requiresCanon,
                List<Stub> stubs) {
        super(block, base, code);
        this.sites = sites;
        this.boundaries = boundaries;
        this.requiresCanon = requiresCanon;
        this.stubs = stubs;
        for (Stub s : stubs) s.owner = this;
    }

    int guestStart() {
        return block.start;
    }

    int guestLength() {
        return block.size();
    }

    int hostLength() {
        return code.length / 4;
    }

    int address(int index) {
        return (base + 4 * index) & 0xFFFF;
    }

    /**
     * The host code as the log shows it: each guest instruction as a {@code ;} comment line, then the
     * host instructions made for it, decoded back from their bytes by the Armistice table.
     */
    String hostListing(byte[] codeMemory) {
        StringBuilder sb = new StringBuilder();
        Stub[] leaving = new Stub[sites.length]; // host instructions that leave the block, by stub
        for (Stub st : stubs) {
            if (st.kind == Stub.Kind.EXIT) for (int k = st.startIndex; k <= st.haltIndex; k++) leaving[k] = st;
            if (st.kind == Stub.Kind.DISPATCH)
                for (int k = st.fastIndex >= 0 ? st.fastIndex : st.cacheIndex; k <= st.cacheIndex + 2 * Translator.CACHE_ENTRIES; k++) leaving[k] = st;
        }
        Object group = null;
        for (int k = 0; k < sites.length; k++) {
            Site s = leaving[k] != null ? sites[k].withStub(leaving[k]) : sites[k];
            // Each host instruction is shown under what it was made for: the budget check, a guest instruction, a stub.
            Object key;
            String heading;
            if (k < 1) {
                key = "count";
                heading = "; count " + block.size() + " guest instruction" + (block.size() == 1 ? "" : "s");
            } else if (leaving[k] != null) {
                key = leaving[k];
                Stub st = leaving[k];
                heading = "; " + describe(st);
                if (st.kind == Stub.Kind.EXIT && st.haltIndex > st.startIndex)
                    heading += ": first the guest flags into r11 (skipped once chained to a block that does not read them)";
            } else if (s.stub() != null && s.index() >= block.size()) {
                key = s.stub();
                heading = "; " + describe(s.stub());
            } else {
                key = s.index();
                Instruction g = block.instructions.get(s.index());
                heading = "; " + Hex.addr(g.address()) + "  " + toyisa.intellio.Intellio.TABLE.disassemble(g);
            }
            if (!key.equals(group)) sb.append("  ").append(heading).append('\n');
            group = key;
            int at = address(k);
            Instruction h = Armistice.TABLE.decode(codeMemory, at);
            sb.append(String.format(java.util.Locale.ROOT, "  %-6s %-12s %s\n", Hex.addr(at), Hex.bytes(h.bytes()), Armistice.TABLE.disassemble(h)));
        }
        return sb.toString();
    }

    private static String describe(Stub s) {
        switch (s.kind) {
            case EXIT: return "exit to " + Hex.addr(s.guestPc);
            case DISPATCH: return s.fastIndex >= 0
                    ? "exit to the address in r7: inline cache of blocks that do not read the flags; else the flags into r11, the cache of the others, the dispatcher"
                    : "exit to the address in r7 (inline cache, then the dispatcher)";
            case HALT: return "guest hlt";
            case FAULT: return (s.fetchFault ? "fetch from the null page at " : "illegal instruction at ") + Hex.addr(s.guestPc);
            default: return s.kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
