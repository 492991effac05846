package toyisa.asm;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import toyisa.isa.Isa;
import toyisa.isa.Row;

/**
 * What an instruction does to the flags as far as portability is concerned, read from the tables:
 * a compare is a row the table names in its {@code compares} line, a branch a row with a condition,
 * arithmetic any other row whose flags column writes a flag. A portable instruction has the effect
 * of what it becomes on every CPU: {@code add} is arithmetic because Intellio's add writes flags,
 * though Armistice's does not — a jump after it tests different flags on the two.
 */
final class Effects {
    /** The ops after which control does not fall through to the next instruction in the same way. */
    private static final Set<String> BARRIERS = Set.of("JMP", "CALL", "RET", "HALT", "HLT", "INT");
    private static final Map<String, Stmt.Effect> PORTABLE = new ConcurrentHashMap<>();

    private Effects() {}

    /** A native instruction's effect, from its table row. */
    static Stmt.Effect of(Row row) {
        if (row.compare()) return Stmt.Effect.COMPARE;
        if (row.condition() != null) return Stmt.Effect.BRANCH;
        if (BARRIERS.contains(row.op().name())) return Stmt.Effect.BARRIER;
        return row.effects().keepsAll() ? Stmt.Effect.NONE : Stmt.Effect.ARITHMETIC;
    }

    /** A portable instruction's effect: the strongest of what it becomes on each CPU. */
    static Stmt.Effect portable(String mnemonic) {
        return PORTABLE.computeIfAbsent(mnemonic, Effects::derive);
    }

    private static Stmt.Effect derive(String mnemonic) {
        Stmt.Effect e = Stmt.Effect.NONE;
        for (Isa isa : Isa.all()) {
            Lowering lowering = Lowering.of(isa);
            if (lowering == null) continue;
            for (Lowering.Rule r : lowering.rulesFor(mnemonic)) {
                for (Lowering.Native n : r.natives()) {
                    for (String form : n.forms()) e = stronger(e, of(isa.table().row(form)));
                }
            }
        }
        return e;
    }

    /** Branch and barrier first (what control does), then arithmetic (flags some CPU writes), then compare. */
    private static Stmt.Effect stronger(Stmt.Effect a, Stmt.Effect b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Stmt.Effect e) {
        return switch (e) {
            case NONE -> 0;
            case COMPARE -> 1;
            case ARITHMETIC -> 2;
            case BARRIER -> 3;
            case BRANCH -> 4;
        };
    }
}
