package toyisa.jit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import toyisa.isa.EncodingException;
import toyisa.isa.Isa;
import toyisa.isa.IsaTable;
import toyisa.isa.Operand;
import toyisa.isa.Row;
import toyisa.isa.Template;
import toyisa.vm.Machine;
import toyisa.vm.Machine;

/**
 * Random programs that loop, for either CPU: every form of its table with operands drawn to make
 * loops, fused compares, calls, memory traffic (mostly to a data area, sometimes misaligned or into
 * the null page), divides by zero and HAL calls — and, when asked, stores into the program's own
 * code. Targets are instruction starts. The same seed gives the same program. The jit's
 * differential tests run them, on the JVM and in the page's build (under node).
 */
public final class RandomCode {
    static final int DATA = 0x2000;
    private static final int[] VALUES = {0, 1, 2, 3, 7, 8, 15, 16, 0x7F, 0xFF, 0x100, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 0x1234};

    private RandomCode() {}

    /** Forms of the loop around the random body, by CPU: set, count down, compare, jump back, stop. */
    private static String[] scaffold(Isa isa) {
        return isa.name().equals("Armistice")
                ? new String[] {"mov.reg.imm", "sub.imm.reg", "cmp.imm.reg", "jnz", "halt", "nop"}
                : new String[] {"mov.i16", "sub.i16", "cmp.i16", "jnz.rel16", "hlt", "nop"};
    }

    public static byte[] generate(Isa isa, long seed, boolean selfModifying) {
        IsaTable t = isa.table();
        String[] f = scaffold(isa);
        Random rnd = new Random(seed);
        int registers = isa.registers().count();
        int counter = registers - 2; // not the stack pointer
        // Pass 1: the rows, so every instruction's address is known before any target is drawn.
        List<Row> rows = new ArrayList<>();
        for (int k = 1; k < counter; k++) rows.add(t.row(f[0]));
        rows.add(t.row(f[0]));
        int bodyIndex = rows.size();
        int n = 4 + rnd.nextInt(40);
        List<Row> all = t.rows();
        for (int i = 0; i < n; i++) {
            Row row = all.get(rnd.nextInt(all.size()));
            if (row.form().equals(f[4]) && rnd.nextInt(4) != 0) row = t.row(f[5]);
            rows.add(row);
        }
        rows.add(t.row(f[1]));
        rows.add(t.row(f[2]));
        rows.add(t.row(f[3]));
        rows.add(t.row(f[4]));
        int[] address = new int[rows.size() + 1];
        address[0] = Machine.LOAD_ADDRESS;
        for (int i = 0; i < rows.size(); i++) address[i + 1] = address[i] + rows.get(i).length();
        int body = address[bodyIndex], end = address[rows.size()];
        // Pass 2: operands and bytes.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            List<Operand> ops = new ArrayList<>();
            if (i < bodyIndex - 1) {
                ops.add(Operand.reg(i + 1));
                ops.add(Operand.num(value(rnd)));
            } else if (i == bodyIndex - 1) {
                ops.add(Operand.reg(counter));
                ops.add(Operand.num(1 + rnd.nextInt(40)));
            } else if (i >= rows.size() - 4) {
                if (row.form().equals(f[1]) || row.form().equals(f[2])) {
                    ops.add(Operand.reg(counter));
                    ops.add(Operand.num(row.form().equals(f[1]) ? 1 : 0));
                } else if (row.form().equals(f[3])) {
                    ops.add(Operand.num(body));
                }
            } else {
                for (Template tp : row.templates()) ops.add(operand(rnd, tp, row, registers, address, bodyIndex, body, end, selfModifying));
            }
            emit(out, t, address[i], row, ops);
        }
        return out.toByteArray();
    }

    private static int value(Random rnd) {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(0x10000) : VALUES[rnd.nextInt(VALUES.length)];
    }

    private static Operand operand(Random rnd, Template t, Row row, int registers, int[] address, int bodyIndex, int body, int end,
                                   boolean selfModifying) {
        if (t instanceof Template.Reg) {
            int r = rnd.nextInt(10);
            return Operand.reg(r < 7 ? Math.min(r, registers - 1) : r == 7 ? registers - 1 : rnd.nextInt(registers));
        }
        if (t instanceof Template.FixedReg fr) return Operand.reg(fr.code());
        if (t instanceof Template.Literal l) return Operand.num(l.value() & 0xFFFF);
        if (t instanceof Template.Value v) {
            switch (v.role()) {
                case "target": return Operand.num(address[bodyIndex + rnd.nextInt(address.length - 1 - bodyIndex)]);
                case "port": return Operand.num(rnd.nextInt(4) == 0 ? rnd.nextInt(0x10000) : 0x1234);
                case "vec": return Operand.num(rnd.nextInt(4) == 0 ? rnd.nextInt(0x100) : 0x13);
                default: return Operand.num(rnd.nextInt(4) == 0 ? rnd.nextInt(0x100) : value(rnd));
            }
        }
        if (t instanceof Template.Abs) return Operand.abs(data(rnd, body, end, selfModifying));
        if (t instanceof Template.Mem m) {
            int pick = rnd.nextInt(16);
            if (pick < 12 || m.disp() == '\0') {
                // Intellio's [rs] has no displacement: its register holds whatever it holds.
                return m.disp() == '\0' ? Operand.mem(rnd.nextInt(registers), 0) : Operand.mem(0, data(rnd, body, end, selfModifying));
            }
            return Operand.mem(rnd.nextInt(registers), value(rnd));
        }
        throw new IllegalStateException("no operand for " + t + " in " + row.form());
    }

    /** An address to load or store: the data area mostly, the program's own code sometimes. */
    private static int data(Random rnd, int body, int end, boolean selfModifying) {
        if (selfModifying && rnd.nextInt(5) == 0) return body + rnd.nextInt(end - body);
        return DATA + 2 * rnd.nextInt(64);
    }

    private static void emit(ByteArrayOutputStream out, IsaTable t, int at, Row row, List<Operand> ops) {
        try {
            byte[] b = t.encode(row, ops, at);
            out.write(b, 0, b.length);
        } catch (EncodingException | RuntimeException e) {
            // A value the form cannot hold: its bytes stay zero, which both CPUs decode as something.
            out.write(new byte[row.length()], 0, row.length());
        }
    }
}
