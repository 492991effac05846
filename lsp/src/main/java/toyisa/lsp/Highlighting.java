package toyisa.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;

/** Semantic tokens: each piece of each line by its role, so labels, registers and macros are told apart as the assembler tells them. */
final class Highlighting {
    private Highlighting() {}

    static final List<String> TYPES = List.of("keyword", "macro", "function", "variable", "parameter", "enumMember",
            "number", "string", "comment", "operator");
    static final List<String> MODIFIERS = List.of("declaration");

    static SemanticTokensLegend legend() {
        return new SemanticTokensLegend(TYPES, MODIFIERS);
    }

    static SemanticTokens of(Analysis a) {
        List<Integer> data = new ArrayList<>();
        int prevLine = 0, prevStart = 0;
        List<SourceLine> lines = a.lines();
        for (int i = 0; i < lines.size(); i++) {
            SourceLine sl = lines.get(i);
            List<int[]> toks = new ArrayList<>(); // start, length, type, modifiers
            for (SourceLine.Piece p : sl.pieces) {
                int[] tm = kind(a, p);
                if (tm != null) toks.add(new int[] {p.start(), p.end() - p.start(), tm[0], tm[1]});
            }
            if (sl.comment >= 0) toks.add(new int[] {sl.comment, sl.text.length() - sl.comment, TYPES.indexOf("comment"), 0});
            for (int[] t : toks) {
                data.add(i - prevLine);
                data.add(i == prevLine ? t[0] - prevStart : t[0]);
                data.add(t[1]);
                data.add(t[2]);
                data.add(t[3]);
                prevLine = i;
                prevStart = t[0];
            }
        }
        return new SemanticTokens(data);
    }

    private static int[] kind(Analysis a, SourceLine.Piece p) {
        String type;
        int mods = 0;
        switch (p.role()) {
            case MNEMONIC, DIRECTIVE -> type = "keyword";
            case MACRO_USE -> type = "macro";
            case MACRO_DEF -> {
                type = "macro";
                mods = 1;
            }
            case LABEL_DEF -> {
                type = "function";
                mods = 1;
            }
            case CONSTANT_DEF -> {
                type = "enumMember";
                mods = 1;
            }
            case NAME -> {
                var d = a.definition(p.text());
                type = d != null && d.kind() == toyisa.asm.Definition.Kind.CONSTANT ? "enumMember" : "function";
            }
            case REGISTER -> type = "variable";
            case PARAMETER -> type = "parameter";
            case NUMBER -> type = "number";
            case STRING -> type = "string";
            case FUNCTION -> type = "function";
            default -> {
                return null;
            }
        }
        return new int[] {TYPES.indexOf(type), mods};
    }
}
