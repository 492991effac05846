package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toyisa.armistice.Armistice;
import toyisa.intellio.Intellio;
import toyisa.isa.Hex;

/** The seed's fixed points (isa.md section 4): the same source, two CPUs, exactly these bytes. */
class Print42Test {
    static final String PRINT42 = "mov a, 10h\nmov c, 42\nint 13h\nhalt\n";

    @Test
    void print42OnIntellio() {
        Assembly a = Assembler.assemble("print42.pasm", PRINT42, Intellio.ISA);
        assertTrue(a.ok(), a.formatDiagnostics());
        assertEquals("20 10 22 2A CD 13 F4", Hex.bytes(a.binary()));
        assertEquals(0x0100, a.origin());
    }

    @Test
    void print42OnArmistice() {
        Assembly a = Assembler.assemble("print42.pasm", PRINT42, Armistice.ISA);
        assertTrue(a.ok(), a.formatDiagnostics());
        assertEquals("36 01 00 10 36 03 00 2A 0C 13 00 00 0F 00 00 00", Hex.bytes(a.binary()));
    }

    @Test
    void outOnArmistice() {
        Assembly a = Assembler.assemble("out.pasm", "out 1234h, 42\n", Armistice.ISA);
        assertTrue(a.ok(), a.formatDiagnostics());
        assertEquals("0D 12 34 2A", Hex.bytes(a.binary()));
    }

    @Test
    void outOnIntellioIsAnErrorThatPointsToTheHal() {
        Assembly a = Assembler.assemble("out.pasm", "out 1234h, 42\n", Intellio.ISA);
        assertFalse(a.ok());
        assertEquals("out.pasm:1:1: error: Intellio has no port I/O\n"
                + "    out 1234h, 42\n"
                + "    ^\n"
                + "  hint: use the HAL: mov a,10h / mov c,… / int 13h\n", a.formatDiagnostics());
        assertEquals(0, a.binary().length);
    }
}
