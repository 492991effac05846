package toyisa.vm;

/**
 * A compiled region (a hidden class made by a {@link RegionCompiler}). {@link #run}
 * executes at most {@code room} guest instructions from the region's entry, as the fast loop would,
 * and returns how many it executed, with the machine's registers, flags and PC brought up to date.
 * It stops before anything the fast loop would stop before (a fault, a store into code), which the
 * interpreter then does.
 */
interface RegionCode {
    int run(Machine mc, int[] r, byte[] m, byte[] cb, int room);

}
