package toyisa.armistice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import toyisa.isa.Instruction;

/**
 * Coverage-guided fuzzing of the Armistice decoder: any bytes at any address decode to an
 * instruction of 1..maxLength bytes or to "illegal", never an exception; a legal instruction's
 * disassembly reassembles to an instruction of the same length that disassembles the same (bits
 * the table leaves free, such as the unused bytes of a fixed-length nop, may differ). In {@code mvn verify} this replays the committed
 * inputs; {@code scripts/fuzz} runs it in fuzzing mode.
 */
class ArmisticeDecoderFuzzTest {
    @FuzzTest(maxDuration = "30m", maxExecutions = 2_000_000)
    void anyBytesAtAnyAddressDecodeAndRoundTrip(FuzzedDataProvider data) {
        int pc = data.consumeInt(0, 0xFFFF);
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] mem = new byte[0x10000];
        for (int i = 0; i < bytes.length && i < 16; i++) mem[(pc + i) & 0xFFFF] = bytes[i];
        Instruction insn = Armistice.ISA.decode(mem, pc);
        assertTrue(insn.length() >= 1 && insn.length() <= Armistice.TABLE.maxLength(), "length " + insn.length());
        if (insn.isIllegal()) return;
        String text = Armistice.ISA.disassemble(insn);
        byte[] again;
        try {
            again = Armistice.ISA.assembleLine(text, pc);
        } catch (toyisa.isa.EncodingException e) {
            throw new AssertionError("'" + text + "' at " + pc + " does not reassemble: " + e.getMessage(), e);
        }
        byte[] mem2 = new byte[0x10000];
        for (int i = 0; i < again.length; i++) mem2[(pc + i) & 0xFFFF] = again[i];
        Instruction back = Armistice.ISA.decode(mem2, pc);
        assertEquals(insn.length(), back.length(), text);
        assertEquals(text, Armistice.ISA.disassemble(back));
    }
}
