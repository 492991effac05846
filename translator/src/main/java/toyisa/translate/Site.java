package toyisa.translate;

/**
 * What one host instruction of the code cache stands for: the guest instruction it belongs to, what
 * the guest flags are there, and — for a memory access — how to name the guest access in a fault
 * report. The map from host addresses back to guest PCs is an array of these.
 *
 * @param guestPc      the guest instruction this host instruction is part of (for stubs: where the guest continues)
 * @param index        that instruction's position in its block (stubs: the block's length)
 * @param flags        the guest flags before that guest instruction
 * @param stub         non-null for a {@code halt} that leaves the host code for the dispatcher
 * @param accessOffset for a guest memory access: host address minus this is the guest's address
 * @param accessLength 0 (no guest access), 1 or 2 bytes
 * @param accessWrite  whether the guest access is a write
 */
record Site(int guestPc, int index, LazyFlags flags, Stub stub, int accessOffset, int accessLength, boolean accessWrite)
        implements HostSite {
    Site withStub(Stub s) {
        return new Site(guestPc, index, flags, s, accessOffset, accessLength, accessWrite);
    }
}
