package toyisa.lsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import toyisa.asm.Definition;

/**
 * Labels, constants and macros as names: where each is defined (the assembler says), where each is
 * used (the tokens of the document and every file it includes), renaming them everywhere, and the
 * document's outline.
 */
final class Names {
    private Names() {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The name under the cursor, with its definition; null when there is none. */
    private static Definition nameAt(Analysis a, Position pos) {
        List<SourceLine> lines = a.lines();
        if (pos.getLine() < 0 || pos.getLine() >= lines.size()) return null;
        SourceLine.Piece p = lines.get(pos.getLine()).at(pos.getCharacter());
        if (p == null || !isName(p.role())) return null;
        return a.definition(p.text());
    }

    private static boolean isName(SourceLine.Role r) {
        return switch (r) {
            case LABEL_DEF, CONSTANT_DEF, MACRO_DEF, MACRO_USE, NAME -> true;
            default -> false;
        };
    }

    static List<Location> definition(Analysis a, Position pos) {
        Definition d = nameAt(a, pos);
        if (d != null) return List.of(location(a, d));
        // On an .include's file name: the file.
        List<SourceLine> lines = a.lines();
        if (pos.getLine() >= 0 && pos.getLine() < lines.size()) {
            SourceLine sl = lines.get(pos.getLine());
            SourceLine.Piece p = sl.at(pos.getCharacter());
            if (p != null && p.role() == SourceLine.Role.STRING && ".include".equals(sl.directive())) {
                for (Map.Entry<String, String[]> e : a.includedBy.entrySet()) {
                    if (e.getValue()[0].equals(a.fileName) && p.text().equals("\"" + e.getValue()[1] + "\"")) {
                        return List.of(new Location(a.uriOf(e.getKey()), new Range(new Position(0, 0), new Position(0, 0))));
                    }
                }
            }
        }
        return List.of();
    }

    static Location location(Analysis a, Definition d) {
        int line = d.line() - 1, col = d.column() - 1;
        return new Location(a.uriOf(d.file()), new Range(new Position(line, col), new Position(line, col + d.name().length())));
    }

    static List<Location> references(Analysis a, Position pos, boolean withDeclaration) {
        Definition d = nameAt(a, pos);
        if (d == null) return List.of();
        List<Location> out = new ArrayList<>();
        for (String file : a.files.keySet()) {
            List<SourceLine> lines = a.linesOf(file);
            for (int i = 0; i < lines.size(); i++) {
                for (SourceLine.Piece p : lines.get(i).pieces) {
                    if (!isName(p.role()) || !matches(d, p.text())) continue;
                    boolean declaration = file.equals(d.file()) && i == d.line() - 1 && p.start() == d.column() - 1;
                    if (declaration && !withDeclaration) continue;
                    out.add(new Location(a.uriOf(file), new Range(new Position(i, p.start()), new Position(i, p.end()))));
                }
            }
        }
        return out;
    }

    private static boolean matches(Definition d, String text) {
        return d.kind() == Definition.Kind.MACRO ? d.name().equalsIgnoreCase(text) : d.name().equals(text);
    }

    static WorkspaceEdit rename(Analysis a, Position pos, String newName) {
        Definition d = nameAt(a, pos);
        if (d == null) throw invalid("there is no label, constant or macro here to rename");
        if (!NAME.matcher(newName).matches()) throw invalid("'" + newName + "' is not a name: letters, digits and _, not starting with a digit");
        if (a.words.isRegister(newName)) throw invalid("'" + newName + "' is a register name");
        if (a.words.isMnemonic(newName) && d.kind() == Definition.Kind.MACRO) throw invalid("a macro named '" + newName + "' would hide the instruction");
        if (a.definition(newName) != null) throw invalid("'" + newName + "' is already defined");
        Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
        for (Location l : references(a, pos, true)) changes.computeIfAbsent(l.getUri(), k -> new ArrayList<>()).add(new TextEdit(l.getRange(), newName));
        return new WorkspaceEdit(changes);
    }

    private static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }

    /** The outline: the labels, constants and macros this document defines. */
    static List<DocumentSymbol> symbols(Analysis a) {
        List<DocumentSymbol> out = new ArrayList<>();
        List<SourceLine> lines = a.lines();
        for (Definition d : a.definitions()) {
            if (!d.file().equals(a.fileName) || d.line() - 1 >= lines.size()) continue;
            Range name = location(a, d).getRange();
            Range whole = new Range(new Position(d.line() - 1, 0), new Position(d.line() - 1, lines.get(d.line() - 1).text.length()));
            SymbolKind kind = switch (d.kind()) {
                case LABEL -> SymbolKind.Function;
                case CONSTANT -> SymbolKind.Constant;
                case MACRO -> SymbolKind.Method;
            };
            String detail = d.kind() == Definition.Kind.MACRO ? String.join(", ", d.params()) : d.kind().name().toLowerCase(java.util.Locale.ROOT);
            out.add(new DocumentSymbol(d.name(), kind, whole, name, detail));
        }
        return out;
    }
}
