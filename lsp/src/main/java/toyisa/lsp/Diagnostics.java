package toyisa.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import toyisa.asm.Diagnostic;
import toyisa.asm.FatAssembly;
import toyisa.asm.QuickFix;

/**
 * The assembler's diagnostics for both CPUs as the editor shows them. One that every CPU reports is
 * shown once; one that only one CPU reports carries that CPU's name ({@link FatAssembly}'s rule, as
 * {@code toyisa asm --target fat} prints them). A problem inside an included file is shown on the
 * {@code .include} line that brought it in.
 */
final class Diagnostics {
    private Diagnostics() {}

    static final String SOURCE = "toyisa";

    /** The assembler's diagnostics, each with the range it points at in the document. */
    record Shown(Diagnostic diagnostic, Range range, org.eclipse.lsp4j.Diagnostic lsp) {}

    static List<Shown> of(Analysis a) {
        List<Shown> out = new ArrayList<>();
        List<SourceLine> lines = a.lines();
        for (Diagnostic d : new FatAssembly(a.slices).diagnostics()) {
            Range range;
            String message = d.message();
            if (d.file().equals(a.fileName)) {
                range = rangeAt(lines, d.line() - 1, d.column() - 1);
            } else {
                int line = includeLine(a, d.file());
                range = line < 0 ? new Range(new Position(0, 0), new Position(0, 0)) : wholeLine(lines, line);
                message = "in " + d.file() + ":" + d.line() + ":" + d.column() + ": " + message;
            }
            StringBuilder text = new StringBuilder(message);
            if (d.note() != null) text.append("\nnote: ").append(d.note());
            if (d.hint() != null) text.append("\nhint: ").append(d.hint());
            org.eclipse.lsp4j.Diagnostic lsp = new org.eclipse.lsp4j.Diagnostic(range, text.toString(),
                    d.isError() ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, SOURCE);
            out.add(new Shown(d, range, lsp));
        }
        return out;
    }

    /** The quick fixes for the diagnostics the editor asks about (matched by where they start and what they say). */
    static List<CodeAction> fixes(Analysis a, List<org.eclipse.lsp4j.Diagnostic> asked) {
        List<CodeAction> out = new ArrayList<>();
        for (Shown s : of(a)) {
            if (!s.diagnostic().file().equals(a.fileName)) continue;
            QuickFix fix = QuickFix.of(s.diagnostic());
            if (fix == null) continue;
            for (org.eclipse.lsp4j.Diagnostic d : asked) {
                if (!d.getRange().getStart().equals(s.range().getStart()) || !d.getMessage().equals(s.lsp().getMessage())) continue;
                Range r = new Range(new Position(fix.line() - 1, fix.column() - 1), new Position(fix.line() - 1, fix.column() - 1 + fix.length()));
                CodeAction action = new CodeAction(fix.title());
                action.setKind(CodeActionKind.QuickFix);
                action.setDiagnostics(List.of(d));
                action.setIsPreferred(true);
                action.setEdit(new WorkspaceEdit(java.util.Map.of(a.uri, List.of(new TextEdit(r, fix.replacement())))));
                out.add(action);
                break;
            }
        }
        return out;
    }

    /** From the column to the end of the token there (at least one character; the line's end past it). */
    static Range rangeAt(List<SourceLine> lines, int line, int col) {
        if (line < 0 || line >= lines.size()) return new Range(new Position(Math.max(0, line), 0), new Position(Math.max(0, line), 0));
        SourceLine sl = lines.get(line);
        int len = sl.text.length();
        int start = Math.max(0, Math.min(col, len));
        int end = start;
        for (SourceLine.Piece p : sl.pieces) {
            if (p.start() == start) {
                end = p.end();
                break;
            }
        }
        if (end == start) end = Math.min(len, start + 1);
        if (end == start && start > 0) start--; // a message at the end of the line: mark its last character
        return new Range(new Position(line, start), new Position(line, end));
    }

    private static Range wholeLine(List<SourceLine> lines, int line) {
        SourceLine sl = lines.get(line);
        int start = sl.text.length() - sl.text.stripLeading().length();
        return new Range(new Position(line, start), new Position(line, sl.comment >= 0 ? sl.comment : sl.text.stripTrailing().length()));
    }

    /** The line of the document whose {@code .include} brought a file in (through other includes, if so), or -1. */
    static int includeLine(Analysis a, String file) {
        String f = file;
        for (int guard = 0; guard < 64; guard++) {
            String[] by = a.includedBy.get(f);
            if (by == null) return -1;
            if (by[0].equals(a.fileName)) {
                List<SourceLine> lines = a.lines();
                for (int i = 0; i < lines.size(); i++) {
                    SourceLine sl = lines.get(i);
                    if (!".include".equals(sl.directive())) continue;
                    for (SourceLine.Piece p : sl.pieces) {
                        if (p.role() == SourceLine.Role.STRING && p.text().equals("\"" + by[1] + "\"")) return i;
                    }
                }
                return -1;
            }
            f = by[0];
        }
        return -1;
    }
}
