package toyisa.intellio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import toyisa.isa.EncodingException;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;

/** The ★ fixed points of isa.md for Intellio, byte for byte. */
class IntellioFixedPointsTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    private static byte[] asm(String line) throws EncodingException {
        return Intellio.ISA.assembleLine(line, 0x100);
    }

    @Test
    void movAIs20_10() throws EncodingException {
        assertArrayEquals(bytes(0x20, 0x10), asm("mov a, 10h"));
    }

    @Test
    void movCIs22_2A() throws EncodingException {
        assertArrayEquals(bytes(0x22, 0x2A), asm("mov c, 42"));
    }

    @Test
    void intIsCD() throws EncodingException {
        assertArrayEquals(bytes(0xCD, 0x13), asm("int 13h"));
    }

    @Test
    void printFortyTwo() throws EncodingException {
        byte[] p = new byte[7];
        int at = 0;
        for (String line : List.of("mov a, 10h", "mov c, 42", "int 13h", "hlt")) {
            byte[] b = asm(line);
            System.arraycopy(b, 0, p, at, b.length);
            at += b.length;
        }
        assertArrayEquals(bytes(0x20, 0x10, 0x22, 0x2A, 0xCD, 0x13, 0xF4), p);
    }

    @Test
    void noPortIo() {
        EncodingException e = assertThrows(EncodingException.class, () -> asm("out 1234h, 42"));
        assertTrue(e.getMessage().contains("no instruction 'out'"), e.getMessage());
    }

    @Test
    void constantsAreLittleEndianAndJumpsRelative() throws EncodingException {
        assertArrayEquals(bytes(0x2A, 0xCD, 0xAB), asm("mov c, 0ABCDh"));
        assertArrayEquals(bytes(0xEB, 0x0E), asm("jmp 0110h"), "short: 0110h - 0102h");
        assertArrayEquals(bytes(0xE9, 0xFD, 0x01), asm("jmp 0300h"), "long when short does not reach");
    }

    /** isa.md section 4: Armistice's Print(42) on Intellio — seven wrong instructions, then death. */
    @Test
    void armisticePrintFortyTwoAsIntellioSeesIt() {
        byte[] mem = new byte[0x10000];
        byte[] armistice = bytes(0x36, 0x01, 0x00, 0x10, 0x36, 0x03, 0x00, 0x2A, 0x0C, 0x13, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x00);
        System.arraycopy(armistice, 0, mem, 0x100, armistice.length);
        assertEquals(List.of(
                "0100h  36        not fp",
                "0101h  01 00     add a, a",
                "0103h  10        shl a, 1",
                "0104h  36        not fp",
                "0105h  03 00     and a, a",
                "0107h  2A 0C 13  mov c, 130Ch",
                "010Ah  00 00     mov a, a",
                "010Ch  0F 00     (illegal)"), walk(mem, 0x100));
    }

    static List<String> walk(byte[] mem, int pc) {
        List<String> out = new ArrayList<>();
        while (true) {
            Instruction insn = Intellio.TABLE.decode(mem, pc);
            out.add(String.format("%s  %-8s  %s", Hex.addr(pc), Hex.bytes(insn.bytes()), Intellio.ISA.disassemble(insn)));
            if (insn.isIllegal()) return out;
            pc = insn.next();
        }
    }
}
