package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toyisa.armistice.ArmisticeOp;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Condition;
import toyisa.isa.Isa;
import toyisa.isa.Row;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;

/**
 * The translator's host jumps for each guest condition ({@code AFTER_CMP}, {@code AFTER_TST}) are
 * hand copies kept for speed; here they are tied to both tables: after the same compare on both
 * CPUs, the host jump must be taken exactly when the guest's would, by the tables' own conditions
 * over the flags the two interpreters really produce.
 */
class HostConditionsTest {
    private static final Isa INTELLIO = Isa.byName("intellio"), ARMISTICE = Isa.byName("armistice");
    private static final int[] VALUES = {0, 1, 2, 0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 0x1234, 0x00FF};

    /** The flags an interpreter leaves after {@code op a, b} with the two values in registers. */
    private static int flagsAfter(Isa cpu, String op, int a, int b) {
        String end = cpu == INTELLIO ? "hlt" : "halt";
        Assembly asm = Assembler.assemble("t.pasm", "mov a, " + a + "\nmov b, " + b + "\n" + op + " a, b\n" + end + "\n", cpu);
        assertTrue(asm.ok(), asm.formatDiagnostics());
        Machine m = Machine.create(cpu);
        m.loadRaw(asm.binary());
        assertEquals(Outcome.HALT, m.run().outcome());
        return m.flags();
    }

    private static Condition condition(Isa cpu, ArmisticeOp op) {
        for (Row r : cpu.table().rows()) if (r.op() == op && r.condition() != null) return r.condition();
        return null;
    }

    private static boolean hostTaken(ArmisticeOp host, int hostFlags) {
        if (host == Translator.NEVER) return false;
        if (host == Translator.ALWAYS) return true;
        Condition c = condition(ARMISTICE, host);
        assertNotNull(c, "no Armistice jump " + host);
        return c.holds(hostFlags);
    }

    private static void tied(ArmisticeOp[] hostJumps, String guestOp, String hostOp) {
        int checked = 0;
        for (Row g : INTELLIO.table().rows()) {
            if (g.condition() == null || g.length() != 2) continue; // the rel8 form of each condition
            int cc = g.value()[0] & 0x0F;
            ArmisticeOp host = hostJumps[cc];
            assertNotNull(host, g.mnemonic() + " has no host jump");
            for (int a : VALUES) {
                for (int b : VALUES) {
                    boolean guest = g.condition().holds(flagsAfter(INTELLIO, guestOp, a, b));
                    assertEquals(guest, hostTaken(host, flagsAfter(ARMISTICE, hostOp, a, b)),
                            g.mnemonic() + " after " + guestOp + " " + a + ", " + b + " → host " + (host == Translator.NEVER ? "(never)" : host));
                    checked++;
                }
            }
        }
        assertEquals(14 * VALUES.length * VALUES.length, checked);
    }

    @Test
    void afterACompareTheHostJumpIsTakenExactlyWhenTheGuestsWouldBe() {
        tied(Translator.AFTER_CMP, "cmp", "cmp");
    }

    @Test
    void afterATestTheHostJumpIsTakenExactlyWhenTheGuestsWouldBe() {
        tied(Translator.AFTER_TST, "test", "tst");
    }

    @Test
    void theFlagEffectsTheLivenessAnalysisUsesAreTheTablesInLazyFlagsLayout() {
        assertEquals("ZSCO", INTELLIO.table().flags());
        assertEquals(List.of(LazyFlags.Z, LazyFlags.S, LazyFlags.C, LazyFlags.O), List.of(8, 4, 2, 1));
        assertEquals(LazyFlags.Z | LazyFlags.S | LazyFlags.O, INTELLIO.table().forms("inc").get(0).effects().changed());
        assertEquals(LazyFlags.Z | LazyFlags.S | LazyFlags.C, INTELLIO.table().forms("shl").get(0).effects().changed());
    }
}
