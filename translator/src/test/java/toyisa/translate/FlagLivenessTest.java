package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import toyisa.intellio.Intellio;
import toyisa.isa.EncodingException;

/** The backward walk over a block's flags, alone: which flags each instruction must leave computed. */
class FlagLivenessTest {
    private static final int Z = LazyFlags.Z, S = LazyFlags.S, C = LazyFlags.C, O = LazyFlags.O, ALL = LazyFlags.ALL;

    private static FlagLiveness of(String... lines) throws EncodingException {
        byte[] mem = new byte[0x10000];
        int pc = 0x100;
        for (String l : lines) {
            byte[] b = Intellio.ISA.assembleLine(l, pc);
            System.arraycopy(b, 0, mem, pc, b.length);
            pc += b.length;
        }
        return FlagLiveness.of(GuestBlock.decode(mem, 0x100, 64));
    }

    @Test
    void aCompareBeforeItsJumpMakesTheArithmeticBeforeItFlagFree() throws EncodingException {
        FlagLiveness f = of("add a, b", "cmp a, c", "jz 0100h");
        // After the jump the block ends: every flag may be read. The compare sets them all, so
        // nothing of the add's flags is ever read.
        assertArrayEquals(new int[] {0, ALL, ALL}, f.liveAfter);
        assertArrayEquals(new int[] {ALL, ALL, 0}, f.kills);
        assertEquals(0, f.through(0));
        assertEquals(false, f.readsOnEntry);
    }

    @Test
    void incKeepsTheCarrySoAJumpOnItReadsTheFlagsTheBlockWasEnteredWith() throws EncodingException {
        FlagLiveness f = of("inc a", "jb 0100h");
        assertArrayEquals(new int[] {Z | S | O, 0}, f.kills);
        assertEquals(C, f.through(0) & C);
        assertEquals(true, f.readsOnEntry);
    }

    @Test
    void aShiftKeepsOverflowAndASignedJumpReadsIt() throws EncodingException {
        FlagLiveness f = of("shl a, 1", "jl 0100h");
        assertEquals(Z | S | C, f.kills[0]);
        assertEquals(S | O, FlagLiveness.reads(Intellio.TABLE.decode(new byte[] {0x7C, 0}, 0)));
        assertEquals(O, f.through(0) & (S | O));
        assertEquals(true, f.readsOnEntry);
    }
}
