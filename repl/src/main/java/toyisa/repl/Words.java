package toyisa.repl;

import java.util.List;
import toyisa.debug.UserError;
import toyisa.isa.Isa;

/** The small words of the REPL's commands: counts, line numbers, quoted arguments, hex and quoted output. */
final class Words {
    private Words() {}

    /** A line number the user typed (digits only, checked by the caller); a huge one is no line. */
    static int lineNumber(String digits) {
        if (digits.length() > 9) throw new UserError("there is no line " + digits);
        return Integer.parseInt(digits);
    }

    static long count(String arg, String command) {
        try {
            long n = Long.parseLong(arg.strip());
            if (n < 1) throw new UserError(command + " needs a count of at least 1");
            return n;
        } catch (NumberFormatException e) {
            Commands c = Commands.find(command);
            throw new UserError("'" + arg + "' is not a count (usage: " + (c == null ? command : c.usage) + ")");
        }
    }

    static String[] words(String arg) {
        return arg.isEmpty() ? new String[0] : arg.split("\\s+");
    }

    static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1) : s;
    }

    static String cpuNames() {
        List<String> n = new java.util.ArrayList<>();
        for (Isa isa : Isa.all()) n.add(isa.id());
        return String.join(", ", n);
    }

    static String hex4(int v) {
        return String.format(java.util.Locale.ROOT, "%04X", v & 0xFFFF);
    }

    /** Program output made visible: {@code "42\n"}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '\n') sb.append("\\n");
            else if (ch == '"' || ch == '\\') sb.append('\\').append(ch);
            else if (ch < 0x20 || ch >= 0x7F) sb.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) ch));
            else sb.append(ch);
        }
        return sb.append('"').toString();
    }
}
