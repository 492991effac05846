package toyisa.vm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import toyisa.armistice.Armistice;
import toyisa.armistice.ArmisticeOp;
import toyisa.isa.EncodingException;
import toyisa.isa.Operand;
import toyisa.isa.Row;
import toyisa.isa.Template;

/**
 * Random Armistice programs that loop: every form of the table with operands drawn to make loops,
 * fused compares, calls, memory traffic (mostly to a data area, sometimes misaligned or into the
 * null page), divides by zero, prints and HAL calls — and, when asked, stores into the program's own
 * code. The same seed gives the same program.
 */
final class RandomArmistice {
    static final int DATA = 0x2000;
    private static final int[] VALUES = {0, 1, 2, 3, 7, 8, 15, 16, 0x7F, 0xFF, 0x100, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 0x1234};
    private static final List<Row> FORMS = new ArrayList<>();

    static {
        for (Row r : Armistice.TABLE.rows()) FORMS.add(r);
    }

    private RandomArmistice() {}

    static byte[] generate(long seed, boolean selfModifying) {
        Random rnd = new Random(seed);
        int n = 4 + rnd.nextInt(40);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = Machine.LOAD_ADDRESS;
        // Registers start with values worth computing on; a counter in r6 makes a loop that ends.
        for (int k = 1; k <= 6; k++) at = emit(out, at, Armistice.TABLE.row("mov.reg.imm"), Operand.reg(k), Operand.num(value(rnd)));
        at = emit(out, at, Armistice.TABLE.row("mov.reg.imm"), Operand.reg(6), Operand.num(1 + rnd.nextInt(40)));
        int body = at;
        int end = body + 4 * (n + 3);
        for (int i = 0; i < n; i++) {
            Row row = FORMS.get(rnd.nextInt(FORMS.size()));
            if (row.op() == ArmisticeOp.HALT && rnd.nextInt(4) != 0) row = Armistice.TABLE.row("nop");
            List<Operand> ops = new ArrayList<>();
            for (Template t : row.templates()) ops.add(operand(rnd, t, row, body, end, selfModifying));
            at = emit(out, at, row, ops.toArray(new Operand[0]));
        }
        // The loop: count r6 down and go round again.
        at = emit(out, at, Armistice.TABLE.row("sub.imm.reg"), Operand.reg(6), Operand.num(1));
        at = emit(out, at, Armistice.TABLE.row("cmp.imm.reg"), Operand.reg(6), Operand.num(0));
        at = emit(out, at, Armistice.TABLE.row("jnz"), Operand.num(body));
        emit(out, at, Armistice.TABLE.row("halt"));
        return out.toByteArray();
    }

    private static int value(Random rnd) {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(0x10000) : VALUES[rnd.nextInt(VALUES.length)];
    }

    private static Operand operand(Random rnd, Template t, Row row, int body, int end, boolean selfModifying) {
        if (t instanceof Template.Reg) {
            int r = rnd.nextInt(10);
            return Operand.reg(r < 7 ? r : r == 7 ? 15 : rnd.nextInt(16));
        }
        if (t instanceof Template.Value v) {
            switch (v.role()) {
                case "target": return Operand.num(body + 4 * rnd.nextInt((end - body) / 4));
                case "port": return Operand.num(rnd.nextInt(4) == 0 ? rnd.nextInt(0x10000) : 0x1234);
                case "vec": return Operand.num(rnd.nextInt(4) == 0 ? rnd.nextInt(0x100) : 0x13);
                default: return Operand.num(row.op() == ArmisticeOp.OUT ? rnd.nextInt(0x100) : value(rnd));
            }
        }
        if (t instanceof Template.Mem) {
            int pick = rnd.nextInt(16);
            if (selfModifying && pick < 3) return Operand.mem(0, body + 2 * rnd.nextInt((end - body) / 2)); // into the code
            if (pick < 12) return Operand.mem(0, DATA + 2 * rnd.nextInt(64));
            return Operand.mem(rnd.nextInt(16), value(rnd));
        }
        throw new IllegalStateException("no operand for " + t + " in " + row.form());
    }

    private static int emit(ByteArrayOutputStream out, int at, Row row, Operand... ops) {
        try {
            out.writeBytes(Armistice.TABLE.encode(row, List.of(ops), at));
        } catch (EncodingException e) {
            out.writeBytes(new byte[] {0x01, 0, 0, 0}); // a value the form cannot hold: a nop instead
        }
        return at + 4;
    }
}
