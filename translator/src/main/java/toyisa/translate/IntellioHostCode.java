package toyisa.translate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import toyisa.intellio.Intellio;
import toyisa.intellio.IntellioOp;
import toyisa.isa.EncodingException;
import toyisa.isa.Operand;
import toyisa.isa.Row;

/**
 * The host Intellio code being written for one guest Armistice block — {@link HostCode}'s twin for
 * a variable-length host: instructions named by Intellio's op and operands, the form picked from
 * Intellio's table (the shortest that encodes them), encoded by that table at the block's host
 * address. Jumps use the long ({@code rel16}) forms, so every instruction's length is known before
 * the labels are bound and a jump can later be pointed elsewhere in place (chaining).
 */
final class IntellioHostCode {
    private static final Map<IntellioOp, List<Row>> FORMS = new EnumMap<>(IntellioOp.class);

    static {
        for (Row r : Intellio.TABLE.rows()) FORMS.computeIfAbsent((IntellioOp) r.op(), k -> new ArrayList<>()).add(r);
        for (List<Row> l : FORMS.values()) l.sort((x, y) -> Integer.compare(x.length(), y.length()));
    }

    /** The form named {@code name} ({@code jz.rel16}). */
    static Row named(String name) {
        for (Row r : Intellio.TABLE.rows()) if (r.form().equals(name)) return r;
        throw new IllegalStateException("Intellio has no form " + name);
    }

    /** The shortest form of {@code op} that encodes these operands. */
    static Row form(IntellioOp op, Operand... operands) {
        for (Row r : FORMS.getOrDefault(op, List.of())) {
            if (!Intellio.TABLE.accepts(r, List.of(operands))) continue;
            if (r.condition() != null || op == IntellioOp.JMP || op == IntellioOp.CALL) continue; // jumps: by name
            try {
                byte[] b = Intellio.TABLE.encode(r, List.of(operands), 0x1000);
                if (sameMeaning(r, operands, b)) return r;
            } catch (EncodingException e) {
                // too wide for this form: try the next
            }
        }
        throw new IllegalStateException("Intellio has no form of " + op + " taking " + List.of(operands));
    }

    /** The encoded instruction decodes back to the same constant (a sign-extended byte must mean the word). */
    private static boolean sameMeaning(Row r, Operand[] operands, byte[] b) {
        byte[] mem = new byte[0x10000];
        System.arraycopy(b, 0, mem, 0x1000, b.length);
        toyisa.isa.Instruction back = Intellio.TABLE.decode(mem, 0x1000);
        if (back.isIllegal() || back.row() != r) return false;
        if (r.op() == IntellioOp.INT) return back.vector() == ((Operand.Num) operands[0]).value();
        for (Operand o : operands) {
            if (o instanceof Operand.Num n && (back.imm() & 0xFFFF) != n.value()) return false;
        }
        return true;
    }

    static byte[] encode(Row form, List<Operand> operands, int at) {
        try {
            return Intellio.TABLE.encode(form, operands, at);
        } catch (EncodingException e) {
            throw new IllegalStateException("the translator made an instruction Intellio cannot encode: " + form.form()
                    + " " + operands + ": " + e.getMessage(), e);
        }
    }

    /** A place in the code, bound once. */
    static final class Label {
        int index = -1;
        final List<Integer> users = new ArrayList<>();
    }

    /** A host instruction not yet encoded; {@code note} is shown beside it in the log. */
    record Pending(Row form, Operand[] operands, Label target, HostBlock.Site site, String note) {}

    final List<Pending> code = new ArrayList<>();

    int size() {
        return code.size();
    }

    void add(Row form, Operand[] operands, HostBlock.Site site, String note) {
        code.add(new Pending(form, operands, null, site, note));
    }

    void jump(String form, Label target, HostBlock.Site site) {
        target.users.add(code.size());
        code.add(new Pending(named(form), new Operand[] {Operand.num(0)}, target, site, null));
    }

    void bind(Label l) {
        l.index = code.size();
    }

    /** Host offsets of every instruction (and of the end) from the block's start. */
    int[] offsets() {
        int[] at = new int[code.size() + 1];
        for (int k = 0; k < code.size(); k++) at[k + 1] = at[k] + code.get(k).form().length();
        return at;
    }

    /** The bytes at host address {@code base}. */
    byte[] encode(int base, int[] offsets) {
        byte[] bytes = new byte[offsets[code.size()]];
        for (int k = 0; k < code.size(); k++) {
            Pending p = code.get(k);
            Operand[] ops = p.operands();
            if (p.target() != null) {
                if (p.target().index < 0) throw new IllegalStateException("unbound label in " + p.form().form());
                ops = new Operand[] {Operand.num(base + offsets[p.target().index])};
            }
            byte[] b = encode(p.form(), List.of(ops), (base + offsets[k]) & 0xFFFF);
            System.arraycopy(b, 0, bytes, offsets[k], b.length);
        }
        return bytes;
    }
}
