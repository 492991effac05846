package toyisa.lsp;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.misc.Interval;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import toyisa.asm.PasmLexer;
import toyisa.asm.PasmParser;

/**
 * Formatting the way the examples are written: labels in the first column, statements from column
 * 9 (after a short label on the same line), operands separated by ", ", a comment after code from
 * column 29; {@code .macro} and {@code .endm} in the first column. A line the grammar cannot read is
 * left as it is (the diagnostics are about it), and so are lines of comment only.
 */
final class Formatter {
    private Formatter() {}

    static final int STATEMENT_COLUMN = 8;
    static final int COMMENT_COLUMN = 28;

    static List<TextEdit> edits(String text) {
        List<TextEdit> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            boolean cr = raw.endsWith("\r");
            String line = cr ? raw.substring(0, raw.length() - 1) : raw;
            String f = line(line);
            if (!f.equals(line)) out.add(new TextEdit(new Range(new Position(i, 0), new Position(i, line.length())), f));
        }
        return out;
    }

    /** One line, formatted. */
    static String line(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) return "";
        if (trimmed.startsWith(";")) return line.stripTrailing();
        String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith(".macro") || lower.startsWith(".endm")) return trimmed;
        CharStream chars = CharStreams.fromString(line);
        PasmLexer lexer = new PasmLexer(chars);
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        PasmParser parser = new PasmParser(tokens);
        parser.removeErrorListeners();
        boolean[] failed = {false};
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object o, int l, int c, String m, RecognitionException e) {
                failed[0] = true;
            }
        });
        PasmParser.LineContext lc = parser.single().line();
        if (failed[0] || lc == null) return line.stripTrailing();
        tokens.fill();
        int lastEnd = 0;
        for (var t : tokens.getTokens()) if (t.getType() != org.antlr.v4.runtime.Token.EOF) lastEnd = t.getStopIndex() + 1;
        int semi = line.indexOf(';', lastEnd);
        String comment = semi >= 0 ? line.substring(semi).stripTrailing() : null;

        StringBuilder sb = new StringBuilder();
        for (PasmParser.LabelContext l : lc.label()) sb.append(sb.length() == 0 ? "" : " ").append(l.IDENT().getText()).append(':');
        if (lc.statement() != null) {
            if (sb.length() < STATEMENT_COLUMN) sb.append(" ".repeat(STATEMENT_COLUMN - sb.length()));
            else sb.append(' ');
            List<ParserRuleContext> args = new ArrayList<>();
            String head;
            if (lc.statement() instanceof PasmParser.DirectiveContext d) {
                head = d.DIRECTIVE().getText();
                args.addAll(d.arg());
            } else {
                PasmParser.InstructionContext in = (PasmParser.InstructionContext) lc.statement();
                head = in.IDENT().getText();
                args.addAll(in.operand());
            }
            sb.append(head);
            for (int k = 0; k < args.size(); k++) {
                ParserRuleContext a = args.get(k);
                sb.append(k == 0 ? " " : ", ").append(chars.getText(Interval.of(a.getStart().getStartIndex(), a.getStop().getStopIndex())));
            }
        }
        if (comment != null) {
            if (sb.length() == 0) return comment;
            sb.append(" ".repeat(Math.max(1, COMMENT_COLUMN - sb.length())));
            sb.append(comment);
        }
        return sb.toString();
    }
}
