package toyisa.asm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import toyisa.isa.Isa;

/**
 * Writes {@code docs/portable.md}: what each portable instruction becomes on each CPU, straight
 * from the lowering tables (never hand-maintained; a test fails when the committed file is stale).
 */
final class PortableCard {
    private PortableCard() {}

    static String markdown() {
        List<Isa> cpus = new ArrayList<>();
        List<Lowering> lowerings = new ArrayList<>();
        for (Isa isa : Isa.all()) {
            Lowering l = Lowering.of(isa);
            if (l != null) {
                cpus.add(isa);
                lowerings.add(l);
            }
        }
        // Every portable form, in the order the tables first name them.
        Map<String, String> forms = new LinkedHashMap<>();
        for (Lowering l : lowerings) for (Lowering.Rule r : l.rules()) forms.putIfAbsent(r.mnemonic() + " " + r.kinds(), r.portable());

        StringBuilder sb = new StringBuilder();
        sb.append("<!-- Generated from assembler/src/main/resources/toyisa/asm/lowering/*.lower by PortableCard; do not edit.\n")
                .append("Regenerate: mvn -pl assembler -am test -Dtoyisa.regenerate=true -->\n\n");
        sb.append("# Portable instructions on each CPU\n\n");
        sb.append("One portable source assembles for every CPU. This card says what each portable instruction\n")
                .append("becomes on each one, in that CPU's native syntax. Operand kinds: `r` a register (`a b c d e f fp sp`),\n")
                .append("`i` a constant or label, `m` a memory operand `[r + constant]`, `a` an absolute address `[constant]`.\n")
                .append("`$1`, `$2` are the operands as written; `%t` is a scratch register the lowering picks (one that no\n")
                .append("operand uses). In parentheses, the forms of the CPU's table each native line can become: where\n")
                .append("there are several (a short or long jump, an 8- or 16-bit constant, `[rs]` or `[rs + disp]`), the\n")
                .append("assembler picks the shortest one that fits the value, growing it over passes as labels settle.\n\n");
        sb.append("Only `cmp` and `test` set flags that portable code may test: Armistice's arithmetic leaves the\n")
                .append("flags alone, Intellio's sets them, so a conditional jump after other arithmetic gets a\n")
                .append("portability warning.\n\n");
        sb.append("| portable |");
        for (Isa isa : cpus) sb.append(' ').append(isa.name()).append(" |");
        sb.append("\n|---|");
        for (int i = 0; i < cpus.size(); i++) sb.append("---|");
        sb.append('\n');
        for (Map.Entry<String, String> f : forms.entrySet()) {
            String[] key = f.getKey().split(" ", -1);
            sb.append("| `").append(f.getValue()).append("` |");
            for (Lowering l : lowerings) {
                Lowering.Rule r = l.find(key[0], key.length > 1 ? key[1] : "");
                String cell;
                if (r == null) cell = "—";
                else if (r.error() != null) cell = "error: " + r.error() + (r.hint() == null ? "" : " (" + r.hint() + ")");
                else {
                    StringBuilder c = new StringBuilder();
                    for (Lowering.Native n : r.natives()) {
                        if (c.length() > 0) c.append(" ; ");
                        c.append('`').append(n.text()).append("` (").append(String.join(", ", n.forms())).append(')');
                    }
                    cell = c.toString();
                }
                sb.append(' ').append(cell.replace("|", "\\|")).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nNative instructions of the target CPU are accepted too, by mnemonic or by form name\n")
                .append("(`and.imm.reg`, `jz.rel16`, `xchg`, `inc`, Armistice `r7`…`r14`); see the reference cards.\n");
        return sb.toString();
    }
}
