package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import toyisa.armistice.Armistice;
import toyisa.isa.Instruction;

/**
 * The translator emits real Armistice instructions: every host instruction it makes for random
 * guest code decodes to a defined Armistice form, and its disassembly assembles back to the same bytes.
 */
class HostCodeIsArmisticeTest {
    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void everyHostInstructionRoundTrips(@ForAll long seed) throws Exception {
        byte[] program = RandomPrograms.generate(seed);
        byte[] memory = new byte[0x10000];
        System.arraycopy(program, 0, memory, 0x100, program.length);
        CodeCache cache = new CodeCache();
        // Translate a block at every guest instruction boundary the program has, as the dispatcher would meet them.
        int pc = 0x100;
        while (pc < 0x100 + program.length) {
            GuestBlock block = GuestBlock.decode(memory, pc, GuestBlock.MAX_INSTRUCTIONS);
            Translation t = cache.add(block);
            for (int k = 0; k < t.hostLength(); k++) {
                int at = t.address(k);
                Instruction insn = Armistice.TABLE.decode(cache.memory, at);
                assertFalse(insn.isIllegal(), "seed " + seed + ": illegal host instruction at " + at);
                String text = Armistice.TABLE.disassemble(insn);
                assertArrayEquals(insn.bytes(), Armistice.ISA.assembleLine(text, at), "seed " + seed + ": " + text);
            }
            pc = block.size() > 0 ? block.instructions.get(0).next() : pc + 1;
        }
    }
}
