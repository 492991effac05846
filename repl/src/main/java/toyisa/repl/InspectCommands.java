package toyisa.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toyisa.debug.Debugger;
import toyisa.debug.CallStack;
import toyisa.debug.AddressExpression;
import toyisa.debug.UserError;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.vm.CpuState;
import toyisa.vm.Machine;

/**
 * Looking at the machine without changing it: registers, memory ({@code mem}, gdb's {@code x/NFU}),
 * expressions ({@code print}, {@code display}), code ({@code disasm}, {@code list}, {@code compare}),
 * the call stack ({@code bt}, {@code frame}, {@code up}, {@code down}) and {@code info}.
 */
final class InspectCommands {
    private final Session s;
    /** Values {@code print} showed, $1 first. */
    private final List<Integer> values = new ArrayList<>();
    /** Expressions shown at every stop. */
    private final List<Display> displays = new ArrayList<>();
    private int nextDisplay = 1;
    /** The frame {@code frame}, {@code up} and {@code down} selected: 0 is the PC's. */
    private int selected;

    private record Display(int id, String expression, String format) {}

    InspectCommands(Session s) {
        this.s = s;
    }

    private Debugger dbg() {
        return s.dbg();
    }

    /** Names mean registers, labels and {@code print}'s numbered values. */
    AddressExpression.Context context() {
        AddressExpression.Context c = dbg().context();
        return new AddressExpression.Context() {
            @Override public int pc() { return c.pc(); }
            @Override public Integer register(String name) { return c.register(name); }
            @Override public Integer label(String name) { return c.label(name); }
            @Override public int word(int address) { return c.word(address); }
            @Override public boolean hasLabels() { return c.hasLabels(); }
            @Override public Integer history(int n) { return n >= 1 && n <= values.size() ? values.get(n - 1) : null; }
        };
    }

    // ------------------------------------------------------------------ info

    void info(String arg) {
        String[] parts = arg.split("\\s+", 2);
        String what = parts[0].toLowerCase(Locale.ROOT);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        if (what.isEmpty() || "breaks".startsWith(what) || what.equals("breakpoints") || what.equals("watches") || what.equals("watchpoints")) {
            new BreakCommands(s).info();
        } else if ("labels".startsWith(what) || what.equals("symbols")) {
            if (s.image().labels.isEmpty()) {
                s.println("no labels (the program was not assembled here and its file has no symbols)");
                return;
            }
            s.image().labels.forEach((name, addr) -> s.println(Hex.addr(addr) + "  " + name));
        } else if ("history".startsWith(what)) {
            long n = dbg().historySize();
            s.println(n + (n == 1 ? " step" : " steps") + " can be undone with 'back' (the history keeps the last "
                    + dbg().historyLimit() + (dbg().historyForgotten() ? "; older steps are forgotten)" : ")"));
        } else if ("registers".startsWith(what) || what.equals("all-registers")) {
            if (rest.isEmpty()) regs();
            else registers(rest);
        } else if (what.equals("frame") || what.equals("f")) {
            infoFrame();
        } else if (what.equals("line")) {
            infoLine(rest);
        } else if (what.equals("display")) {
            if (displays.isEmpty()) s.println("no displays (add one with 'display EXPR')");
            for (Display d : displays) s.println(d.id() + ": " + (d.format() == null ? "" : "/" + d.format() + " ") + d.expression());
        } else {
            throw new UserError("info what? 'info breaks', 'info labels', 'info history', 'info registers [REG]',"
                    + " 'info frame', 'info line' or 'info display'");
        }
    }

    private void registers(String names) {
        Machine m = dbg().machine();
        for (String n : names.split("[\\s,]+")) {
            String name = n.startsWith("$") ? n.substring(1) : n;
            int v;
            String shown;
            if (name.equalsIgnoreCase("pc")) {
                v = m.pc();
                shown = "pc";
            } else if (name.equalsIgnoreCase("flags") || name.equalsIgnoreCase("eflags") || name.equalsIgnoreCase("cpsr")) {
                s.println(String.format(Locale.ROOT, "%-6s %s", "flags", m.state().formatFlags()));
                continue;
            } else {
                int code = dbg().cpu().registers().code(name);
                if (code < 0 || code >= m.registerCount()) throw new UserError("no register " + name + " on " + dbg().cpu().name());
                v = m.register(code);
                shown = dbg().cpu().registers().name(code);
            }
            s.println(String.format(Locale.ROOT, "%-6s %s  %d%s", shown, Words.hex4(v), v, (short) v < 0 ? " (signed " + (short) v + ")" : ""));
        }
    }

    private void infoLine(String arg) {
        int at = arg.isEmpty() ? dbg().machine().pc() : s.location(arg);
        Image.Line l = s.image().lineAt(at);
        if (l == null) {
            s.println(Hex.addr(at) + " is not in the program's source" + (s.image().lines.isEmpty() ? " (the program has no source lines)" : ""));
            return;
        }
        s.println("line " + l.line() + " of " + l.file() + " starts at " + s.report().describe(l.address()).replaceFirst(",.*", "")
                + " and ends before " + Hex.addr(l.address() + l.length()) + " (" + l.length() + (l.length() == 1 ? " byte)" : " bytes)"));
    }

    // ------------------------------------------------------------------ the call stack

    void resetFrame() {
        selected = 0;
    }

    int selectedFrame() {
        return Math.min(selected, dbg().frames().depth());
    }

    /** Frame k: its PC (the PC, or where the frame inside it was called from) and the routine it is in. */
    private int framePc(List<CallStack.Frame> f, int k) {
        return k == 0 ? dbg().machine().pc() : f.get(k - 1).callSite();
    }

    private String routine(List<CallStack.Frame> f, int k, int pc) {
        if (k < f.size()) {
            int entry = f.get(k).entry();
            String label = s.image().labelAt(entry);
            return label != null ? label : Hex.addr(entry);
        }
        // The outermost frame: the label the PC is at or after.
        String sym = s.image().symbolize(pc);
        if (sym != null) return sym.replaceFirst("\\+.*", "");
        return "??";
    }

    /** {@code 0112h <fact+6> in fact, fact.pasm:9}. */
    String frameName(int k) {
        List<CallStack.Frame> f = dbg().frames().list();
        int pc = framePc(f, k);
        StringBuilder sb = new StringBuilder(Hex.addr(pc));
        String sym = s.image().symbolize(pc);
        if (sym != null) sb.append(" <").append(sym).append('>');
        sb.append(" in ").append(routine(f, k, pc));
        Image.Line l = s.image().lineAt(pc);
        if (l != null) sb.append(", ").append(l.file()).append(':').append(l.line());
        return sb.toString();
    }

    void backtrace() {
        List<CallStack.Frame> f = dbg().frames().list();
        for (int k = 0; k <= f.size(); k++) {
            String line = "#" + k + "  " + frameName(k);
            if (k < f.size()) line += "  (returns to " + Hex.addr(f.get(k).returnTo()) + ")";
            s.println(line);
            if (k >= 255 && f.size() > 300) {
                s.println("(" + (f.size() - k) + " more frames: a deep recursion)");
                break;
            }
        }
    }

    /** {@code frame [N]} (direction 0), {@code up [N]} (1), {@code down [N]} (-1). */
    void frame(String arg, int direction) {
        int depth = dbg().frames().depth();
        int n = arg.isEmpty() ? (direction == 0 ? selected : 1) : (int) Math.min(Integer.MAX_VALUE, direction == 0 ? frameNumber(arg) : Words.count(arg, direction > 0 ? "up" : "down"));
        int target = direction == 0 ? n : selected + direction * n;
        if (target < 0) throw new UserError("already at the innermost frame (#0)");
        if (target > depth) {
            if (direction > 0) throw new UserError("already at the outermost frame (#" + depth + ")");
            throw new UserError("no frame #" + target + " (the stack has " + (depth + 1) + (depth == 0 ? " frame)" : " frames)"));
        }
        selected = target;
        s.println("#" + selected + "  " + frameName(selected));
        int pc = framePc(dbg().frames().list(), selected);
        s.report().showSourceLine(pc);
    }

    private static long frameNumber(String arg) {
        try {
            long n = Long.parseLong(arg.strip());
            if (n < 0) throw new UserError("frame numbers start at 0");
            return n;
        } catch (NumberFormatException e) {
            throw new UserError("'" + arg + "' is not a frame number (see 'bt')");
        }
    }

    private void infoFrame() {
        List<CallStack.Frame> f = dbg().frames().list();
        s.println("frame #" + selected + ": " + frameName(selected));
        if (selected < f.size()) {
            CallStack.Frame fr = f.get(selected);
            s.println("  called from " + s.report().describe(fr.callSite()) + " (frame #" + (selected + 1) + "), returns to "
                    + s.report().describe(fr.returnTo()));
            s.println("  entered at " + s.report().describe(fr.entry()) + "; sp before the call " + Hex.addr(fr.spBefore())
                    + ", the return address at " + Hex.addr(fr.spBefore() - 2));
        } else {
            s.println("  the outermost frame: the program started here at " + s.report().describe(s.image().program.entry()));
        }
    }

    // ------------------------------------------------------------------ expressions

    void print(String arg, String format) {
        if (arg.isEmpty()) {
            if (values.isEmpty()) throw new UserError("usage: " + Commands.PRINT.usage);
            arg = "$" + values.size();
        }
        int v = s.address(arg);
        String shown = formatValue(v, format);
        values.add(v);
        s.println("$" + values.size() + " = " + shown);
    }

    /** A value as {@code print} shows it: {@code 42 (002Ah)}, or in the format asked for. */
    static String formatValue(int v, String format) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        switch (f) {
            case "":
                return v + " (" + Words.hex4(v) + "h" + ((short) v < 0 ? ", signed " + (short) v : "") + ")";
            case "x": return Words.hex4(v) + "h";
            case "d": return Integer.toString((short) v);
            case "u": return Integer.toString(v);
            case "o": return "0o" + Integer.toOctalString(v);
            case "t": return String.format(Locale.ROOT, "%16s", Integer.toBinaryString(v)).replace(' ', '0') + "b";
            case "c": return v + " " + charText(v);
            default: throw new UserError("unknown format /" + format + " (x hex, d signed, u unsigned, o octal, t binary, c character)");
        }
    }

    private static String charText(int v) {
        int c = v & 0xFF;
        if (c == '\n') return "'\\n'";
        if (c == 0) return "'\\0'";
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format(Locale.ROOT, "'\\x%02X'", c);
    }

    void display(String arg, String format) {
        if (arg.isEmpty()) {
            if (displays.isEmpty()) s.println("no displays (add one with 'display EXPR')");
            showDisplays();
            return;
        }
        Display d = new Display(nextDisplay, arg, format);
        showDisplay(d); // shows it once now, and checks it reads
        nextDisplay++;
        displays.add(d);
    }

    void undisplay(String arg) {
        if (arg.isEmpty()) {
            int n = displays.size();
            displays.clear();
            s.println(n == 0 ? "no displays to delete" : "deleted " + n + (n == 1 ? " display" : " displays"));
            return;
        }
        for (String w : arg.split("[\\s,]+")) {
            int id;
            try {
                id = Integer.parseInt(w);
            } catch (NumberFormatException e) {
                throw new UserError("'" + w + "' is not a display number (see 'info display')");
            }
            if (!displays.removeIf(d -> d.id() == id)) throw new UserError("no display " + id + " (see 'info display')");
            s.println("deleted display " + id);
        }
    }

    /** The displays, after every stop; one that cannot be shown any more says why. */
    void showDisplays() {
        for (Display d : displays) {
            try {
                showDisplay(d);
            } catch (UserError e) {
                s.println(d.id() + ": " + d.expression() + " = (" + e.getMessage() + ")");
            }
        }
    }

    private void showDisplay(Display d) {
        String f = d.format() == null ? null : d.format().toLowerCase(Locale.ROOT);
        if (f != null && f.matches("\\d+.*|.*[isbhwg].*")) {
            s.println(d.id() + ": x/" + d.format() + " " + d.expression());
            examine(d.format(), d.expression());
            return;
        }
        int v = s.address(d.expression());
        s.println(d.id() + ": " + (d.format() == null ? "" : "/" + d.format() + " ") + d.expression() + " = " + formatValue(v, d.format()));
    }

    // ------------------------------------------------------------------ memory

    /** gdb's {@code x/NFU ADDR}. */
    void examine(String format, String arg) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d*)([a-zA-Z]*)").matcher(format);
        if (!m.matches()) throw new UserError("cannot read the format '/" + format + "' (usage: " + Commands.EXAMINE.usage + ")");
        int n = m.group(1).isEmpty() ? 1 : (int) Math.min(Session.MAX_DUMP + 1L, m.group(1).length() > 6 ? Session.MAX_DUMP + 1L : Long.parseLong(m.group(1)));
        if (n < 1) throw new UserError("x needs a count of at least 1");
        if (n > Session.MAX_DUMP) throw new UserError("x shows at most " + Session.MAX_DUMP + " units at a time");
        char fmt = 'x', unit = 'h';
        for (char ch : m.group(2).toLowerCase(Locale.ROOT).toCharArray()) {
            if ("xduotcsia".indexOf(ch) >= 0) fmt = ch == 'a' ? 'x' : ch;
            else if ("bhwg".indexOf(ch) >= 0) unit = ch;
            else throw new UserError("unknown format letter '" + ch + "' in x/" + format
                    + " (formats x d u o t c s i, sizes b h; usage: " + Commands.EXAMINE.usage + ")");
        }
        if (arg.isEmpty()) throw new UserError("usage: " + Commands.EXAMINE.usage);
        int at = s.address(arg);
        Machine mach = dbg().machine();
        if (fmt == 'i') {
            if (n > Session.MAX_LISTING) throw new UserError("x/i shows at most " + Session.MAX_LISTING + " instructions at a time");
            int pc = mach.pc();
            for (int i = 0; i < n; i++) {
                s.println((at == pc ? "=> " : "   ") + s.report().instructionLine(at));
                at = (at + mach.decodeAt(at).length()) & 0xFFFF;
            }
            return;
        }
        if (fmt == 's') {
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                int a = at;
                while (sb.length() < 256 && mach.readByte(a) != 0) {
                    sb.append((char) mach.readByte(a));
                    a = (a + 1) & 0xFFFF;
                }
                s.println(where(at) + "  " + Words.quote(sb.toString()) + (sb.length() >= 256 ? "..." : ""));
                at = (a + 1) & 0xFFFF;
            }
            return;
        }
        int size = unit == 'b' || fmt == 'c' ? 1 : 2;
        int perLine = 8;
        for (int i = 0; i < n; i += perLine) {
            StringBuilder line = new StringBuilder(where(at)).append(' ');
            for (int j = i; j < Math.min(n, i + perLine); j++) {
                int v = size == 1 ? mach.readByte(at) : dbg().word(at);
                line.append(' ').append(unitText(v, fmt, size));
                at = (at + size) & 0xFFFF;
            }
            s.println(line.toString().stripTrailing());
        }
    }

    private String where(int at) {
        String sym = s.image().symbolize(at);
        return Hex.addr(at) + (sym == null ? "" : " <" + sym + ">") + ":";
    }

    private static String unitText(int v, char fmt, int size) {
        switch (fmt) {
            case 'd': return Integer.toString(size == 1 ? (byte) v : (short) v);
            case 'u': return Integer.toString(v);
            case 'o': return "0o" + Integer.toOctalString(v);
            case 't': return String.format(Locale.ROOT, "%" + size * 8 + "s", Integer.toBinaryString(v)).replace(' ', '0');
            case 'c': return v + " " + charText(v);
            default: return size == 1 ? Hex.byteHex(v) : Words.hex4(v);
        }
    }

    void regs() {
        Machine m = dbg().machine();
        CpuState now = m.state();
        String flags = flagText(now, s.previous);
        s.println("pc=" + Hex.addr(now.pc()) + "  " + flags + (m.isStopped() ? "  [" + StopReport.stoppedText(m.result()) + "]" : ""));
        StringBuilder line = new StringBuilder();
        int[] r = now.registers(), p = s.previous.registers();
        for (int i = 0; i < r.length; i++) {
            String cell = now.names().name(i) + "=" + Words.hex4(r[i]);
            String shown = i < p.length && p[i] != r[i] ? s.style().changed(cell) : s.style().unchanged(cell);
            line.append(shown).append(" ".repeat(Math.max(1, 10 - cell.length())));
            if (i % 8 == 7 || i == r.length - 1) {
                s.println(line.toString().stripTrailing());
                line.setLength(0);
            }
        }
    }

    private String flagText(CpuState now, CpuState before) {
        List<String> parts = new ArrayList<>();
        String names = now.flagNames();
        for (int i = 0; i < names.length(); i++) {
            char f = names.charAt(i);
            String cell = f + "=" + (now.flag(f) ? 1 : 0);
            boolean changed = before.flagNames().equals(names) && before.flag(f) != now.flag(f);
            parts.add(changed ? s.style().changed(cell).stripTrailing() : cell);
        }
        return String.join(" ", parts);
    }

    void mem(String arg) {
        String[] a = Words.words(arg);
        if (a.length == 0 || a.length > 2) throw new UserError("usage: " + Commands.MEM.usage);
        int start = s.address(a[0]);
        int len = a.length > 1 ? (int) Math.min(Session.MAX_DUMP + 1L, Words.count(a[1], "mem")) : 64;
        if (len > Session.MAX_DUMP) throw new UserError("mem shows at most " + Session.MAX_DUMP + " bytes at a time");
        Machine m = dbg().machine();
        for (int off = 0; off < len; off += 16) {
            int n = Math.min(16, len - off);
            StringBuilder hex = new StringBuilder(), ascii = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (i == 8) hex.append(' ');
                if (i < n) {
                    int v = m.readByte(start + off + i);
                    hex.append(Hex.byteHex(v)).append(' ');
                    ascii.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
                } else {
                    hex.append("   ");
                }
            }
            s.println(Hex.addr(start + off) + "  " + hex + " " + ascii);
        }
    }

    void disasm(String arg) {
        String[] a = Words.words(arg);
        if (a.length > 2) throw new UserError("usage: " + Commands.DISASM.usage);
        int at = a.length > 0 ? s.address(a[0]) : dbg().machine().pc();
        int n = a.length > 1 ? (int) Math.min(Session.MAX_LISTING + 1L, Words.count(a[1], "disasm")) : 8;
        if (n > Session.MAX_LISTING) throw new UserError("disasm shows at most " + Session.MAX_LISTING + " instructions at a time");
        int pc = dbg().machine().pc();
        for (int i = 0; i < n; i++) {
            String label = s.image().labelAt(at);
            if (label != null) s.println(label + ":");
            String mark = (dbg().hasBreakpoint(at) ? "*" : " ") + (at == pc ? "=>" : "  ");
            String line = mark + " " + s.report().instructionLine(at, false);
            s.println(at == pc ? s.style().current(line) : line);
            at = (at + dbg().machine().decodeAt(at).length()) & 0xFFFF;
        }
    }

    void list(String arg) {
        Image img = s.image();
        if (img.lines.isEmpty()) throw new UserError("no source: load a source file (.pasm, .s, .asm) or a TXF with a line table");
        String file;
        int center;
        int pcLine = -1;
        Image.Line here = img.lineAt(dbg().machine().pc());
        if (arg.isEmpty()) {
            int at = framePc(dbg().frames().list(), Math.min(selected, dbg().frames().depth()));
            Image.Line l = img.lineAt(at);
            if (l == null) throw new UserError("the PC (" + Hex.addr(dbg().machine().pc()) + ") is not in the program's source; try 'list 1' or 'disasm'");
            file = l.file();
            center = l.line();
        } else {
            int colon = arg.lastIndexOf(':');
            if (arg.matches("\\d+")) {
                file = here != null ? here.file() : img.mainFile();
                center = Words.lineNumber(arg);
            } else if (colon > 0 && arg.substring(colon + 1).matches("\\d+")) {
                file = arg.substring(0, colon);
                center = Words.lineNumber(arg.substring(colon + 1));
            } else {
                Image.Line l = img.lineAt(s.address(arg));
                if (l == null) throw new UserError("'" + arg + "' is not in the program's source");
                file = l.file();
                center = l.line();
            }
        }
        List<String> text = img.source(file);
        if (text == null) throw new UserError("cannot read the source file '" + file + "'");
        if (center < 1 || center > text.size()) throw new UserError(file + " has " + text.size() + " lines");
        if (here != null && Image.sameFile(here.file(), file)) pcLine = here.line();
        int from = Math.max(1, center - 5), to = Math.min(text.size(), center + 5);
        for (int l = from; l <= to; l++) {
            int addr = img.addressOf(file, l);
            String mark = (addr >= 0 && dbg().hasBreakpoint(addr) ? "*" : " ") + (l == pcLine ? "=>" : "  ");
            String line = String.format(java.util.Locale.ROOT, "%s %4d  %s", mark, l, text.get(l - 1)).stripTrailing();
            s.println(l == pcLine ? s.style().current(line) : line);
        }
    }

    void compare(String arg) {
        String[] a = Words.words(arg);
        if (a.length > 2) throw new UserError("usage: " + Commands.COMPARE.usage);
        int start = a.length > 0 ? s.address(a[0]) : dbg().machine().pc();
        int n = a.length > 1 ? (int) Math.min(Session.MAX_LISTING + 1L, Words.count(a[1], "compare")) : 8;
        if (n > Session.MAX_LISTING) throw new UserError("compare shows at most " + Session.MAX_LISTING + " instructions at a time");
        byte[] mem = dbg().machine().readMemory(0, 0x10000);
        List<Isa> cpus = Isa.all();
        List<List<String>> columns = new ArrayList<>();
        for (Isa isa : cpus) {
            List<String> col = new ArrayList<>();
            col.add(isa.name() + (isa.machine() == dbg().cpu().machine() ? " (this CPU)" : ""));
            int at = start;
            for (int i = 0; i < n; i++) {
                Instruction insn = isa.decode(mem, at);
                col.add(Hex.addr(at) + "  " + String.format(java.util.Locale.ROOT, "%-11s", Hex.bytes(insn.bytes())) + "  " + StopReport.text(isa, insn));
                at = (at + insn.length()) & 0xFFFF;
            }
            columns.add(col);
        }
        for (int row = 0; row <= n; row++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                String cell = columns.get(c).get(row);
                sb.append(c == columns.size() - 1 ? cell : String.format(java.util.Locale.ROOT, "%-42s| ", cell));
            }
            s.println(sb.toString().stripTrailing());
        }
    }
}
