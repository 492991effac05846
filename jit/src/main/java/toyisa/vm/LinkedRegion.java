package toyisa.vm;

/**
 * A region in use on one machine: its compiled code (shared by every machine that compiled the
 * same bytes) and, per direct exit, the region in use at the exit's target, which the compiled code
 * calls instead of returning to the engine (chaining). The links are this machine's: when a region
 * is dropped (its code changed, or the cache was full) every link to it is cleared, so compiled code
 * never runs code whose bytes changed.
 */
final class LinkedRegion {
    final Region region;
    final RegionCode code;
    final int bytecode;
    /** Guest instructions of the entry block: the room a call needs to do anything. */
    final int entryLength;
    /** The guest address each direct exit leaves for, by exit number. */
    final int[] exits;
    /** The region in use at each exit's address, or null. Read by the compiled code. */
    final LinkedRegion[] next;
    /** Entries since the last eviction, the engine's and other regions' calls (the compiled code counts those). */
    long uses;
    /** Calls from other regions (chained entries), for the stats. */
    long chained;
    boolean dropped;

    LinkedRegion(Region region, RegionCompiler.Compiled c) {
        this.region = region;
        this.code = c.code();
        this.bytecode = c.bytecodeSize();
        this.entryLength = region.blocks.get(region.entry).length();
        this.exits = c.exits();
        this.next = new LinkedRegion[exits.length];
    }
}
