package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import toyisa.armistice.Armistice;
import toyisa.armistice.ArmisticeOp;
import toyisa.isa.Condition;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;

/**
 * The host code that tests a guest condition on the flags kept in r11 ({@code branchCanon}) is
 * derived from Intellio's table; here it runs on the Armistice interpreter in all 16 flag states
 * and must jump exactly when the table's condition holds.
 */
class CanonConditionsTest {
    private static final int BASE = Machine.LOAD_ADDRESS;

    /** Host code: the test of {@code cc} on r11, then halt (not taken) and halt (taken). */
    private static byte[] branchOnCanonFlags(int cc) {
        byte[] guest = new byte[0x10000];
        guest[BASE] = (byte) 0xF4; // any one instruction makes a block to emit for
        HostEmitter e = new HostEmitter(GuestBlock.decode(guest, BASE, 1), BASE) {};
        e.flags = LazyFlags.CANON_FLAGS;
        e.siteFlags = e.flags;
        HostCode.Label taken = new HostCode.Label();
        e.branchCanon(cc, taken);
        e.emit(ArmisticeOp.HALT);
        e.bind(taken);
        e.emit(ArmisticeOp.HALT);
        return e.code.encode(BASE, new Site[e.code.size()]);
    }

    @Test
    void everyGuestConditionOnR11JumpsExactlyWhenTheTableSays() {
        int checked = 0;
        for (int cc = 0; cc < 16; cc++) {
            if (!GuestConditions.exists(cc)) continue;
            Condition c = GuestConditions.of(cc);
            byte[] code = branchOnCanonFlags(cc);
            int afterTakenHalt = BASE + code.length; // a halt leaves the PC after itself
            for (int state = 0; state < 16; state++) {
                Machine m = Machine.create(Armistice.ISA);
                m.loadRaw(code);
                m.setRegister(HostEmitter.FLAGS, state);
                assertEquals(Outcome.HALT, m.run().outcome());
                assertEquals(c.holds(state), m.pc() == afterTakenHalt, "condition " + cc + " (" + c + ") in flag state " + Integer.toBinaryString(state));
                checked++;
            }
        }
        assertEquals(14 * 16, checked);
    }

    @Test
    void aFlagIsComputedIntoR11ByTheJumpTakenWhenItIsClear() {
        for (int flag : new int[] {LazyFlags.Z, LazyFlags.S, LazyFlags.C, LazyFlags.O}) {
            Condition c = GuestConditions.of(GuestConditions.whenClear(flag));
            for (int state = 0; state < 16; state++) assertEquals((state & flag) == 0, c.holds(state));
        }
    }
}
