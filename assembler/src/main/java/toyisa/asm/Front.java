package toyisa.asm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import toyisa.asm.Stmt.Align;
import toyisa.asm.Stmt.Data;
import toyisa.asm.Stmt.Equ;
import toyisa.asm.Stmt.Insn;
import toyisa.asm.Stmt.Label;
import toyisa.asm.Stmt.Loc;
import toyisa.asm.Stmt.NativeOp;
import toyisa.asm.Stmt.Op;
import toyisa.asm.Stmt.Org;
import toyisa.asm.Stmt.Space;
import toyisa.isa.Isa;
import toyisa.isa.IsaTable;
import toyisa.isa.Registers;
import toyisa.isa.Row;

/**
 * The front end: reads source text (and the files it includes, and the macros it expands) into a
 * flat list of {@link Stmt statements}, each instruction already turned into the native
 * instructions of the target through the {@link Lowering} table. Values are not computed here:
 * labels may be used before they are defined, so that is {@link Layout}'s job.
 */
final class Front {
    /** How deep {@code .include} may nest. */
    static final int MAX_INCLUDE_DEPTH = 16;
    /** How deep macros may expand one another. */
    static final int MAX_MACRO_DEPTH = 32;
    /** Most macro expansions one assembly may do (a macro using another twice doubles them). */
    static final int MAX_EXPANSIONS = 20_000;
    /**
     * How many lines all macro expansions together may produce: a macro that uses itself twice
     * doubles at every level, and the expansion count alone let a 384-byte source parse 300,000
     * lines (14 s) before it stopped.
     */
    static final int MAX_EXPANDED_LINES = 50_000;
    /** Most statements one assembly may produce (macros can multiply lines). */
    static final int MAX_STATEMENTS = 100_000;
    /** Errors after which the front end stops reading the source. */
    static final int MAX_ERRORS = 100;
    /** Deepest parenthesis nesting read (deeper is refused before the parser recurses). */
    static final int MAX_NESTING = 200;

    static final List<String> DIRECTIVES = List.of(".equ", ".org", ".byte", ".word", ".ascii", ".asciz",
            ".space", ".align", ".include", ".macro", ".endm");

    private record Macro(String name, List<String> params, List<String> body, int[] bodyLines, String file, int line,
                         String note) {}

    private static final Pattern MACRO = Pattern.compile("^\\s*\\.macro\\b(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENDM = Pattern.compile("^\\s*\\.endm\\b.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Isa isa;
    private final IsaTable table;
    private final Registers regs;
    private final Operands operands;
    private final Lowering lowering;
    private final IncludeResolver includes;
    private final List<Diagnostic> diags = new ArrayList<>();
    private final List<Stmt> stmts = new ArrayList<>();
    private final Map<String, Macro> macros = new HashMap<>();
    private final Map<String, Loc> defined = new HashMap<>();
    private final List<Definition> definitions = new ArrayList<>();
    private int expansions;
    private int expandedLines;
    private boolean tooMany;
    /** Statements (labels aside), labels and errors so far. */
    private int statements, labels, errors;

    Front(Isa isa, IncludeResolver includes) {
        this.isa = isa;
        this.table = isa.table();
        this.regs = isa.registers();
        this.operands = new Operands(regs);
        this.lowering = Lowering.of(isa);
        this.includes = includes == null ? IncludeResolver.NONE : includes;
    }

    List<Diagnostic> diagnostics() {
        return diags;
    }

    /** Labels, constants and macros, in the order they were defined. */
    List<Definition> definitions() {
        return definitions;
    }

    List<Stmt> run(String file, String text) {
        if (text.length() > Assembler.MAX_SOURCE_CHARS) {
            error(new Loc(file, 1, 1, null, null), "the source is too large to assemble (" + text.length() + " characters)",
                    "the limit is " + Assembler.MAX_SOURCE_CHARS + " characters");
            return stmts;
        }
        List<String> stack = new ArrayList<>();
        stack.add(file);
        unit(new Unit(file, text.split("\n", -1), null, null, stack, 0));
        return stmts;
    }

    // ------------------------------------------------------------------ units

    private void unit(Unit u) {
        String[] parse = cutMacros(u);
        for (int i = 0; i < parse.length; i++) {
            if (SourceLine.nesting(parse[i]) > MAX_NESTING) {
                error(u.loc(i + 1, 1), "this line is nested too deeply (more than " + MAX_NESTING + " parentheses)", null);
                parse[i] = "";
            }
        }
        for (int i = 0; i < parse.length; i++) {
            if (tooMany) return;
            String text = parse[i].endsWith("\r") ? parse[i].substring(0, parse[i].length() - 1) : parse[i];
            if (text.isBlank()) continue;
            line(u, i + 1, text);
        }
    }

    private final PasmLexer lexer = new PasmLexer(null);
    private final PasmParser parser = new PasmParser(null);
    private Unit errUnit;
    private int errLine;
    private boolean errSeen;

    {
        lexer.removeErrorListeners();
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int pos, String msg, RecognitionException e) {
                if (errSeen) return; // one syntax error per line: the rest are usually echoes
                errSeen = true;
                syntax(errUnit, errLine, pos, (Token) offending, msg);
            }
        });
    }

    /** Parses and handles one line of a unit. */
    private void line(Unit u, int line, String text) {
        CharStream chars = CharStreams.fromString(text, u.file());
        lexer.setInputStream(chars);
        parser.setTokenStream(new CommonTokenStream(lexer));
        errUnit = u;
        errLine = line;
        errSeen = false;
        PasmParser.LineContext lc = parser.single().line();
        if (errSeen || lc == null) return;
        try {
            for (PasmParser.LabelContext l : lc.label()) label(u, line, l);
            if (lc.statement() instanceof PasmParser.DirectiveContext d) directive(u, line, d);
            else if (lc.statement() instanceof PasmParser.InstructionContext in) instruction(u, line, in, chars);
        } catch (Expr.Failure f) {
            error(u.loc(line, f.col), f.getMessage(), f.hint);
        }
        // No catch-all here: a line with a syntax error never gets this far, so an exception would be
        // a bug of the assembler's, and it must show as one (the fuzzer finds them), not as a user error.
    }

    private void syntax(Unit u, int line, int pos, Token t, String msg) {
        String text = line >= 1 && line <= u.lines().length ? u.lines()[line - 1] : "";
        String[] m = Suggestions.syntax(t, msg, text, pos);
        error(u.loc(line, pos + 1), m[0], m[1]);
    }

    /** Cuts {@code .macro ... .endm} blocks out of a unit (as blank lines, so line numbers stay). */
    private String[] cutMacros(Unit u) {
        String[] lines = u.lines().clone();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MACRO.matcher(SourceLine.stripComment(lines[i]));
            if (!m.matches()) continue;
            Loc at = u.loc(i + 1, lines[i].indexOf('.') + 1);
            int end = i + 1;
            boolean nested = false;
            while (end < lines.length && !ENDM.matcher(lines[end]).matches()) {
                if (MACRO.matcher(SourceLine.stripComment(lines[end])).matches()) nested = true;
                end++;
            }
            if (end == lines.length) {
                error(at, "'.macro' without '.endm'", "end the macro body with a line '.endm'");
            } else if (nested) {
                error(at, "a macro cannot define another macro", null);
            } else {
                defineMacro(u, at, m.group(1).strip(), i + 1, end);
            }
            for (int k = i; k < Math.min(end + 1, lines.length); k++) lines[k] = "";
            i = end;
        }
        return lines;
    }

    private void defineMacro(Unit u, Loc at, String header, int first, int end) {
        String[] words = header.isEmpty() ? new String[0] : header.split("[\\s,]+");
        if (words.length == 0) {
            error(at, "'.macro' needs a name", "write: .macro name param1, param2");
            return;
        }
        String name = words[0].toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            error(at, "'" + words[0] + "' is not a macro name", "a name is letters, digits and _");
            return;
        }
        if (isInstruction(name)) {
            error(at, "macro '" + name + "' would hide the instruction of the same name", "choose another name");
            return;
        }
        if (macros.containsKey(name)) {
            Macro old = macros.get(name);
            error(at, "macro '" + name + "' is already defined at " + old.file() + ":" + old.line(), null);
            return;
        }
        List<String> params = new ArrayList<>();
        for (int k = 1; k < words.length; k++) {
            if (!NAME.matcher(words[k]).matches() || params.contains(words[k])) {
                error(at, "bad macro parameter '" + words[k] + "'", "parameters are distinct names: .macro name a, b");
                return;
            }
            params.add(words[k]);
        }
        List<String> body = new ArrayList<>();
        int[] bodyLines = new int[Math.max(0, end - first)];
        for (int k = first; k < end; k++) {
            body.add(u.lines()[k]);
            bodyLines[k - first] = u.line(k + 1);
        }
        macros.put(name, new Macro(name, params, body, bodyLines, u.file(), at.line(), u.note()));
        int nameCol = at.text() == null ? at.col() : at.text().indexOf(words[0], at.col() + "macro".length()) + 1;
        definitions.add(new Definition(Definition.Kind.MACRO, name, u.file(), at.line(), Math.max(1, nameCol), params));
    }

    private boolean isInstruction(String name) {
        return !table.forms(name).isEmpty() || (lowering != null && lowering.isPortable(name));
    }

    // ------------------------------------------------------------------ labels and directives

    private void label(Unit u, int line, PasmParser.LabelContext l) {
        Token t = l.IDENT().getSymbol();
        Loc loc = u.loc(line, t.getCharPositionInLine() + 1);
        String name = t.getText();
        if (define(loc, name)) {
            add(new Label(loc, name));
            if (loc.note() == null) definitions.add(new Definition(Definition.Kind.LABEL, name, loc.file(), loc.line(), loc.col(), List.of()));
        }
    }

    /** The longest label or constant name: a TXF file stores names with a 16-bit length, and no one reads longer ones. */
    static final int MAX_NAME = 255;

    private boolean define(Loc loc, String name) {
        if (name.length() > MAX_NAME) {
            error(loc, "a name of " + name.length() + " characters is too long (at most " + MAX_NAME + ")", "choose a shorter name");
            return false;
        }
        if (regs.code(name) >= 0) {
            error(loc, "'" + name + "' is a register name and cannot be a label or constant", "choose another name");
            return false;
        }
        Loc old = defined.putIfAbsent(name, loc);
        if (old != null) {
            error(loc, "'" + name + "' is already defined at " + old.file() + ":" + old.line(), null);
            return false;
        }
        return true;
    }

    private void directive(Unit u, int line, PasmParser.DirectiveContext d) throws Expr.Failure {
        Token t = d.DIRECTIVE().getSymbol();
        Loc loc = u.loc(line, t.getCharPositionInLine() + 1);
        String name = t.getText().toLowerCase(Locale.ROOT);
        List<PasmParser.ArgContext> args = d.arg();
        switch (name) {
            case ".equ" -> {
                if (args.size() != 2 || args.get(0).expr() == null || Expr.nameOf(operands.expr(args.get(0).expr())) == null) {
                    error(loc, "'.equ' takes a name and a value", "write: .equ NAME, value");
                    return;
                }
                String sym = Expr.nameOf(operands.expr(args.get(0).expr()));
                Loc at = loc.at(col(args.get(0)));
                Expr value = value(u, args.get(1));
                if (define(at, sym)) {
                    add(new Equ(at, sym, value));
                    if (at.note() == null) definitions.add(new Definition(Definition.Kind.CONSTANT, sym, at.file(), at.line(), at.col(), List.of()));
                }
            }
            case ".org", ".align" -> {
                if (args.size() != 1) {
                    error(loc, "'" + name + "' takes one value", null);
                    return;
                }
                Expr v = value(u, args.get(0));
                add(name.equals(".org") ? new Org(loc, v) : new Align(loc, v));
            }
            case ".space" -> {
                if (args.isEmpty() || args.size() > 2) {
                    error(loc, "'.space' takes a count and an optional fill byte", "write: .space 16 or .space 16, 0FFh");
                    return;
                }
                add(new Space(loc, value(u, args.get(0)), args.size() == 2 ? value(u, args.get(1)) : new Expr.Num(0, loc.col())));
            }
            case ".byte", ".word", ".ascii", ".asciz" -> {
                if (args.isEmpty()) {
                    error(loc, "'" + name + "' needs at least one value", null);
                    return;
                }
                boolean strings = name.startsWith(".asc");
                List<Object> items = new ArrayList<>();
                for (PasmParser.ArgContext a : args) {
                    if (a.STRING() != null) {
                        if (name.equals(".word")) {
                            error(loc.at(col(a)), "'.word' takes numbers, not strings", "use .ascii or .byte for text");
                            return;
                        }
                        items.add(string(u, line, a.STRING().getSymbol()));
                        if (name.equals(".asciz")) items.add(new byte[] {0});
                    } else if (strings) {
                        error(loc.at(col(a)), "'" + name + "' takes strings", "write: " + name + " \"text\"");
                        return;
                    } else {
                        items.add(operands.expr(a.expr()));
                    }
                }
                add(new Data(loc, name.equals(".word") ? 2 : 1, items));
            }
            case ".include" -> include(u, line, loc, args);
            case ".endm" -> error(loc, "'.endm' without '.macro'", null);
            default -> {
                String habit = Habits.directive(name);
                error(loc, "unknown directive '" + t.getText() + "'", habit != null ? habit : Suggestions.suggest(name, DIRECTIVES));
            }
        }
    }

    private Expr value(Unit u, PasmParser.ArgContext a) throws Expr.Failure {
        if (a.STRING() != null) throw new Expr.Failure(col(a), "expected a number, not a string", null);
        Expr e = operands.expr(a.expr());
        String reg = operands.register(e);
        if (reg != null) throw new Expr.Failure(e.col(), "'" + reg + "' is a register, not a constant", null);
        return e;
    }

    private void include(Unit u, int line, Loc loc, List<PasmParser.ArgContext> args) {
        if (args.size() != 1 || args.get(0).STRING() == null) {
            error(loc, "'.include' takes one file name in quotes", "write: .include \"file.pasm\"");
            return;
        }
        String name = new String(string(u, line, args.get(0).STRING().getSymbol()), StandardCharsets.UTF_8);
        if (u.includes().size() > MAX_INCLUDE_DEPTH) {
            error(loc, "includes are nested more than " + MAX_INCLUDE_DEPTH + " deep", null);
            return;
        }
        IncludeResolver.Source src;
        try {
            src = includes.resolve(u.file(), name);
        } catch (IOException | RuntimeException e) {
            error(loc.at(col(args.get(0))), "cannot include '" + name + "': " + e.getMessage(), null);
            return;
        }
        if (u.includes().contains(src.name())) {
            error(loc.at(col(args.get(0))), "include cycle: " + String.join(" -> ", u.includes()) + " -> " + src.name(),
                    "a file cannot include itself, directly or through others");
            return;
        }
        if (src.text().length() > Assembler.MAX_SOURCE_CHARS) {
            error(loc, "'" + name + "' is too large to assemble", null);
            return;
        }
        List<String> stack = new ArrayList<>(u.includes());
        stack.add(src.name());
        unit(new Unit(src.name(), src.text().split("\n", -1), null, u.note(), stack, u.macroDepth()));
    }

    // ------------------------------------------------------------------ instructions

    private void instruction(Unit u, int line, PasmParser.InstructionContext in, CharStream chars) throws Expr.Failure {
        Token t = in.IDENT().getSymbol();
        Loc loc = u.loc(line, t.getCharPositionInLine() + 1);
        String mn = t.getText().toLowerCase(Locale.ROOT);
        Macro macro = macros.get(mn);
        if (macro != null) {
            expand(u, loc, macro, in, chars);
            return;
        }
        List<Op> ops = new ArrayList<>();
        StringBuilder kinds = new StringBuilder();
        int valueCol = loc.col();
        for (PasmParser.OperandContext oc : in.operand()) {
            Op op = operands.operand(oc);
            if (!(op instanceof Op.Reg) && valueCol == loc.col()) valueCol = col(oc);
            ops.add(op);
            kinds.append(op instanceof Op.Reg ? 'r' : op instanceof Op.Val ? 'i' : op instanceof Op.Mem ? 'm' : 'a');
        }
        Lowering.Rule rule = lowering == null ? null : lowering.find(mn, kinds.toString());
        if (rule != null) {
            if (rule.error() != null) {
                error(loc, rule.error(), rule.hint());
                return;
            }
            List<NativeOp> natives = lower(loc, rule, ops);
            if (natives != null) add(new Insn(loc, mn, natives, Effects.portable(mn), valueCol));
        } else if (!table.forms(mn).isEmpty() && (lowering == null || !lowering.isPortable(mn) || nativeAccepts(mn, ops))) {
            add(new Insn(loc, mn, List.of(new NativeOp(mn, ops)), Effects.of(table.forms(mn).get(0)), valueCol));
        } else if (lowering != null && lowering.isPortable(mn)) {
            StringBuilder forms = new StringBuilder();
            for (Lowering.Rule r : lowering.rulesFor(mn)) forms.append(forms.length() == 0 ? "" : " | ").append(r.portable());
            List<String> names = new ArrayList<>();
            for (Op op : ops) if (op instanceof Op.Val v && v.expr() instanceof Expr.Name n) names.add(n.name());
            String habit = Habits.operands(mn, kinds.toString(), names, isa);
            error(loc, "'" + mn + "' cannot take " + Suggestions.describe(kinds.toString()), habit != null ? habit
                    : "forms: " + forms + (forms.toString().contains(" ") ? " (r register, i constant, m [reg + constant], a [address])" : ""));
        } else {
            Set<String> known = new LinkedHashSet<>();
            if (lowering != null) for (Lowering.Rule r : lowering.rules()) known.add(r.mnemonic());
            known.addAll(table.mnemonics());
            known.addAll(macros.keySet());
            String hint = Suggestions.suggest(mn, known);
            for (Isa other : Isa.all()) {
                if (!other.id().equals(isa.id()) && !other.table().forms(mn).isEmpty()) {
                    hint = "'" + mn + "' is an instruction of " + other.name() + ", not of " + isa.name()
                            + "; portable code runs on both (see docs/portable.md)";
                    break;
                }
            }
            error(loc, "unknown instruction '" + t.getText() + "'" + (lowering == null ? "" : " for " + isa.name()), hint);
        }
    }

    /** True when some native form of the mnemonic takes operands of these kinds (values aside). */
    private boolean nativeAccepts(String mn, List<Op> ops) {
        List<toyisa.isa.Operand> sample = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Op.Reg r) sample.add(toyisa.isa.Operand.reg(r.code()));
            else if (op instanceof Op.Val v) sample.add(toyisa.isa.Operand.num(v.expr() instanceof Expr.Num n ? (int) n.value() : 0x1234));
            else if (op instanceof Op.Mem m) sample.add(toyisa.isa.Operand.mem(m.base(), m.disp() instanceof Expr.Num n ? (int) n.value() : 1));
            else sample.add(toyisa.isa.Operand.abs(0));
        }
        for (Row r : table.forms(mn)) if (table.accepts(r, sample)) return true;
        return false;
    }

    /** Instantiates a lowering line with the operands; {@code %t} becomes a register no operand uses. */
    private List<NativeOp> lower(Loc loc, Lowering.Rule rule, List<Op> ops) {
        int temp = -1;
        boolean needsTemp = rule.natives().stream().flatMap(n -> n.args().stream()).anyMatch(a -> a instanceof Lowering.Arg.Temp);
        if (needsTemp) {
            Set<Integer> used = new java.util.HashSet<>();
            for (Op op : ops) {
                if (op instanceof Op.Reg r) used.add(r.code());
                if (op instanceof Op.Mem m) used.add(m.base());
            }
            boolean borrows = rule.natives().stream().anyMatch(n -> n.mnemonic().equals("push"));
            int sp = regs.code("sp");
            if (borrows && used.contains(sp)) {
                error(loc, "'" + rule.mnemonic() + "' with sp and a constant cannot be lowered for " + isa.name(),
                        "the lowering borrows a register with push/pop, which moves sp; use another register");
                return null;
            }
            for (int r : lowering.temps()) {
                if (!used.contains(r)) {
                    temp = r;
                    break;
                }
            }
        }
        List<NativeOp> out = new ArrayList<>();
        for (Lowering.Native n : rule.natives()) {
            List<Op> args = new ArrayList<>();
            for (Lowering.Arg a : n.args()) {
                if (a instanceof Lowering.Arg.Param p) args.add(ops.get(p.index()));
                else if (a instanceof Lowering.Arg.Reg r) args.add(new Op.Reg(r.code()));
                else if (a instanceof Lowering.Arg.Temp) args.add(new Op.Reg(temp));
                else {
                    Lowering.Arg.MemOf m = (Lowering.Arg.MemOf) a;
                    Op o = ops.get(m.index());
                    args.add(new Op.Mem(m.base(), o instanceof Op.Abs ab ? ab.addr() : ((Op.Val) o).expr()));
                }
            }
            out.add(new NativeOp(n.mnemonic(), List.copyOf(args)));
        }
        return out;
    }

    private void expand(Unit u, Loc loc, Macro m, PasmParser.InstructionContext in, CharStream chars) {
        List<String> args = new ArrayList<>();
        for (PasmParser.OperandContext oc : in.operand())
            args.add(chars.getText(Interval.of(oc.getStart().getStartIndex(), oc.getStop().getStopIndex())));
        if (args.size() != m.params().size()) {
            error(loc, "macro '" + m.name() + "' takes " + m.params().size() + " argument" + (m.params().size() == 1 ? "" : "s")
                    + ", not " + args.size(), m.params().isEmpty() ? null : "parameters: " + String.join(", ", m.params()));
            return;
        }
        if (u.macroDepth() >= MAX_MACRO_DEPTH) {
            error(loc, "macros expand more than " + MAX_MACRO_DEPTH + " deep (a macro that uses itself?)", null);
            return;
        }
        if (expansions >= MAX_EXPANSIONS) {
            if (!tooMany) limit(loc, "more than " + MAX_EXPANSIONS + " macro expansions", "is a macro expanding without end?");
            tooMany = true;
            return;
        }
        if (expandedLines + m.body().size() > MAX_EXPANDED_LINES) {
            if (!tooMany) limit(loc, "macros expand to more than " + MAX_EXPANDED_LINES + " lines", "is a macro expanding without end?");
            tooMany = true;
            return;
        }
        expandedLines += m.body().size();
        int id = ++expansions;
        List<String> body = new ArrayList<>();
        for (String line : m.body()) {
            String s = line.replace("\\@", Integer.toString(id));
            for (int i = 0; i < args.size(); i++) {
                s = Pattern.compile("\\b" + Pattern.quote(m.params().get(i)) + "\\b").matcher(s)
                        .replaceAll(Matcher.quoteReplacement(args.get(i)));
            }
            body.add(s);
        }
        // Name the use site; for nested expansions only the nearest one and how deep it goes.
        String note = "in macro '" + m.name() + "' used at " + loc.file() + ":" + loc.line()
                + (u.macroDepth() == 0 ? "" : " (expansion depth " + (u.macroDepth() + 1) + ")");
        unit(new Unit(m.file(), body.toArray(new String[0]), m.bodyLines().length == 0 ? new int[] {m.line()} : m.bodyLines(),
                note, u.includes(), u.macroDepth() + 1));
    }

    // ------------------------------------------------------------------ strings

    private byte[] string(Unit u, int line, Token t) {
        try {
            return Operands.unescape(t.getText(), t.getCharPositionInLine() + 1);
        } catch (Expr.Failure f) {
            error(u.loc(line, f.col), f.getMessage(), f.hint);
            return new byte[0];
        }
    }

    // ------------------------------------------------------------------ helpers

    private static int col(ParserRuleContext c) {
        return c.getStart().getCharPositionInLine() + 1;
    }

    private void add(Stmt s) {
        // Labels are not statements: 'l1: nop' is one statement, and the message counts what it says.
        boolean label = s instanceof Stmt.Label;
        if ((label ? labels : statements) >= MAX_STATEMENTS) {
            if (!tooMany) limit(s.loc(), "the program has more than " + MAX_STATEMENTS + (label ? " labels" : " statements"),
                    "is a macro expanding without end?");
            tooMany = true;
            return;
        }
        if (label) labels++;
        else statements++;
        stmts.add(s);
    }

    /** The error that stops the front end: always recorded, however many came before it. */
    private void limit(Loc loc, String message, String hint) {
        diags.add(new Diagnostic(Diagnostic.Severity.ERROR, loc.file(), loc.line(), loc.col(), message, hint, loc.text(), loc.note()));
    }

    /**
     * An error; after {@link #MAX_ERRORS} of them the front end stops reading, so a file of garbage
     * costs the time and memory of its first errors, not of all its lines.
     */
    private void error(Loc loc, String message, String hint) {
        if (tooMany) return;
        diags.add(new Diagnostic(Diagnostic.Severity.ERROR, loc.file(), loc.line(), loc.col(), message, hint, loc.text(), loc.note()));
        if (++errors >= MAX_ERRORS) {
            limit(loc, "stopping after " + MAX_ERRORS + " errors: the rest of the source is not read", "fix the first ones: later messages are often their echoes");
            tooMany = true;
        }
    }
}
