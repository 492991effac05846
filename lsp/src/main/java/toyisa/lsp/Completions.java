package toyisa.lsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureInformation;
import toyisa.asm.Definition;
import toyisa.asm.Words;
import toyisa.isa.Hex;
import toyisa.isa.Isa;
import toyisa.vm.HalService;

/**
 * Completion where a statement starts (mnemonics, directives, macros) and where operands go
 * (registers, labels and constants, HAL services after {@code mov a,}); signature help for macros.
 */
final class Completions {
    private Completions() {}

    static List<CompletionItem> at(Analysis a, Position pos) {
        List<SourceLine> lines = a.lines();
        if (pos.getLine() < 0 || pos.getLine() >= lines.size()) return List.of();
        SourceLine sl = lines.get(pos.getLine());
        int col = Math.min(pos.getCharacter(), sl.text.length());
        if (sl.comment >= 0 && col > sl.comment) return List.of();
        SourceLine.Piece mn = statement(sl);
        boolean operands = mn != null && col > mn.end();
        List<CompletionItem> out = new ArrayList<>();
        if (!operands) {
            for (String m : Words.portableMnemonics()) {
                StringBuilder forms = new StringBuilder();
                for (String f : Words.portableForms(Isa.all().get(0), m)) forms.append(forms.length() == 0 ? "" : " | ").append(f);
                out.add(item(m, CompletionItemKind.Keyword, "portable" + (forms.length() == 0 ? "" : ": " + forms)));
            }
            // Native mnemonics of one CPU only: the detail says whose they are.
            Map<String, List<String>> natives = new LinkedHashMap<>();
            for (Isa isa : Isa.all()) for (String m : isa.table().mnemonics()) natives.computeIfAbsent(m, k -> new ArrayList<>()).add(isa.name());
            for (Map.Entry<String, List<String>> e : natives.entrySet()) {
                if (Words.portableMnemonics().contains(e.getKey())) continue;
                out.add(item(e.getKey(), CompletionItemKind.Keyword, "native: " + String.join(", ", e.getValue()) + " only"));
            }
            for (String d : Words.directives()) {
                CompletionItem it = item(d, CompletionItemKind.Keyword, "directive");
                // Typed after a '.', the editor's word may or may not include it: insert what completes the word.
                it.setFilterText(d);
                out.add(it);
            }
            for (Definition d : a.definitions()) {
                if (d.kind() == Definition.Kind.MACRO) out.add(item(d.name(), CompletionItemKind.Function, "macro " + String.join(", ", d.params())));
            }
            return out;
        }
        for (String r : Words.portableRegisters()) out.add(item(r, CompletionItemKind.Variable, "register (portable)"));
        for (Isa isa : Isa.all()) {
            for (String r : isa.registers().allNames()) {
                if (!Words.portableRegisters().contains(r)) out.add(item(r, CompletionItemKind.Variable, "register of " + isa.name()));
            }
        }
        for (Definition d : a.definitions()) {
            if (d.kind() == Definition.Kind.LABEL) out.add(item(d.name(), CompletionItemKind.Reference, "label"));
            else if (d.kind() == Definition.Kind.CONSTANT) out.add(item(d.name(), CompletionItemKind.Constant, "constant"));
        }
        if (mn.text().equalsIgnoreCase("mov") && afterA(sl, mn, col)) {
            for (HalService s : HalService.values()) {
                CompletionItem it = item(Hex.imm(s.number), CompletionItemKind.Value, "HAL: " + s.title);
                it.setDocumentation(s.description);
                it.setSortText("0" + Hex.imm(s.number)); // first: this is what a student wants after mov a,
                out.add(it);
            }
        }
        return out;
    }

    /** The mnemonic, macro or directive of a line, or null. */
    private static SourceLine.Piece statement(SourceLine sl) {
        for (SourceLine.Piece p : sl.pieces) {
            if (p.role() == SourceLine.Role.MNEMONIC || p.role() == SourceLine.Role.MACRO_USE || p.role() == SourceLine.Role.DIRECTIVE) return p;
        }
        return null;
    }

    private static boolean afterA(SourceLine sl, SourceLine.Piece mn, int col) {
        int i = sl.pieces.indexOf(mn);
        return i + 2 < sl.pieces.size() && sl.pieces.get(i + 1).text().equalsIgnoreCase("a") && sl.pieces.get(i + 2).text().equals(",")
                && col > sl.pieces.get(i + 2).start();
    }

    private static CompletionItem item(String label, CompletionItemKind kind, String detail) {
        CompletionItem it = new CompletionItem(label);
        it.setKind(kind);
        it.setDetail(detail);
        return it;
    }

    /** The parameters of the macro a line uses, the one the cursor is in highlighted. */
    static SignatureHelp signature(Analysis a, Position pos) {
        List<SourceLine> lines = a.lines();
        if (pos.getLine() < 0 || pos.getLine() >= lines.size()) return null;
        SourceLine sl = lines.get(pos.getLine());
        SourceLine.Piece mn = sl.mnemonic();
        if (mn == null || mn.role() != SourceLine.Role.MACRO_USE || pos.getCharacter() <= mn.end()) return null;
        Definition d = a.definition(mn.text());
        if (d == null) return null;
        String label = d.name() + (d.params().isEmpty() ? "" : " " + String.join(", ", d.params()));
        List<ParameterInformation> params = new ArrayList<>();
        for (String p : d.params()) params.add(new ParameterInformation(p));
        SignatureInformation info = new SignatureInformation(label, "macro defined at line " + d.line()
                + (d.file().equals(a.fileName) ? "" : " of " + d.file()), params);
        int commas = 0;
        for (SourceLine.Piece p : sl.pieces) if (p.text().equals(",") && p.start() < pos.getCharacter() && p.start() > mn.end()) commas++;
        SignatureHelp help = new SignatureHelp(List.of(info), 0, Math.min(commas, Math.max(0, params.size() - 1)));
        return help;
    }
}
