package toyisa.translate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import toyisa.armistice.Armistice;
import toyisa.armistice.ArmisticeOp;
import toyisa.isa.EncodingException;
import toyisa.isa.Operand;
import toyisa.isa.Row;

/**
 * The host Armistice code being written for one guest block: instructions in order, each with the
 * guest site it belongs to, and jumps to labels bound later. An instruction is named by its
 * operation (the op column of Armistice's table) and its operands; the form is picked from the
 * table when it is written, so a translator bug stops where the code is emitted, and the bytes are
 * encoded at the end, at the block's host address, through the same table: the translator writes
 * no encoding of its own.
 */
final class HostCode {
    /** Armistice's forms of each operation. */
    private static final Map<ArmisticeOp, List<Row>> FORMS = new EnumMap<>(ArmisticeOp.class);

    static {
        for (Row r : Armistice.TABLE.rows()) FORMS.computeIfAbsent((ArmisticeOp) r.op(), k -> new ArrayList<>()).add(r);
    }

    /** The form of {@code op} that takes these operands. */
    static Row form(ArmisticeOp op, Operand... operands) {
        for (Row r : FORMS.getOrDefault(op, List.of())) if (Armistice.TABLE.accepts(r, List.of(operands))) return r;
        throw new IllegalStateException("Armistice has no form of " + op + " taking " + List.of(operands));
    }

    /** One host instruction's bytes at host address {@code at}. */
    static byte[] encode(ArmisticeOp op, int at, Operand... operands) {
        return encode(form(op, operands), operands, at);
    }

    private static byte[] encode(Row form, Operand[] operands, int at) {
        try {
            return Armistice.TABLE.encode(form, List.of(operands), at);
        } catch (EncodingException e) {
            throw new IllegalStateException("the translator made an instruction Armistice cannot encode: " + form.form()
                    + " " + List.of(operands) + ": " + e.getMessage(), e);
        }
    }

    /** A place in the code, bound once; the jumps to it are resolved when the code is encoded. */
    static final class Label {
        int index = -1;
        /** The instructions that jump here. */
        final List<Integer> users = new ArrayList<>();
    }

    /** A host instruction not yet encoded: its target may be a label resolved at the end. */
    private record Pending(Row form, Operand[] operands, Label target, Site site) {}

    private static final Operand[] NO_OPERANDS = {};
    private final List<Pending> code = new ArrayList<>();

    /** Instructions so far: the index of the next one. */
    int size() {
        return code.size();
    }

    void add(ArmisticeOp op, Operand[] operands, Site site) {
        code.add(new Pending(form(op, operands), operands, null, site));
    }

    void add(ArmisticeOp op, Site site) {
        add(op, NO_OPERANDS, site);
    }

    void jump(ArmisticeOp op, Label target, Site site) {
        target.users.add(code.size());
        code.add(new Pending(form(op, Operand.num(0)), NO_OPERANDS, target, site));
    }

    /** Binds the label to the next instruction. */
    void bind(Label l) {
        l.index = code.size();
    }

    /** The code's bytes at host address {@code base}; {@code sites} gets each instruction's site. */
    byte[] encode(int base, Site[] sites) {
        byte[] bytes = new byte[code.size() * 4];
        for (int k = 0; k < code.size(); k++) {
            Pending p = code.get(k);
            Operand[] ops = p.operands();
            if (p.target() != null) {
                if (p.target().index < 0) throw new IllegalStateException("unbound label in " + p.form().form());
                ops = new Operand[] {Operand.num(base + 4 * p.target().index)};
            }
            System.arraycopy(encode(p.form(), ops, (base + 4 * k) & 0xFFFF), 0, bytes, 4 * k, 4);
            sites[k] = p.site();
        }
        return bytes;
    }
}
