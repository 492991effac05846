package toyisa.translate;

/**
 * The state page of the Armistice-on-Intellio direction: the host's own memory (the absolute forms
 * {@code mov rd, [addr]} address it, see {@link HostCpu}), since the guest owns all 64 KiB of data
 * memory. Guest rN lives at {@code [2N]}; the guest flags cross a block boundary at {@code [20h]}
 * {@code [22h]} (a compare's operand values) and {@code [24h]} (its kind); an indirect exit leaves its
 * guest target at {@code [26h]}. Words here are the host's: little-endian.
 */
final class StatePage {
    static final int FA = 0x20, FB = 0x22, FK = 0x24, TARGET = 0x26;
    static final int KIND_CMP = 0, KIND_TST = 1;

    private StatePage() {}

    /** Where guest register {@code g} lives. */
    static int slot(int g) {
        return 2 * g;
    }

    /** Guest register {@code g} (r0 reads zero). */
    static int reg(byte[] state, int g) {
        return g == 0 ? 0 : word(state, slot(g));
    }

    static int word(byte[] state, int at) {
        return (state[at] & 0xFF) | (state[at + 1] & 0xFF) << 8;
    }

    static void setWord(byte[] state, int at, int v) {
        state[at] = (byte) v;
        state[at + 1] = (byte) (v >>> 8);
    }
}
