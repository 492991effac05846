package toyisa.armistice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import toyisa.isa.EncodingException;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;

/** The ★ fixed points of isa.md for Armistice, byte for byte. */
class ArmisticeFixedPointsTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    private static byte[] asm(String line) throws EncodingException {
        return Armistice.ISA.assembleLine(line, 0x100);
    }

    @Test
    void movAIs36_01_00_10() throws EncodingException {
        assertArrayEquals(bytes(0x36, 0x01, 0x00, 0x10), asm("mov a, 10h"));
        assertEquals("mov.reg.imm", Armistice.TABLE.decode(asm("mov a, 10h"), 0).row().form());
    }

    @Test
    void opcode20IsAndImmRegWithConstantThenRegister() throws EncodingException {
        assertArrayEquals(bytes(0x20, 0x12, 0x34, 0x05), asm("and e, 1234h"));
        assertEquals("and.imm.reg", Armistice.TABLE.row("and.imm.reg").form());
        assertEquals(0x20, Armistice.TABLE.row("and.imm.reg").opcode());
    }

    @Test
    void outToThePortDevice() throws EncodingException {
        assertArrayEquals(bytes(0x0D, 0x12, 0x34, 0x2A), asm("out 1234h, 42"));
    }

    @Test
    void everyInstructionIsFourBytesAndConstantsAreBigEndian() throws EncodingException {
        assertTrue(Armistice.TABLE.rows().stream().allMatch(r -> r.length() == 4));
        assertArrayEquals(bytes(0x36, 0x03, 0xAB, 0xCD), asm("mov c, 0ABCDh"));
    }

    @Test
    void printFortyTwo() throws EncodingException {
        byte[] program = concat(asm("mov a, 10h"), asm("mov c, 42"), asm("int 13h"), asm("halt"));
        assertArrayEquals(bytes(0x36, 0x01, 0x00, 0x10, 0x36, 0x03, 0x00, 0x2A, 0x0C, 0x13, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x00), program);
    }

    /** isa.md section 4: Intellio's Print(42) on Armistice — one wrong instruction, then garbage. */
    @Test
    void intellioPrintFortyTwoAsArmisticeSeesIt() {
        byte[] mem = new byte[0x10000];
        System.arraycopy(bytes(0x20, 0x10, 0x22, 0x2A, 0xCD, 0x13, 0xF4), 0, mem, 0x100, 7);
        assertEquals(List.of(
                "0100h  20 10 22 2A  and r10, 1022h",
                "0104h  CD 13 F4 00  (illegal)"), walk(mem, 0x100));
        Instruction first = Armistice.TABLE.decode(mem, 0x100);
        assertEquals("and.imm.reg", first.row().form());
        assertEquals(0x1022, first.imm(), "it ate the first byte of the next instruction as its constant");
        assertEquals(10, first.rd(), "42 = 2Ah as a register byte: low nibble, r10");
    }

    @Test
    void registerBytesUseTheirLowNibbleAndPaddingIsIgnored() {
        byte[] mem = new byte[0x10000];
        System.arraycopy(bytes(0x1D, 0xF1, 0x72, 0x99), 0, mem, 0x100, 4);
        assertEquals("mov a, b", Armistice.ISA.disassemble(Armistice.TABLE.decode(mem, 0x100)));
    }

    @Test
    void zeroFilledMemoryIsIllegal() {
        assertTrue(Armistice.TABLE.decode(new byte[16], 0).isIllegal());
    }

    static List<String> walk(byte[] mem, int pc) {
        List<String> out = new ArrayList<>();
        while (true) {
            Instruction insn = Armistice.TABLE.decode(mem, pc);
            out.add(String.format("%s  %s  %s", Hex.addr(pc), Hex.bytes(insn.bytes()), Armistice.ISA.disassemble(insn)));
            if (insn.isIllegal()) return out;
            pc = insn.next();
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
