package toyisa.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * What every CPU's decoder fuzz target checks: any bytes at any address decode to an instruction
 * of 1..maxLength bytes or to "illegal", never an exception; a legal instruction's disassembly
 * reassembles to an instruction of the same length that disassembles the same (bits the table
 * leaves free, such as the unused bytes of a fixed-length nop, may differ).
 */
public final class DecoderFuzzing {
    private DecoderFuzzing() {}

    public static void decodeAndRoundTrip(Isa isa, FuzzedDataProvider data) {
        int pc = data.consumeInt(0, 0xFFFF);
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] mem = new byte[0x10000];
        for (int i = 0; i < bytes.length && i < 16; i++) mem[(pc + i) & 0xFFFF] = bytes[i];
        Instruction insn = isa.decode(mem, pc);
        assertTrue(insn.length() >= 1 && insn.length() <= isa.table().maxLength(), "length " + insn.length());
        if (insn.isIllegal()) return;
        String text = isa.disassemble(insn);
        byte[] again;
        try {
            again = isa.assembleLine(text, pc);
        } catch (EncodingException e) {
            throw new AssertionError("'" + text + "' at " + pc + " does not reassemble: " + e.getMessage(), e);
        }
        byte[] mem2 = new byte[0x10000];
        for (int i = 0; i < again.length; i++) mem2[(pc + i) & 0xFFFF] = again[i];
        Instruction back = isa.decode(mem2, pc);
        assertEquals(insn.length(), back.length(), text);
        assertEquals(text, isa.disassemble(back));
    }
}
