package toyisa.lsp;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import toyisa.asm.Assembly;
import toyisa.asm.Definition;
import toyisa.asm.Words;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.isa.Row;
import toyisa.vm.HalService;

/**
 * What the editor shows under the mouse: for an instruction its bytes on each CPU (the rows
 * {@code toyisa asm --listing} prints) and the reference card's row of each native instruction they
 * decode to; for a label or constant its value on each CPU; for a HAL service number what it does.
 */
final class Hovers {
    private Hovers() {}

    static Hover at(Analysis a, Position pos) {
        List<SourceLine> lines = a.lines();
        if (pos.getLine() < 0 || pos.getLine() >= lines.size()) return null;
        SourceLine sl = lines.get(pos.getLine());
        SourceLine.Piece p = sl.at(pos.getCharacter());
        if (p == null || (sl.comment >= 0 && pos.getCharacter() > sl.comment)) return null;
        String text = switch (p.role()) {
            case MNEMONIC -> instruction(a, sl, pos.getLine() + 1);
            case LABEL_DEF, CONSTANT_DEF, NAME, MACRO_DEF, MACRO_USE -> name(a, p.text());
            case NUMBER -> number(sl, p);
            case REGISTER -> register(p.text());
            default -> null;
        };
        if (text == null) return null;
        Range r = new Range(new Position(pos.getLine(), p.start()), new Position(pos.getLine(), p.end()));
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text), r);
    }

    /** The bytes of a line on one CPU, or null when it made none there (or the CPU reports errors). */
    static byte[] bytesOf(Assembly asm, String file, int line) {
        if (!asm.ok()) return null;
        byte[] bin = asm.binary();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int first = -1;
        for (Assembly.SourceLine l : asm.lines()) {
            if (l.line() != line || !l.file().equals(file)) continue;
            if (first < 0) first = l.address();
            out.write(bin, l.address() - asm.origin(), l.length());
        }
        return first < 0 ? null : out.toByteArray();
    }

    private static int addressOf(Assembly asm, String file, int line) {
        for (Assembly.SourceLine l : asm.lines()) if (l.line() == line && l.file().equals(file)) return l.address();
        return -1;
    }

    private static String instruction(Analysis a, SourceLine sl, int line) {
        StringBuilder sb = new StringBuilder("```pasm\n").append(code(sl)).append("\n```\n");
        for (Assembly asm : a.slices) {
            Isa isa = asm.target();
            sb.append("\n**").append(isa.name()).append("**");
            byte[] bytes = bytesOf(asm, a.fileName, line);
            if (bytes == null) {
                sb.append(asm.ok() ? ": no bytes\n" : ": does not assemble (" + asm.errors().size() + " error"
                        + (asm.errors().size() == 1 ? "" : "s") + ")\n");
                continue;
            }
            int address = addressOf(asm, a.fileName, line);
            sb.append(" at `").append(Hex.addr(address)).append("`: `").append(Hex.bytes(bytes)).append("`\n\n");
            // The reference card's row of each native instruction, read back by the CPU's own decoder.
            byte[] image = new byte[0x10000];
            byte[] bin = asm.binary();
            System.arraycopy(bin, 0, image, asm.origin(), Math.min(bin.length, image.length - asm.origin()));
            for (int at = address; at < address + bytes.length; ) {
                Instruction insn = isa.decode(image, at);
                if (insn.isIllegal() || insn.length() <= 0) break;
                Row row = insn.row();
                sb.append("- `").append(isa.disassemble(insn)).append("` — `").append(row.form()).append("` `").append(row.syntax())
                        .append("`: ").append(row.description()).append(" (flags: ").append(row.flags()).append(")\n");
                at += insn.length();
            }
        }
        return sb.toString();
    }

    private static String code(SourceLine sl) {
        String s = sl.comment >= 0 ? sl.text.substring(0, sl.comment) : sl.text;
        return s.strip();
    }

    private static String name(Analysis a, String name) {
        Definition d = a.definition(name);
        if (d == null) return null;
        StringBuilder sb = new StringBuilder();
        switch (d.kind()) {
            case MACRO -> {
                sb.append("```pasm\n.macro ").append(d.name()).append(d.params().isEmpty() ? "" : " " + String.join(", ", d.params()))
                        .append("\n```\nmacro, defined at ").append(where(a, d)).append('\n');
                return sb.toString();
            }
            case LABEL -> sb.append("label `").append(d.name()).append("`, defined at ").append(where(a, d)).append("\n\n");
            case CONSTANT -> sb.append("constant `").append(d.name()).append("` (.equ), defined at ").append(where(a, d)).append("\n\n");
        }
        for (Assembly asm : a.slices) {
            Integer v = asm.symbols().get(d.name());
            sb.append("- **").append(asm.target().name()).append("**: ");
            if (v == null) sb.append("no value (does not assemble)\n");
            else sb.append(d.kind() == Definition.Kind.LABEL ? "address " + Hex.addr(v) : "value " + Hex.imm(v) + " (" + v + ")").append('\n');
        }
        return sb.toString();
    }

    private static String where(Analysis a, Definition d) {
        String file = d.file().equals(a.fileName) ? "line " : java.nio.file.Path.of(d.file()).getFileName() + ":";
        return file + d.line();
    }

    /** A number: a HAL service where the line puts it in {@code a}, the HAL itself after {@code int}. */
    private static String number(SourceLine sl, SourceLine.Piece p) {
        long v = Words.number(p.text());
        SourceLine.Piece mn = sl.mnemonic();
        if (v < 0 || mn == null) return null;
        String m = mn.text().toLowerCase(Locale.ROOT);
        if (m.equals("int") && v == 0x13) {
            StringBuilder sb = new StringBuilder("`int 13h`: call the HAL — the service number in `a`, its argument in `c`:\n\n");
            for (HalService s : HalService.values()) sb.append("- `").append(Hex.imm(s.number)).append("` ").append(s.title).append(": ").append(s.description).append('\n');
            return sb.toString();
        }
        List<SourceLine.Piece> ps = sl.pieces;
        int i = ps.indexOf(mn);
        boolean intoA = m.equals("mov") && i + 3 < ps.size() && ps.get(i + 1).text().equalsIgnoreCase("a")
                && ps.get(i + 2).text().equals(",") && ps.get(i + 3) == p;
        HalService s = HalService.of((int) v);
        if (!intoA || s == null) return null;
        return "HAL service `" + Hex.imm(s.number) + "` (" + s.title + "), when `int 13h` follows: " + s.description + "\n";
    }

    private static String register(String name) {
        StringBuilder sb = new StringBuilder("register `").append(name).append("`\n\n");
        for (Isa isa : Isa.all()) {
            int code = isa.registers().code(name);
            sb.append("- **").append(isa.name()).append("**: ").append(code < 0 ? "no such register" : isa.registers().name(code) + " (code " + code + ")").append('\n');
        }
        return sb.toString();
    }
}
