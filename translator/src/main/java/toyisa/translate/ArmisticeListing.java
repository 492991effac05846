package toyisa.translate;

import toyisa.armistice.Armistice;
import toyisa.intellio.Intellio;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.translate.HostBlock.Site;
import toyisa.translate.HostBlock.Stub;
import toyisa.translate.HostBlock.StubKind;

/**
 * The host code of one Armistice block as the translation log shows it: each guest instruction as a
 * {@code ;} heading, then the Intellio instructions made for it, decoded back from their bytes by
 * Intellio's table, with a note where the line is a fill, a spill, a byte swap or the flags.
 */
final class ArmisticeListing {
    private ArmisticeListing() {}

    static String of(HostBlock t, byte[] codeMemory) {
        StringBuilder sb = new StringBuilder();
        Object group = null;
        Stub[] leaving = new Stub[t.sites.length];
        for (Stub st : t.stubs) {
            if (st.kind == StubKind.EXIT) for (int k = st.startIndex; k <= st.haltIndex + 2; k++) leaving[k] = st;
        }
        for (int k = 0; k < t.sites.length; k++) {
            Site s = t.sites[k];
            Stub st = leaving[k] != null ? leaving[k] : s.stub();
            Object key;
            String heading;
            if (k < t.loopEntry) {
                key = "prologue";
                heading = t.keepsRegisters ? "; prologue: fill the registers the loop keeps in host registers from round to round"
                        : "; prologue: fill the registers the block reads first";
            } else if (k == t.loopEntry) {
                key = "count";
                heading = "; count " + t.block.size() + " guest instruction" + (t.block.size() == 1 ? "" : "s") + " (host sp)";
            } else if (st != null && (st.kind == StubKind.EXIT || st.kind == StubKind.FAULT || st.kind == StubKind.WORD_FAULT)) {
                key = st;
                heading = "; " + describe(st);
            } else {
                key = s.index();
                if (s.index() >= t.block.size()) heading = "; leave the block";
                else {
                    Instruction g = t.block.instructions.get(s.index());
                    heading = "; " + Hex.addr(g.address()) + "  " + Armistice.TABLE.disassemble(g);
                }
            }
            if (!key.equals(group)) sb.append("  ").append(heading).append('\n');
            group = key;
            int at = t.address(k);
            if (st != null && (st.kind == StubKind.EXIT || st.kind == StubKind.DISPATCH) && k > st.haltIndex) continue; // the hlt's room: shown with it
            Instruction h = Intellio.TABLE.decode(codeMemory, at);
            String text = Intellio.TABLE.disassemble(h);
            String bytes = Hex.bytes(h.bytes());
            if (st != null && st.kind == StubKind.EXIT && k == st.haltIndex && h.row().op() == toyisa.intellio.IntellioOp.HLT) {
                text = "hlt                  ; to the dispatcher (room for a jmp once chained)";
            } else if (st != null && st.kind == StubKind.DISPATCH && k == st.haltIndex) {
                text = "hlt                  ; to the dispatcher (room below: the inline cache, " + ArmisticeTranslator.CACHE_ENTRIES + " entries, goes here)";
            } else if (t.notes[k] != null) {
                text = String.format(java.util.Locale.ROOT, "%-20s ; %s", text, t.notes[k]);
            }
            sb.append(String.format(java.util.Locale.ROOT, "  %-6s %-12s %s\n", Hex.addr(at), bytes, text));
        }
        return sb.toString();
    }

    private static String describe(Stub s) {
        switch (s.kind) {
            case EXIT: return "exit to " + Hex.addr(s.guestPc);
            case FAULT: return (s.fetchFault ? "fetch from the null page at " : "illegal instruction at ") + Hex.addr(s.guestPc);
            case WORD_FAULT: return "odd guest word address at " + Hex.addr(s.guestPc) + ": the dispatcher reports the fault";
            default: return s.kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
