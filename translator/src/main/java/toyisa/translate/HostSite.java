package toyisa.translate;

/**
 * What the dispatcher asks of a host instruction, whichever the host: the guest instruction it is
 * part of, and that instruction's position in its block (stubs after the last one: the block's
 * length), from which the guest instructions run so far are counted exactly.
 */
interface HostSite {
    int guestPc();

    int index();
}
