package toyisa.asm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import toyisa.isa.Isa;

/** The words the portable assembly knows, for an editor's completion and highlighting. */
public final class Words {
    private Words() {}

    /** The directives, with their dot ({@code .equ}, {@code .asciz}, …). */
    public static List<String> directives() {
        return Front.DIRECTIVES;
    }

    /** The portable mnemonics: those the lowering tables of every CPU share, in table order. */
    public static List<String> portableMnemonics() {
        Set<String> out = new LinkedHashSet<>();
        for (Isa isa : Isa.all()) {
            Lowering l = Lowering.of(isa);
            if (l != null) for (Lowering.Rule r : l.rules()) out.add(r.mnemonic());
        }
        return List.copyOf(out);
    }

    /** The portable forms of one mnemonic as the lowering table writes them ({@code mov r, i}), for one CPU. */
    public static List<String> portableForms(Isa isa, String mnemonic) {
        Lowering l = Lowering.of(isa);
        List<String> out = new ArrayList<>();
        if (l != null) for (Lowering.Rule r : l.rulesFor(mnemonic)) if (r.error() == null) out.add(r.portable());
        return out;
    }

    /** The register names portable code uses on every CPU. */
    public static List<String> portableRegisters() {
        return List.of("a", "b", "c", "d", "e", "f", "fp", "sp");
    }

    /** The value of a number token as the assembler reads it ({@code 13h}, {@code 0x13}, {@code 19}), or -1 when it is not one. */
    public static long number(String token) {
        try {
            return Operands.number(token, 1);
        } catch (Expr.Failure | RuntimeException e) {
            return -1;
        }
    }
}
