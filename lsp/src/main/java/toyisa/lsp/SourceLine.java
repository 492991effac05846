package toyisa.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import toyisa.asm.PasmLexer;
import toyisa.asm.Words;
import toyisa.isa.Isa;

/**
 * One line of source cut into the assembler's own tokens (its ANTLR lexer), each with the part it
 * plays: a label defined, the mnemonic, a register, a name used… The assembler decides what a name
 * means only when it assembles; an editor needs it for every line as it is typed, even a broken one.
 */
final class SourceLine {
    enum Role { LABEL_DEF, CONSTANT_DEF, MACRO_DEF, PARAMETER, MNEMONIC, MACRO_USE, DIRECTIVE, REGISTER, NAME, FUNCTION,
        NUMBER, STRING, OPERATOR }

    /** A token: where it is on the line (0-based, in UTF-16 units), its text and role. */
    record Piece(int start, int end, String text, Role role) {
        boolean covers(int col) {
            return col >= start && col <= end;
        }
    }

    final String text;
    final List<Piece> pieces;
    /** Where a {@code ;} comment starts, or -1. */
    final int comment;

    private SourceLine(String text, List<Piece> pieces, int comment) {
        this.text = text;
        this.pieces = pieces;
        this.comment = comment;
    }

    /** The lines of a text, each cut into pieces; macro headers and bodies are recognised across lines. */
    static List<SourceLine> of(String text, Lexicon words) {
        List<SourceLine> out = new ArrayList<>();
        List<String> params = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            SourceLine sl = cut(line, words, params);
            String dir = sl.directive();
            if (".macro".equals(dir)) {
                params = new ArrayList<>();
                for (Piece p : sl.pieces) if (p.role == Role.PARAMETER) params.add(p.text);
            } else if (".endm".equals(dir)) {
                params = null;
            }
            out.add(sl);
        }
        return out;
    }

    /** The directive this line states, lower case, or null. */
    String directive() {
        for (Piece p : pieces) if (p.role == Role.DIRECTIVE) return p.text.toLowerCase(Locale.ROOT);
        return null;
    }

    /** The instruction's mnemonic (or the macro used), or null. */
    Piece mnemonic() {
        for (Piece p : pieces) if (p.role == Role.MNEMONIC || p.role == Role.MACRO_USE) return p;
        return null;
    }

    Piece at(int col) {
        for (Piece p : pieces) if (p.covers(col) && p.role != Role.OPERATOR) return p;
        return null;
    }

    private static SourceLine cut(String line, Lexicon words, List<String> macroParams) {
        PasmLexer lexer = new PasmLexer(CharStreams.fromString(line));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() != PasmLexer.NEWLINE) tokens.add(t);
        }
        int lastEnd = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).getStopIndex() + 1;
        int comment = line.indexOf(';', Math.min(lastEnd, line.length()));
        List<Piece> pieces = new ArrayList<>();
        boolean statement = false; // seen the mnemonic or directive
        String directive = null;
        int argIndex = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int start = t.getStartIndex();
            int end = t.getStopIndex() + 1;
            String s = t.getText();
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            Role role;
            switch (t.getType()) {
                case PasmLexer.IDENT -> {
                    if (!statement && next != null && next.getText().equals(":")) role = Role.LABEL_DEF;
                    else if (!statement) {
                        statement = true;
                        role = words.isMacro(s) && !words.isMnemonic(s) ? Role.MACRO_USE : Role.MNEMONIC;
                    } else if (".macro".equals(directive)) role = argIndex == 0 ? Role.MACRO_DEF : Role.PARAMETER;
                    else if (".equ".equals(directive) && argIndex == 0) role = Role.CONSTANT_DEF;
                    else if (macroParams != null && macroParams.contains(s)) role = Role.PARAMETER;
                    else if (next != null && next.getText().equals("(")) role = Role.FUNCTION;
                    else if (words.isRegister(s)) role = Role.REGISTER;
                    else role = Role.NAME;
                    if (statement && role != Role.MNEMONIC && role != Role.MACRO_USE) argIndex++;
                }
                case PasmLexer.DIRECTIVE -> {
                    role = Role.DIRECTIVE;
                    statement = true;
                    directive = s.toLowerCase(Locale.ROOT);
                }
                case PasmLexer.NUMBER, PasmLexer.CHAR -> role = Role.NUMBER;
                case PasmLexer.STRING -> role = Role.STRING;
                default -> role = Role.OPERATOR;
            }
            pieces.add(new Piece(start, end, s, role));
        }
        return new SourceLine(line, List.copyOf(pieces), comment);
    }

    /** What the names of the language are: mnemonics, registers and the macros of the document. */
    record Lexicon(java.util.Set<String> mnemonics, java.util.Set<String> registers, java.util.Set<String> macros) {
        static Lexicon of(java.util.Set<String> macros) {
            java.util.Set<String> m = new java.util.HashSet<>(Words.portableMnemonics());
            java.util.Set<String> r = new java.util.HashSet<>(Words.portableRegisters());
            for (Isa isa : Isa.all()) {
                m.addAll(isa.table().mnemonics());
                for (var row : isa.table().rows()) m.add(row.form());
                r.addAll(isa.registers().allNames());
            }
            return new Lexicon(m, r, macros);
        }

        boolean isMnemonic(String s) {
            return mnemonics.contains(s.toLowerCase(Locale.ROOT));
        }

        boolean isRegister(String s) {
            return registers.contains(s.toLowerCase(Locale.ROOT));
        }

        boolean isMacro(String s) {
            return macros.contains(s.toLowerCase(Locale.ROOT));
        }
    }
}
