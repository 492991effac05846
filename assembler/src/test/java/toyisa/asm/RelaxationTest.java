package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toyisa.armistice.Armistice;
import toyisa.intellio.Intellio;
import toyisa.isa.Hex;
import toyisa.isa.Isa;

/** Intellio jump relaxation: short where it fits, long where not, to a fixed point; sizes only grow. */
class RelaxationTest {
    private static Assembly asm(String src, Isa isa) {
        Assembly a = Assembler.assemble("r.pasm", src, isa);
        assertTrue(a.ok(), a.formatDiagnostics());
        return a;
    }

    private static String bytesAt(Assembly a, int address, int n) {
        byte[] b = a.binary();
        int off = address - a.origin();
        return Hex.bytes(java.util.Arrays.copyOfRange(b, off, off + n));
    }

    @Test
    void forwardJumpOf127IsShortAnd128IsLong() {
        assertEquals("EB 7F", bytesAt(asm("jmp t\n.space 127\nt: halt\n", Intellio.ISA), 0x100, 2));
        assertEquals("E9 80 00", bytesAt(asm("jmp t\n.space 128\nt: halt\n", Intellio.ISA), 0x100, 3));
        assertEquals("74 7F", bytesAt(asm("jz t\n.space 127\nt: halt\n", Intellio.ISA), 0x100, 2));
        assertEquals("0F 84 80 00", bytesAt(asm("jz t\n.space 128\nt: halt\n", Intellio.ISA), 0x100, 4));
    }

    @Test
    void backwardJumpOfMinus128IsShortAndMinus129IsLong() {
        // The jump is at t + 126: short, it ends at t + 128, so the distance is exactly -128.
        Assembly a = asm("t: .space 126\njmp t\n", Intellio.ISA);
        assertEquals("EB 80", bytesAt(a, 0x100 + 126, 2));
        // One byte further it cannot be short; the long jump is 3 bytes, so -130.
        Assembly b = asm("t: .space 127\njmp t\n", Intellio.ISA);
        assertEquals("E9 7E FF", bytesAt(b, 0x100 + 127, 3));
        Assembly c = asm("t: .space 126\njnz t\n", Intellio.ISA);
        assertEquals("75 80", bytesAt(c, 0x100 + 126, 2));
        Assembly d = asm("t: .space 127\njnz t\n", Intellio.ISA);
        assertEquals("0F 85 7D FF", bytesAt(d, 0x100 + 127, 4));
    }

    @Test
    void chainOfJumpsThatGrowEachOther() {
        // j3 is far from l3 and grows; that pushes l2 out of j2's reach, and j2's growth pushes l1
        // out of j1's. Each is decided in a later pass than the one before.
        String src = """
                j1: jz l1
                    .space 125
                j2: jz l2
                l1: nop
                    .space 124
                j3: jz l3
                l2: nop
                    .space 200
                l3: halt
                """;
        Assembly asm = asm(src, Intellio.ISA);
        for (String j : new String[] {"j1", "j2", "j3"}) {
            int at = asm.symbols().get(j);
            assertEquals("0F 84", bytesAt(asm, at, 2), j + " is long");
        }
        int a = asm.symbols().get("j1"), l1 = asm.symbols().get("l1");
        int rel = (asm.binary()[a - 0x100 + 2] & 0xFF) | (asm.binary()[a - 0x100 + 3] & 0xFF) << 8;
        assertEquals(l1 - (a + 4), rel);
        Layout layout = new Layout(Intellio.ISA, 0x100, new Front(Intellio.ISA, null).run("r.pasm", src));
        layout.run();
        assertTrue(layout.passes() >= 4, "took " + layout.passes() + " passes");
    }

    @Test
    void forwardConstantsAreSizedLikeJumps() {
        // A forward .equ that fits a byte: mov.i8. A forward label (an address): mov.i16.
        assertEquals("20 05", bytesAt(asm("mov a, K\nhalt\n.equ K, 5\n", Intellio.ISA), 0x100, 2));
        assertEquals("28 03 01", bytesAt(asm("mov a, m\nm: halt\n", Intellio.ISA), 0x100, 3));
        assertEquals("80 00 05", bytesAt(asm("add a, K\n.equ K, 5\n", Intellio.ISA), 0x100, 3));
    }

    @Test
    void armisticeTargetsAreAbsolute() {
        Assembly a = asm("jmp t\n.space 1000\nt: jz t\n", Armistice.ISA);
        assertEquals("50 00 04 EC", bytesAt(a, 0x100, 4));
        assertEquals("51 00 04 EC", bytesAt(a, 0x4EC, 4));
    }

    @Test
    void selfReferencesAndDollarSettle() {
        assertEquals("EB FE", bytesAt(asm("t: jmp t\n", Intellio.ISA), 0x100, 2));
        assertEquals("EB FE", bytesAt(asm("jmp $\n", Intellio.ISA), 0x100, 2));
    }
}
