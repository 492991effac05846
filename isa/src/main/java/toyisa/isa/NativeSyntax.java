package toyisa.isa;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one line of a CPU's native assembly with literal operands, exactly what the disassembler
 * prints: {@code and r10, 1022h}, {@code mov c, [b + 4]}, {@code jz 0110h}. The portable
 * assembler has the full language (labels, expressions); this is the inverse of the disassembler, used
 * for round trips, reference-card examples and one-line patches.
 */
public final class NativeSyntax {
    private NativeSyntax() {}

    /** A mnemonic and its operands. */
    public record Line(String mnemonic, List<Operand> operands) {}

    public static Line parse(String text, Registers regs) throws EncodingException {
        String s = text.strip();
        int semi = s.indexOf(';');
        if (semi >= 0) s = s.substring(0, semi).strip();
        if (s.isEmpty()) throw new EncodingException("empty instruction");
        int sp = s.indexOf(' ');
        String mnemonic = sp < 0 ? s : s.substring(0, sp);
        List<Operand> ops = new ArrayList<>();
        if (sp >= 0) {
            for (String part : s.substring(sp + 1).split(",")) ops.add(operand(part.strip(), regs));
        }
        return new Line(mnemonic, ops);
    }

    private static Operand operand(String t, Registers regs) throws EncodingException {
        if (t.isEmpty()) throw new EncodingException("missing operand");
        if (t.startsWith("[")) {
            if (!t.endsWith("]")) throw new EncodingException("unclosed '[' in " + t);
            String in = t.substring(1, t.length() - 1).strip();
            int plus = in.indexOf('+'), minus = in.indexOf('-');
            int at = plus >= 0 ? plus : minus;
            String base = (at >= 0 ? in.substring(0, at) : in).strip();
            int code = regs.code(base);
            if (code < 0) {
                if (at >= 0) throw new EncodingException("'" + base + "' is not a register");
                return Operand.abs(number(in));
            }
            int disp = at < 0 ? 0 : number(in.substring(at + 1).strip());
            return Operand.mem(code, plus >= 0 || at < 0 ? disp : -disp);
        }
        int code = regs.code(t);
        if (code >= 0) return Operand.reg(code);
        return Operand.num(number(t));
    }

    /** {@code 42}, {@code -2}, {@code 10h}, {@code 0x10}, {@code 0b1010}, {@code 'A'}. */
    public static int number(String t) throws EncodingException {
        String s = t.strip().toLowerCase(java.util.Locale.ROOT);
        boolean neg = s.startsWith("-");
        if (neg) s = s.substring(1).strip();
        long v;
        try {
            if (s.length() == 3 && s.startsWith("'") && s.endsWith("'")) v = t.strip().charAt(neg ? 2 : 1);
            else if (s.startsWith("0x")) v = Long.parseLong(s.substring(2), 16);
            else if (s.endsWith("h")) v = Long.parseLong(s.substring(0, s.length() - 1), 16); // before 0b: 0B3h is hex
            else if (s.startsWith("0b")) v = Long.parseLong(s.substring(2), 2);
            else v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new EncodingException("'" + t + "' is neither a register nor a number");
        }
        if (v > 0xFFFF) throw new EncodingException(t + " does not fit in 16 bits");
        return (int) (neg ? -v : v) & 0xFFFF;
    }
}
