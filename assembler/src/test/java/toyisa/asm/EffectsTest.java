package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import toyisa.isa.Isa;

/** The portability classes of the portable instructions, derived from the two tables through the lowerings. */
class EffectsTest {
    @Test
    void eachPortableInstructionHasTheEffectOfWhatItBecomesOnEveryCpu() {
        Map<String, Stmt.Effect> derived = new TreeMap<>();
        for (Isa isa : Isa.all()) {
            for (Lowering.Rule r : Lowering.of(isa).rules()) derived.put(r.mnemonic(), null);
        }
        Map<String, Stmt.Effect> expected = new TreeMap<>();
        for (String m : new String[] {"cmp", "test"}) expected.put(m, Stmt.Effect.COMPARE);
        // Intellio's writes flags, Armistice's do not: a jump after one of them is not portable.
        for (String m : new String[] {"add", "sub", "and", "or", "xor", "shl", "shr", "sar", "neg"}) expected.put(m, Stmt.Effect.ARITHMETIC);
        for (String m : new String[] {"jz", "jnz", "jlt", "jge", "jgt", "jle", "jb", "jae", "ja", "jbe"}) expected.put(m, Stmt.Effect.BRANCH);
        for (String m : new String[] {"jmp", "call", "ret", "halt", "int"}) expected.put(m, Stmt.Effect.BARRIER);
        for (String m : new String[] {"mov", "mul", "divu", "modu", "not", "load", "loadb", "store", "storeb", "push", "pop", "nop", "out"})
            expected.put(m, Stmt.Effect.NONE);
        for (String m : expected.keySet()) derived.put(m, Effects.portable(m));
        assertEquals(expected, derived);
    }
}
