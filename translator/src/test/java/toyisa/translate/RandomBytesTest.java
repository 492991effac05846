package toyisa.translate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;

/**
 * Any bytes at all — mostly garbage, undefined opcodes, wild jumps — run translated exactly as the
 * Intellio interpreter runs them, and never make the emulator throw.
 */
class RandomBytesTest {
    @Property(tries = 2000, shrinking = ShrinkingMode.OFF)
    void garbageRunsLikeTheInterpreter(@ForAll @Size(min = 1, max = 96) byte[] program) {
        SameRun.assertSameAsInterpreter(program, 2000, "1\n", 100);
    }
}
