package toyisa.jit;

/**
 * A region in use on one machine: its compiled code (shared by every machine that compiled the
 * same bytes) and, per direct exit, the region in use at the exit's target, which the compiled code
 * calls instead of returning to the engine (chaining). The links are this machine's: when a region
 * is dropped (its code changed, or the cache was full) every link to it is cleared, so compiled code
 * never runs code whose bytes changed.
 *
 * <p>Public only because the region code, a hidden class in the cores' package (see
 * {@link toyisa.vm.Core#instantiate}), reads {@code code} and {@code next} and counts {@code uses}
 * and {@code chained}; nothing else outside this package touches it ({@link FieldCheck} checks those
 * names).
 */
public final class LinkedRegion {
    final Region region;
    public final RegionCode code;
    final int bytecode;
    /** Guest instructions of the entry block: the room a call needs to do anything. */
    final int entryLength;
    /** The guest address each direct exit leaves for, by exit number. */
    final int[] exits;
    /** The region in use at each exit's address, or null. Read by the compiled code. */
    public final LinkedRegion[] next;
    /** Entries since the last eviction, the engine's and other regions' calls (the compiled code counts those). */
    public long uses;
    /** Calls from other regions (chained entries), for the stats. */
    public long chained;
    boolean dropped;

    LinkedRegion(Region region, RegionClass c) {
        this.region = region;
        this.code = c.code();
        this.bytecode = c.bytecodeSize();
        this.entryLength = region.blocks.get(region.entry).length();
        this.exits = c.exits();
        this.next = new LinkedRegion[exits.length];
    }
}
