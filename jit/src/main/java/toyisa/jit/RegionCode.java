package toyisa.jit;

import toyisa.vm.Machine;

/**
 * The code of a region: a hidden class made by a {@link RegionCompiler}, in the cores' package so
 * that it reads and writes the core's fields (see {@link toyisa.vm.Core#instantiate}). {@link #run}
 * executes at most {@code room} guest instructions from the region's entry, as the fast loop would,
 * and returns how many it executed, with the machine's registers, flags and PC brought up to date.
 * It stops before anything the fast loop would stop before (a fault, a store into code), which the
 * interpreter then does. When it leaves by a direct exit whose target is a region in use
 * ({@code next}, by exit number), it calls that region itself, {@code depth} calls deep at most
 * {@link #MAX_CHAIN}, and returns the instructions of the whole chain.
 */
public interface RegionCode {
    /** Regions called one from another before the chain returns to the engine (bounds the JVM stack). */
    int MAX_CHAIN = 32;

    int run(Machine mc, int[] r, byte[] m, byte[] cb, int room, LinkedRegion[] next, int depth);
}
