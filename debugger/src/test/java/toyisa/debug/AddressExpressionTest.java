package toyisa.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expressions as print, break ... if, x and set read them, on a context of two registers, two labels and a little memory. */
class AddressExpressionTest {
    /** pc 0104h; a = 1, c = 3, sp = FFF0h; labels fact = 0120h, msg = 0140h; the word at FFF0h is 0134h, at 0140h 4865h. */
    private static final AddressExpression.Context CTX = new AddressExpression.Context() {
        final Map<String, Integer> regs = Map.of("a", 1, "c", 3, "sp", 0xFFF0);
        final Map<String, Integer> labels = Map.of("fact", 0x120, "msg", 0x140);

        @Override public int pc() { return 0x104; }
        @Override public Integer register(String name) { return regs.get(name); }
        @Override public Integer label(String name) { return labels.get(name); }
        @Override public int word(int address) { return address == 0xFFF0 ? 0x134 : address == 0x140 ? 0x4865 : 0; }
        @Override public boolean hasLabels() { return true; }
        @Override public Integer history(int n) { return n == 1 ? 42 : null; }
    };

    private static int eval(String text) {
        return AddressExpression.evaluate(text, CTX);
    }

    private static String error(String text) {
        return assertThrows(UserError.class, () -> eval(text)).getMessage();
    }

    @Test
    void numbersAreWrittenAsInTheAssembler() {
        assertEquals(0x104, eval("0104h"));
        assertEquals(0x104, eval("0x104"));
        assertEquals(260, eval("260"));
        assertEquals(5, eval("0b101"));
        assertEquals(65, eval("'A'"));
    }

    @Test
    void namesAreRegistersLabelsAndThePc() {
        assertEquals(3, eval("c"));
        assertEquals(3, eval("$c"));
        assertEquals(0x120, eval("fact"));
        assertEquals(0x104, eval("pc"));
        assertEquals(0x104, eval("$"));
        assertEquals(0x104, eval("$pc"));
        assertEquals(42, eval("$1"));
    }

    @Test
    void sumsOfAddressesStillReadAsBefore() {
        assertEquals(0xFFF2, eval("sp+2"));
        assertEquals(0xFFF2, eval("sp + 2"));
        assertEquals(0x124, eval("fact+4"));
        assertEquals(0x11C, eval("fact-4"));
    }

    @Test
    void arithmeticHasTheUsualPrecedenceOn16BitWords() {
        assertEquals(7, eval("1 + 2 * 3"));
        assertEquals(9, eval("(1 + 2) * 3"));
        assertEquals(1, eval("7 % 3"));
        assertEquals(0xFFFF, eval("0 - 1"));
        assertEquals(0xFFFF, eval("-1"));
        assertEquals(0xFF00, eval("~0FFh"));
        assertEquals(0x0F, eval("0FFh & 0Fh"));
        assertEquals(0xF0F, eval("0F00h | 0Fh"));
    }

    @Test
    void bracketsAndStarReadTheWordAtAnAddress() {
        assertEquals(0x134, eval("[sp]"));
        assertEquals(0x134, eval("*sp"));
        assertEquals(0x4865, eval("[msg]"));
        assertEquals(0x135, eval("[sp] + 1"));
        assertEquals(0x268, eval("[sp] * 2"));
    }

    @Test
    void conditionsCompareAndCombine() {
        assertEquals(1, eval("a == 1"));
        assertEquals(0, eval("a == 2"));
        assertEquals(1, eval("c > a && a != 0"));
        assertEquals(1, eval("c < a || [sp] == 0134h"));
        assertEquals(1, eval("!0"));
        assertEquals(1, eval("c >= 3"));
        assertEquals(0, eval("c <= 2"));
    }

    @Test
    void mistakesSayWhatIsWrong() {
        assertEquals("missing address", error(" "));
        assertEquals("no label or register 'nowhere'", error("nowhere"));
        assertEquals("'12xyz' is not a number (write 0104h, 0x104 or 260)", error("12xyz"));
        assertEquals("cannot read the address 'a +'", error("a +"));
        assertEquals("cannot read the address 'a b'", error("a b"));
        assertTrue(error("(a").startsWith("missing ')'"));
        assertTrue(error("1 / 0").startsWith("division by zero"));
        assertTrue(error("$7").startsWith("no value $7"));
        assertEquals("no register $q", error("$q"));
    }

    @Test
    void aLocationDoesNotReadRegisters() {
        AddressExpression.Context noRegs = AddressExpression.withoutRegisters(CTX);
        assertEquals(0x120, AddressExpression.evaluate("fact", noRegs));
        assertThrows(UserError.class, () -> AddressExpression.evaluate("sp", noRegs));
    }
}
