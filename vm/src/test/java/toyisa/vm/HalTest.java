package toyisa.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The HAL's read-number service (21h), alone: what a line of input becomes. */
class HalTest {
    private static int read(String input) {
        return Hal.readNumber(new GuestInput(input.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aLineOfDigitsIsItsNumberAndAnythingElseIsFFFFh() {
        assertEquals(42, read("42\n"));
        assertEquals(7, read("  7  \n"));
        assertEquals(65535, read("65535\n"));
        assertEquals(0xFFFF, read("65536\n"));
        assertEquals(0xFFFF, read("-1\n"));
        assertEquals(0xFFFF, read("4x\n"));
        assertEquals(0xFFFF, read("\n"));
        assertEquals(0xFFFF, read(""));
        assertEquals(12, read("12"));
    }

    @Test
    void aLineLongerThanTheBoundIsMalformedAndReadOnlyToTheBound() {
        GuestInput in = new GuestInput(("1".repeat(Machine.MAX_NUMBER_LINE + 10) + "\n5\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(0xFFFF, Hal.readNumber(in));
        // The rest of the long line is what the next read sees: the bound is per read.
        assertEquals(0xFFFF, Hal.readNumber(in));
        assertEquals(5, Hal.readNumber(in));
    }
}
