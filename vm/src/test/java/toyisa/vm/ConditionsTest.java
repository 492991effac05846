package toyisa.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import toyisa.isa.EncodingException;
import toyisa.isa.Isa;
import toyisa.isa.Row;

/**
 * The interpreters keep their own copies of the conditions, for speed: a jump on the flags, and a
 * compare fused with the jump after it that decides from the two values without flags at all.
 * Both are tied here to the tables' {@code cond} lines: every conditional jump of each CPU, in
 * every state of the flags, and after compares of values around every boundary.
 */
class ConditionsTest {
    private static final int ORIGIN = 0x100;
    private static final int[] VALUES = {0, 1, 2, 0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 0x1234};

    /** {@code prefix; jcc taken; mov c, 1; halt; taken: mov c, 2; halt}, in native syntax. */
    private static byte[] program(Isa cpu, List<String> prefix, String jump) throws EncodingException {
        String halt = cpu.name().equals("Intellio") ? "hlt" : "halt";
        List<String> lines = new ArrayList<>(prefix);
        int jumpAt = lines.size();
        lines.add(jump + " TARGET");
        lines.add("mov c, 1");
        lines.add(halt);
        int target = lines.size();
        lines.add("mov c, 2");
        lines.add(halt);
        int[] at = new int[lines.size() + 1];
        at[0] = ORIGIN;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).replace("TARGET", Integer.toString(pass == 0 ? ORIGIN : at[target]));
                at[i + 1] = at[i] + cpu.assembleLine(l, at[i]).length;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) out.writeBytes(cpu.assembleLine(lines.get(i).replace("TARGET", Integer.toString(at[target])), at[i]));
        assertEquals(jumpAt, prefix.size());
        return out.toByteArray();
    }

    private static boolean taken(Machine m) {
        assertEquals(Outcome.HALT, m.run().outcome());
        return m.register(m.isa().registers().code("c")) == 2;
    }

    private static List<Row> jumps(Isa cpu) {
        List<Row> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Row r : cpu.table().rows()) if (r.condition() != null && !seen.contains(r.mnemonic())) {
            seen.add(r.mnemonic());
            out.add(r);
        }
        return out;
    }

    @Test
    void aJumpOnTheFlagsIsTakenExactlyWhenTheTableSays() throws EncodingException {
        for (Isa cpu : Isa.all()) {
            int states = 1 << cpu.table().flags().length();
            for (Row j : jumps(cpu)) {
                byte[] code = program(cpu, List.of(), j.mnemonic());
                for (int s = 0; s < states; s++) {
                    Machine m = Machine.create(cpu);
                    m.loadRaw(code);
                    m.setFlags(s);
                    assertEquals(j.condition().holds(s), taken(m), cpu.name() + " " + j.mnemonic() + " with flags "
                            + Integer.toBinaryString(s) + " (" + cpu.table().flags() + ")");
                }
            }
        }
    }

    @Test
    void aCompareFusedWithItsJumpDecidesAsTheFlagsOfTheCompareWould() throws EncodingException {
        for (Isa cpu : Isa.all()) {
            String compare = cpu.name().equals("Intellio") ? "test" : "tst";
            for (Row j : jumps(cpu)) {
                for (String op : List.of("cmp", compare)) {
                    byte[] code = program(cpu, List.of(op + " a, b"), j.mnemonic());
                    for (int a : VALUES) {
                        for (int b : VALUES) {
                            Machine m = Machine.create(cpu);
                            m.loadRaw(code);
                            m.setRegister(cpu.registers().code("a"), a);
                            m.setRegister(cpu.registers().code("b"), b);
                            boolean taken = taken(m);
                            // The flags the compare left, worked out from the lazy record once the run is over.
                            assertEquals(j.condition().holds(m.flags()), taken,
                                    cpu.name() + " " + op + " " + a + ", " + b + "; " + j.mnemonic());
                        }
                    }
                }
            }
        }
    }
}
