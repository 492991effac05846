package toyisa.jit;

/**
 * The class a {@link RegionCompiler} made for a region: its code to call, its method's bytecode
 * length, the class file (for the log), and the guest address of each direct exit, by exit number
 * (what {@link LinkedRegion#next} links). Shared by every machine that formed the same region
 * ({@link RegionClasses}).
 */
record RegionClass(RegionCode code, int bytecodeSize, byte[] classBytes, int[] exits) {}
