package toyisa.translate;

import java.util.ArrayList;
import java.util.List;
import toyisa.armistice.Armistice;
import toyisa.isa.EncodingException;
import toyisa.isa.Operand;

/**
 * The host Armistice code being written for one guest block: instructions in order, each with the
 * guest site it belongs to, and jumps to labels bound later. Encoded at the end, at the block's
 * host address, through Armistice's own table: the translator writes no encoding of its own.
 */
final class HostCode {
    /** A place in the code, bound once; the jumps to it are resolved when the code is encoded. */
    static final class Label {
        int index = -1;
        /** The instructions that jump here. */
        final List<Integer> users = new ArrayList<>();
    }

    /** A host instruction not yet encoded: its target may be a label resolved at the end. */
    private record Pending(String mnemonic, Operand[] operands, Label target, Site site) {}

    private final List<Pending> code = new ArrayList<>();

    /** Instructions so far: the index of the next one. */
    int size() {
        return code.size();
    }

    void add(String mnemonic, Operand[] operands, Site site) {
        code.add(new Pending(mnemonic, operands, null, site));
    }

    void jump(String mnemonic, Label target, Site site) {
        target.users.add(code.size());
        code.add(new Pending(mnemonic, new Operand[0], target, site));
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
                if (p.target().index < 0) throw new IllegalStateException("unbound label in " + p.mnemonic());
                ops = new Operand[] {Operand.num(base + 4 * p.target().index)};
            }
            int at = (base + 4 * k) & 0xFFFF;
            try {
                byte[] b = Armistice.TABLE.assemble(p.mnemonic(), List.of(ops), at).bytes();
                System.arraycopy(b, 0, bytes, 4 * k, 4);
            } catch (EncodingException e) {
                throw new IllegalStateException("the translator made an instruction Armistice cannot encode: " + p.mnemonic()
                        + " " + List.of(ops) + ": " + e.getMessage(), e);
            }
            sites[k] = p.site();
        }
        return bytes;
    }
}
