package toyisa.intellio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import toyisa.isa.Row;

/**
 * {@link IntellioOp#conditionCode()} is a hand copy kept for the cores' speed: it must be the
 * condition nibble of the table's encodings ({@code 7c rel8}, {@code 0F 8c rel16}), and an op has
 * one exactly when the table gives it a condition.
 */
class ConditionCodeTest {
    @Test
    void theConditionCodeOfEachJumpIsTheNibbleOfItsEncoding() {
        int jumps = 0;
        for (Row r : Intellio.TABLE.rows()) {
            IntellioOp op = (IntellioOp) r.op();
            assertEquals(r.condition() != null, op.conditionCode() >= 0, r.form());
            if (r.condition() == null) continue;
            int nibble = r.value()[0] == 0x0F ? r.value()[1] & 0x0F : r.value()[0] & 0x0F;
            int prefix = r.value()[0] == 0x0F ? r.value()[1] & 0xF0 : r.value()[0] & 0xF0;
            assertEquals(r.value()[0] == 0x0F ? 0x80 : 0x70, prefix, r.form());
            assertEquals(nibble, op.conditionCode(), r.form());
            jumps++;
        }
        assertEquals(28, jumps);
    }
}
