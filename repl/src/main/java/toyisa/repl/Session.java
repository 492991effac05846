package toyisa.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.asm.IncludeResolver;
import toyisa.isa.EncodingException;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.isa.NativeSyntax;
import toyisa.vm.CpuState;
import toyisa.vm.FaultReport;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.RunResult;
import toyisa.vm.Step;

/**
 * The REPL's command interpreter: one line of text in, text out, over a {@link Debugger}. It knows
 * nothing about terminals — the JLine layer ({@link TerminalRepl}) and the script runner feed it lines
 * and show what it writes, which is also how the golden transcripts test it.
 *
 * <p>A command never throws: a bad command, a bad address or a faulting program gets a message
 * and the session goes on.
 */
public final class Session {
    /** Longest {@code mem} dump and {@code disasm}/{@code compare} listing, so a typo cannot flood the screen. */
    static final int MAX_DUMP = 4096;
    static final int MAX_LISTING = 512;
    /** Memory changes a multi-step stop report lists before it summarizes. */
    static final int MAX_SHOWN_WRITES = 32;

    private final Debugger dbg;
    private final PrintWriter out;
    private final Style style;
    private final Path base;
    private boolean trace;
    private boolean quit;
    private boolean atLineStart = true;
    /** The state before the last command that executed instructions: what {@code regs} marks as changed. */
    private CpuState previous;

    /**
     * @param cpu     the CPU to start with
     * @param out     where everything goes (program output too, interleaved as it happens)
     * @param style   plain or ANSI
     * @param base    directory relative file names are resolved from
     * @param history steps {@code back} can undo
     */
    public Session(Isa cpu, PrintWriter out, Style style, Path base, int history) {
        this.dbg = new Debugger(cpu, history);
        this.out = out;
        this.style = style;
        this.base = base;
        this.previous = dbg.machine().state();
    }

    public Session(Isa cpu, PrintWriter out, Style style, Path base) {
        this(cpu, out, style, base, Debugger.DEFAULT_HISTORY);
    }

    Debugger debugger() {
        return dbg;
    }

    public boolean quitting() {
        return quit;
    }

    /** Interrupts a running {@code continue} or {@code step N} (Ctrl-C; called from another thread). */
    public void interrupt() {
        dbg.interrupt();
    }

    public void setBudget(long budget) {
        dbg.setBudget(budget);
    }

    public void setInput(byte[] input) {
        dbg.setInput(input);
    }

    /** The prompt: the CPU and the PC, e.g. {@code armistice 0104h> }. */
    public String prompt() {
        Machine m = dbg.machine();
        String where = m.isStopped() ? stoppedWord(m.outcome()) : Hex.addr(m.pc());
        return dbg.cpu().id() + " " + where + "> ";
    }

    private static String stoppedWord(Outcome o) {
        switch (o) {
            case HALT: return "halted";
            case EXIT: return "exited";
            case FAULT: return "faulted";
            case BUDGET: return "hung";
            default: return "stopped";
        }
    }

    // ------------------------------------------------------------------ entry points

    /** Loads the file given on the command line; false (after a message) when it cannot be loaded. */
    public boolean loadFile(String name) {
        try {
            load(name);
            return true;
        } catch (UserError e) {
            error(e.getMessage());
            return false;
        } finally {
            out.flush();
        }
    }

    /**
     * Runs commands from a script or a pipe: each command is echoed after {@code > } so the
     * output reads as a transcript; {@code #} lines are narration and are echoed as they are.
     */
    public void runScript(Reader reader) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        String line;
        while (!quit && (line = r.readLine()) != null) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                println(t);
                continue;
            }
            println("> " + t);
            execute(t);
        }
        out.flush();
    }

    /** True for the commands an empty line repeats on a terminal: step, next and back. */
    static boolean isRepeatable(String line) {
        String[] parts = line.strip().split("\\s+", 2);
        Commands c = parts[0].isEmpty() ? null : Commands.find(parts[0]);
        return c == Commands.STEP || c == Commands.NEXT || c == Commands.BACK;
    }

    /** Executes one command line. Never throws. */
    public void execute(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) return;
        String[] parts = text.split("\\s+", 2);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        Commands c = Commands.find(parts[0]);
        try {
            if (c == null) throw unknown(parts[0]);
            dispatch(c, rest);
        } catch (UserError e) {
            error(e.getMessage());
        } catch (RuntimeException e) {
            // A bug in the debugger must not end the session: say what happened and carry on.
            error("internal error: " + e);
        }
        out.flush();
    }

    private UserError unknown(String word) {
        List<String> like = Commands.namesStartingWith(word);
        if (like.size() > 1) return new UserError("'" + word + "' could be: " + String.join(", ", like));
        return new UserError("unknown command '" + word + "' (type 'help' for the list)");
    }

    private void dispatch(Commands c, String arg) {
        switch (c) {
            case STEP: cmdStep(arg); break;
            case BACK: cmdBack(arg); break;
            case NEXT: noArgument(c, arg); execution(cb -> dbg.next(cb)); break;
            case CONTINUE: noArgument(c, arg); execution(cb -> dbg.run(Long.MAX_VALUE, cb)); break;
            case BREAK: cmdBreak(arg); break;
            case DELETE: cmdDelete(arg); break;
            case WATCH: cmdWatch(arg); break;
            case INFO: cmdInfo(arg); break;
            case REGS: noArgument(c, arg); cmdRegs(); break;
            case MEM: cmdMem(arg); break;
            case DISASM: cmdDisasm(arg); break;
            case LIST: cmdList(arg); break;
            case TRACE: cmdTrace(arg); break;
            case CPU: cmdCpu(arg); break;
            case LOAD: cmdLoad(arg); break;
            case ASM: cmdAsm(arg); break;
            case SET: cmdSet(arg); break;
            case COMPARE: cmdCompare(arg); break;
            case RESET: noArgument(c, arg); cmdReset(); break;
            case HELP: cmdHelp(arg); break;
            case QUIT: quit = true; break;
            default: throw new UserError("'" + c.name + "' is not available");
        }
    }

    private static void noArgument(Commands c, String arg) {
        if (!arg.isEmpty()) throw new UserError("'" + c.name + "' takes no argument (usage: " + c.usage + ")");
    }

    // ------------------------------------------------------------------ executing instructions

    private void cmdStep(String arg) {
        long n = arg.isEmpty() ? 1 : count(arg, "step");
        execution(cb -> dbg.run(n, cb));
    }

    private interface Execution {
        Debugger.Stop run(Consumer<Step> listener);
    }

    /** Runs instructions, streaming trace lines and program output, then reports the stop. */
    private void execution(Execution how) {
        Machine m = dbg.machine();
        if (m.isStopped()) {
            message("the program has " + stoppedText(m.result()) + "; 'back' steps back, 'reset' starts again");
            return;
        }
        CpuState before = m.state();
        Map<Integer, int[]> writes = new TreeMap<>();
        int[] extraWrites = {0};
        Debugger.Stop stop = how.run(s -> {
            if (trace) println("  " + s.traceLine());
            if (!s.output().isEmpty()) programOutput(s.output());
            for (Step.MemoryWrite w : s.writes()) {
                int[] old = writes.get(w.address());
                if (old != null) old[1] = w.newValue();
                else if (writes.size() < MAX_SHOWN_WRITES) writes.put(w.address(), new int[] {w.oldValue(), w.newValue()});
                else extraWrites[0]++;
            }
        });
        previous = before;
        switch (stop.reason()) {
            case BREAKPOINT:
                Debugger.Breakpoint b = stop.breakpoint();
                message("breakpoint " + b.id() + ", " + describe(b.address()));
                break;
            case WATCH:
                Debugger.Watch w = stop.watch();
                message("watch " + w.id() + ": " + w.spec() + " changed from " + hex4(stop.oldValue()) + " to " + hex4(stop.newValue()));
                break;
            case INTERRUPTED:
                message("interrupted after " + stop.steps() + (stop.steps() == 1 ? " instruction" : " instructions"));
                break;
            default:
                break;
        }
        showChanges(before, m.state(), writes, extraWrites[0]);
        if (m.isStopped()) showEnd(m.result());
        else showLocation();
    }

    private void cmdBack(String arg) {
        int n = arg.isEmpty() ? 1 : (int) Math.min(Integer.MAX_VALUE, count(arg, "back"));
        Machine m = dbg.machine();
        CpuState before = m.state();
        byte[] memBefore = m.readMemory(0, 0x10000);
        Debugger.Back b = dbg.back(n);
        if (b.undone() == 0) {
            message(b.forgotten()
                    ? "nothing more to undo: the history keeps only the last " + dbg.historyLimit() + " steps"
                    : "nothing to undo: this is where the program started");
            return;
        }
        previous = before;
        if (b.exhausted()) {
            message("went back " + b.undone() + (b.undone() == 1 ? " step" : " steps") + ", "
                    + (b.forgotten() ? "as far as the history goes (it keeps the last " + dbg.historyLimit() + " steps)"
                                     : "to the start of the program"));
        }
        Map<Integer, int[]> writes = new TreeMap<>();
        int extra = 0;
        for (int a = 0; a < 0x10000; a++) {
            int now = m.readByte(a);
            if (now == (memBefore[a] & 0xFF)) continue;
            if (writes.size() < MAX_SHOWN_WRITES) writes.put(a, new int[] {memBefore[a] & 0xFF, now});
            else extra++;
        }
        showChanges(before, m.state(), writes, extra);
        if (!b.outputTaken().isEmpty()) println("  output taken back: " + quote(b.outputTaken()));
        showLocation();
    }

    // ------------------------------------------------------------------ what a stop shows

    /**
     * Registers, flags and memory that changed between two states, on one or two lines. {@code writes}
     * maps an address to its old and new byte; {@code extra} counts writes beyond those it could hold.
     */
    private void showChanges(CpuState before, CpuState after, Map<Integer, int[]> writes, int extra) {
        List<String> items = new ArrayList<>();
        int[] b = before.registers(), a = after.registers();
        for (int i = 0; i < b.length; i++) {
            if (b[i] != a[i]) items.add(before.names().name(i) + "=" + hex4(a[i]) + " (was " + hex4(b[i]) + ")");
        }
        if (before.flags() != after.flags()) items.add("flags " + after.formatFlags() + " (was " + before.formatFlags() + ")");
        if (!items.isEmpty()) println("  " + String.join("  ", items));
        // A byte written and then written back (a push and a pop) did not change.
        writes.values().removeIf(v -> v[0] == v[1]);
        if (!writes.isEmpty()) {
            List<String> runs = new ArrayList<>();
            int start = -1, prev = -2;
            StringBuilder olds = new StringBuilder(), news = new StringBuilder();
            for (Map.Entry<Integer, int[]> e : writes.entrySet()) {
                if (e.getKey() != prev + 1 && start >= 0) {
                    runs.add(Hex.addr(start) + ": " + olds.toString().strip() + " -> " + news.toString().strip());
                    olds.setLength(0);
                    news.setLength(0);
                    start = -1;
                }
                if (start < 0) start = e.getKey();
                olds.append(Hex.byteHex(e.getValue()[0])).append(' ');
                news.append(Hex.byteHex(e.getValue()[1])).append(' ');
                prev = e.getKey();
            }
            runs.add(Hex.addr(start) + ": " + olds.toString().strip() + " -> " + news.toString().strip());
            println("  memory " + String.join("  ", runs) + (extra > 0 ? "  (and more)" : ""));
        }
    }

    /** The source line of the PC (when known) and the instruction there with its bytes. */
    private void showLocation() {
        int pc = dbg.machine().pc();
        showSourceLine(pc);
        println(style.current("=> " + instructionLine(pc)));
    }

    private void showSourceLine(int pc) {
        Image.Line l = dbg.image().lineAt(pc);
        if (l == null) return;
        String text = dbg.image().sourceText(l.file(), l.line());
        String where = l.file() + ":" + l.line() + (pc != l.address() ? " (+" + (pc - l.address()) + ")" : "");
        println(style.dim(where + (text == null ? "" : "  " + text.strip())));
    }

    /** {@code 0104h <start+4>  36 03 00 2A  mov c, 2Ah}. */
    private String instructionLine(int address) {
        return instructionLine(address, true);
    }

    /**
     * An instruction with its address and bytes; a jump or call names its target's label, so
     * {@code call 0118h} reads {@code call 0118h  ; double}.
     */
    private String instructionLine(int address, boolean symbol) {
        Instruction insn = dbg.machine().decodeAt(address);
        String sym = symbol ? dbg.image().symbolize(address) : null;
        String line = Hex.addr(address) + (sym == null ? "" : " <" + sym + ">") + "  "
                + String.format("%-11s", Hex.bytes(insn.bytes())) + "  " + text(dbg.cpu(), insn);
        if (!insn.isIllegal() && insn.row().shape().contains("T")) {
            String target = dbg.image().labelAt(insn.target());
            if (target != null) line += "  ; " + target;
        }
        return line;
    }

    private static String text(Isa isa, Instruction insn) {
        return insn.isIllegal() ? "(illegal)" : isa.disassemble(insn);
    }

    /** How the program ended, with the full report for a fault or a hang. */
    private void showEnd(RunResult r) {
        switch (r.outcome()) {
            case FAULT:
                FaultReport f = r.fault();
                for (String l : f.format().split("\n")) println(l);
                showSourceLine(f.pc());
                println("  the faulting instruction changed nothing: 'back' steps back to before it, 'set' or 'asm' can fix it, 'reset' starts again");
                break;
            case BUDGET:
                for (String l : r.hang().format().split("\n")) println(l);
                println("  the budget counts every instruction since the program was loaded: 'reset' starts again"
                        + " ('toyisa repl --budget N' allows more)");
                break;
            default:
                message("the program " + stoppedText(r));
                break;
        }
    }

    private static String stoppedText(RunResult r) {
        switch (r.outcome()) {
            case HALT: return "halted (exit status 0)";
            case EXIT: return "exited with status " + r.exitStatus();
            case FAULT: return "faulted: " + r.fault().fault().title() + ", exit status " + r.exitStatus();
            case BUDGET: return "used up its instruction budget (exit status 124)";
            case OUTPUT_CAP: return "printed more than the output cap allows (exit status 153)";
            default: return "stopped";
        }
    }

    // ------------------------------------------------------------------ breakpoints and watches

    private void cmdBreak(String arg) {
        int address;
        String spec;
        if (arg.isEmpty()) {
            address = dbg.machine().pc();
            spec = Hex.addr(address);
        } else {
            address = location(arg);
            spec = arg;
        }
        if (address < Machine.NULL_PAGE_END)
            throw new UserError(Hex.addr(address) + " is in the null page (0000h-00FFh): no instruction can run there");
        boolean had = dbg.hasBreakpoint(address);
        Debugger.Breakpoint b = dbg.addBreakpoint(address, spec);
        println((had ? "already breakpoint " : "breakpoint ") + b.id() + " at " + describe(address));
    }

    private void cmdDelete(String arg) {
        if (arg.isEmpty()) {
            int n = dbg.deleteAll();
            println(n == 0 ? "no breakpoints or watches to delete" : "deleted " + n + (n == 1 ? " breakpoint or watch" : " breakpoints and watches"));
            return;
        }
        for (String word : arg.split("[\\s,]+")) {
            int id;
            try {
                id = Integer.parseInt(word);
            } catch (NumberFormatException e) {
                throw new UserError("'" + word + "' is not a breakpoint number (see 'info breaks')");
            }
            if (!dbg.delete(id)) throw new UserError("no breakpoint or watch " + id + " (see 'info breaks')");
            println("deleted " + id);
        }
    }

    private void cmdWatch(String arg) {
        if (arg.isEmpty()) throw new UserError("usage: " + Commands.WATCH.usage);
        String t = arg.strip();
        int reg = dbg.cpu().registers().code(t);
        if (reg >= 0) {
            if (reg >= dbg.machine().registerCount()) throw new UserError("no register " + t + " on " + dbg.cpu().name());
            Debugger.Watch w = dbg.addWatch(reg, 0, dbg.cpu().registers().name(reg));
            println("watch " + w.id() + ": register " + w.spec() + " (now " + hex4(dbg.value(w)) + ")");
            return;
        }
        String inner = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        int address = address(inner);
        if (address < Machine.NULL_PAGE_END) throw new UserError(Hex.addr(address) + " is in the null page, which no program can write");
        String sym = dbg.image().labelAt(address);
        Debugger.Watch w = dbg.addWatch(-1, address, "[" + (sym != null ? sym : Hex.addr(address)) + "]");
        println("watch " + w.id() + ": memory word " + w.spec() + " at " + Hex.addr(address) + " (now " + hex4(dbg.value(w)) + ")");
    }

    private void cmdInfo(String arg) {
        String what = arg.toLowerCase(Locale.ROOT);
        if (what.isEmpty() || "breaks".startsWith(what) || what.equals("breakpoints") || what.equals("watches") || what.equals("b")) {
            if (dbg.breakpoints().isEmpty() && dbg.watches().isEmpty()) {
                println("no breakpoints or watches");
                return;
            }
            for (Debugger.Breakpoint b : dbg.breakpoints())
                println(String.format("%-3d breakpoint  %s", b.id(), describe(b.address())));
            for (Debugger.Watch w : dbg.watches())
                println(String.format("%-3d watch       %s = %s", w.id(), w.spec(), hex4(dbg.value(w))));
        } else if ("labels".startsWith(what) || what.equals("symbols")) {
            if (dbg.image().labels.isEmpty()) {
                println("no labels (the program was not assembled here and its file has no symbols)");
                return;
            }
            dbg.image().labels.forEach((name, addr) -> println(Hex.addr(addr) + "  " + name));
        } else if ("history".startsWith(what)) {
            int n = dbg.historySize();
            println(n + (n == 1 ? " step" : " steps") + " can be undone with 'back' (the history keeps the last "
                    + dbg.historyLimit() + (dbg.historyForgotten() ? "; older steps are forgotten)" : ")"));
        } else if ("registers".startsWith(what)) {
            cmdRegs();
        } else {
            throw new UserError("info what? 'info breaks', 'info labels' or 'info history'");
        }
    }

    // ------------------------------------------------------------------ looking at the machine

    private void cmdRegs() {
        Machine m = dbg.machine();
        CpuState now = m.state();
        String flags = flagText(now, previous);
        println("pc=" + Hex.addr(now.pc()) + "  " + flags + (m.isStopped() ? "  [" + stoppedText(m.result()) + "]" : ""));
        StringBuilder line = new StringBuilder();
        int[] r = now.registers(), p = previous.registers();
        for (int i = 0; i < r.length; i++) {
            String cell = now.names().name(i) + "=" + hex4(r[i]);
            String shown = i < p.length && p[i] != r[i] ? style.changed(cell) : style.unchanged(cell);
            line.append(shown).append(" ".repeat(Math.max(1, 10 - cell.length())));
            if (i % 8 == 7 || i == r.length - 1) {
                println(line.toString().stripTrailing());
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
            parts.add(changed ? style.changed(cell).stripTrailing() : cell);
        }
        return String.join(" ", parts);
    }

    private void cmdMem(String arg) {
        String[] a = words(arg);
        if (a.length == 0 || a.length > 2) throw new UserError("usage: " + Commands.MEM.usage);
        int start = address(a[0]);
        int len = a.length > 1 ? (int) Math.min(MAX_DUMP + 1L, count(a[1], "mem")) : 64;
        if (len > MAX_DUMP) throw new UserError("mem shows at most " + MAX_DUMP + " bytes at a time");
        Machine m = dbg.machine();
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
            println(Hex.addr(start + off) + "  " + hex + " " + ascii);
        }
    }

    private void cmdDisasm(String arg) {
        String[] a = words(arg);
        if (a.length > 2) throw new UserError("usage: " + Commands.DISASM.usage);
        int at = a.length > 0 ? address(a[0]) : dbg.machine().pc();
        int n = a.length > 1 ? (int) Math.min(MAX_LISTING + 1L, count(a[1], "disasm")) : 8;
        if (n > MAX_LISTING) throw new UserError("disasm shows at most " + MAX_LISTING + " instructions at a time");
        int pc = dbg.machine().pc();
        for (int i = 0; i < n; i++) {
            String label = dbg.image().labelAt(at);
            if (label != null) println(label + ":");
            String mark = (dbg.hasBreakpoint(at) ? "*" : " ") + (at == pc ? "=>" : "  ");
            String line = mark + " " + instructionLine(at, false);
            println(at == pc ? style.current(line) : line);
            at = (at + dbg.machine().decodeAt(at).length()) & 0xFFFF;
        }
    }

    private void cmdList(String arg) {
        Image img = dbg.image();
        if (img.lines.isEmpty()) throw new UserError("no source: load a source file (.pasm, .s, .asm) or a TXF with a line table");
        String file;
        int center;
        int pcLine = -1;
        Image.Line here = img.lineAt(dbg.machine().pc());
        if (arg.isEmpty()) {
            if (here == null) throw new UserError("the PC (" + Hex.addr(dbg.machine().pc()) + ") is not in the program's source; try 'list 1' or 'disasm'");
            file = here.file();
            center = here.line();
        } else {
            int colon = arg.lastIndexOf(':');
            if (arg.matches("\\d+")) {
                file = here != null ? here.file() : img.mainFile();
                center = lineNumber(arg);
            } else if (colon > 0 && arg.substring(colon + 1).matches("\\d+")) {
                file = arg.substring(0, colon);
                center = lineNumber(arg.substring(colon + 1));
            } else {
                Image.Line l = img.lineAt(address(arg));
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
            String mark = (addr >= 0 && dbg.hasBreakpoint(addr) ? "*" : " ") + (l == pcLine ? "=>" : "  ");
            String line = String.format("%s %4d  %s", mark, l, text.get(l - 1)).stripTrailing();
            println(l == pcLine ? style.current(line) : line);
        }
    }

    private void cmdTrace(String arg) {
        String a = arg.toLowerCase(Locale.ROOT);
        if (a.equals("on")) trace = true;
        else if (a.equals("off")) trace = false;
        else if (!a.isEmpty()) throw new UserError("usage: trace on|off");
        println("trace " + (trace ? "on" : "off"));
    }

    private void cmdCompare(String arg) {
        String[] a = words(arg);
        if (a.length > 2) throw new UserError("usage: " + Commands.COMPARE.usage);
        int start = a.length > 0 ? address(a[0]) : dbg.machine().pc();
        int n = a.length > 1 ? (int) Math.min(MAX_LISTING + 1L, count(a[1], "compare")) : 8;
        if (n > MAX_LISTING) throw new UserError("compare shows at most " + MAX_LISTING + " instructions at a time");
        byte[] mem = dbg.machine().readMemory(0, 0x10000);
        List<Isa> cpus = Isa.all();
        List<List<String>> columns = new ArrayList<>();
        for (Isa isa : cpus) {
            List<String> col = new ArrayList<>();
            col.add(isa.name() + (isa.machine() == dbg.cpu().machine() ? " (this CPU)" : ""));
            int at = start;
            for (int i = 0; i < n; i++) {
                Instruction insn = isa.decode(mem, at);
                col.add(Hex.addr(at) + "  " + String.format("%-11s", Hex.bytes(insn.bytes())) + "  " + text(isa, insn));
                at = (at + insn.length()) & 0xFFFF;
            }
            columns.add(col);
        }
        for (int row = 0; row <= n; row++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                String cell = columns.get(c).get(row);
                sb.append(c == columns.size() - 1 ? cell : String.format("%-42s| ", cell));
            }
            println(sb.toString().stripTrailing());
        }
    }

    // ------------------------------------------------------------------ changing the machine

    private void cmdCpu(String arg) {
        if (arg.isEmpty()) {
            Image img = dbg.image();
            String built = img.builtFor == null ? "raw bytes, built for no particular CPU"
                    : "built for " + img.builtFor.name();
            println("the CPU is " + dbg.cpu().name() + "; the program (" + img.name + ") is " + built);
            return;
        }
        Isa target = Isa.byName(arg);
        if (target == null) throw new UserError("unknown CPU '" + arg + "' (known: " + cpuNames() + ")");
        Image img = dbg.image();
        if (img.kind == Image.Kind.FAT && img.path != null) {
            try {
                img = Image.load(img.path, img.name, target);
            } catch (Image.LoadException e) {
                throw new UserError(e.getMessage());
            }
        }
        int watchesBefore = dbg.watches().size();
        dbg.switchCpu(target, img);
        previous = dbg.machine().state();
        int size = 0;
        for (var s : img.program.segments()) size += s.size();
        String built = img.builtFor == null ? "" : " (built for " + img.builtFor.name() + ")";
        if (size == 0) {
            println("cpu " + target.id() + ": " + target.name() + (dbg.patchedBytes() > 0
                    ? ", with the " + dbg.patchedBytes() + " bytes written by asm" : ", empty memory (load a program, or asm one instruction at a time)"));
        } else if (img.kind == Image.Kind.FAT) {
            println("cpu " + target.id() + ": " + img.name + " is a fat file: loaded its " + target.name() + " slice");
        } else {
            boolean foreign = img.builtFor != null && img.builtFor.machine() != target.machine();
            boolean own = img.builtFor != null && !foreign;
            println("cpu " + target.id() + ": " + (own ? img.name + " reloaded on " + target.name() + ", the CPU it was built for"
                    : "the same " + size + " bytes of " + img.name + built + ", now decoded by " + target.name()
                      + (foreign ? ": expect a misdecode" : "")));
        }
        int dropped = watchesBefore - dbg.watches().size();
        if (dropped > 0) println("(dropped " + (dropped == 1 ? "a watch on a register " : dropped + " watches on registers ") + target.name() + " does not have)");
        showLocation();
    }

    private void cmdLoad(String arg) {
        if (arg.isEmpty()) throw new UserError("usage: " + Commands.LOAD.usage);
        load(unquote(arg));
    }

    private void load(String name) {
        Path p;
        try {
            p = base.resolve(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserError("'" + name + "' is not a file name");
        }
        Image img;
        try {
            img = Image.load(p, name, dbg.cpu());
        } catch (Image.LoadException e) {
            throw new UserError(e.getMessage() + (dbg.image().kind == Image.Kind.RAW && dbg.image().program.segments().get(0).size() == 0
                    ? "" : "\n(still loaded: " + dbg.image().name + ")"));
        }
        dbg.load(img);
        previous = dbg.machine().state();
        if (!img.notes.isEmpty()) println(img.notes);
        int size = 0;
        for (var s : img.program.segments()) size += s.size();
        List<String> about = new ArrayList<>();
        about.add(size + " bytes");
        if (!img.labels.isEmpty()) about.add(img.labels.size() + (img.labels.size() == 1 ? " label" : " labels"));
        if (!img.lines.isEmpty()) about.add("source lines");
        String what = img.kind == Image.Kind.SOURCE ? "assembled " + name + " for " + dbg.cpu().name()
                : "loaded " + name + " (" + img.kind.name().toLowerCase(Locale.ROOT) + ") on " + dbg.cpu().name();
        println(what + ": " + String.join(", ", about) + ", entry " + Hex.addr(img.program.entry()));
        showLocation();
    }

    private void cmdReset() {
        dbg.reload();
        previous = dbg.machine().state();
        println("reset: " + dbg.image().name + " reloaded on " + dbg.cpu().name());
        showLocation();
    }

    private void cmdAsm(String arg) {
        if (arg.isEmpty()) throw new UserError("usage: " + Commands.ASM.usage);
        Machine m = dbg.machine();
        int pc = m.pc();
        if (pc < Machine.NULL_PAGE_END) throw new UserError("the PC is in the null page: nothing can be written there");
        byte[] bytes;
        String how;
        try {
            bytes = dbg.cpu().assembleLine(arg, pc);
            how = "";
        } catch (EncodingException | RuntimeException nativeError) {
            bytes = portable(arg, pc);
            if (bytes == null) throw new UserError("cannot assemble '" + arg + "' for " + dbg.cpu().name() + ": " + nativeError.getMessage());
            how = ", from portable assembly";
        }
        if (pc + bytes.length > 0x10000)
            throw new UserError("the " + bytes.length + " bytes at " + Hex.addr(pc) + " would wrap into the null page");
        byte[] old = m.readMemory(pc, bytes.length);
        dbg.patch(pc, bytes);
        println("wrote " + Hex.bytes(bytes) + " at " + Hex.addr(pc) + " (was " + Hex.bytes(old) + ")" + how);
        int at = pc;
        while (((at - pc) & 0xFFFF) < bytes.length) {
            println("   " + instructionLine(at, false));
            at = (at + m.decodeAt(at).length()) & 0xFFFF;
        }
    }

    /** {@code set c 42}, {@code set c, 42}, {@code set c = 42}, {@code set pc loop}, {@code set [result] 0}. */
    private void cmdSet(String arg) {
        String t = arg.strip();
        String target, valueText;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) throw new UserError("usage: " + Commands.SET.usage);
            target = t.substring(0, close + 1);
            valueText = t.substring(close + 1);
        } else {
            int end = 0;
            while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != ',' && t.charAt(end) != '=') end++;
            target = t.substring(0, end);
            valueText = t.substring(end);
        }
        valueText = valueText.strip();
        if (valueText.startsWith(",") || valueText.startsWith("=")) valueText = valueText.substring(1).strip();
        if (target.isEmpty() || valueText.isEmpty()) throw new UserError("usage: " + Commands.SET.usage);
        int value = address(valueText);
        Machine m = dbg.machine();
        CpuState before = m.state();
        if (target.equalsIgnoreCase("pc")) {
            dbg.setPc(value);
            println("pc=" + Hex.addr(value));
            previous = before;
            showLocation();
            return;
        }
        int reg = dbg.cpu().registers().code(target);
        if (reg >= 0) {
            if (reg >= m.registerCount()) throw new UserError("no register " + target + " on " + dbg.cpu().name());
            dbg.setRegister(reg, value);
            String name = dbg.cpu().registers().name(reg);
            println(name + "=" + hex4(m.register(reg)) + (m.register(reg) != (value & 0xFFFF) ? " (" + name + " always reads 0)" : ""));
            previous = before;
            return;
        }
        if (!(target.startsWith("[") && target.endsWith("]")))
            throw new UserError("'" + target + "' is not a register; memory is written as set [ADDR] VALUE");
        int address = address(target.substring(1, target.length() - 1));
        if (address < Machine.NULL_PAGE_END || address + 1 > 0xFFFF)
            throw new UserError("the word at " + Hex.addr(address) + " is not writable memory (the null page is unmapped)");
        dbg.setWord(address, value);
        println("[" + Hex.addr(address) + "]=" + hex4(dbg.word(address)) + "  (bytes " + Hex.bytes(m.readMemory(address, 2)) + ")");
    }

    /**
     * The portable assembler on one line at the PC, with the program's labels defined, so
     * {@code asm call print} works; null when it does not assemble.
     */
    private byte[] portable(String line, int pc) {
        StringBuilder src = new StringBuilder();
        dbg.image().labels.forEach((name, addr) -> src.append(".equ ").append(name).append(", ").append(addr).append('\n'));
        src.append(line).append('\n');
        Assembly a = Assembler.assemble("asm", src.toString(), dbg.cpu(), pc, IncludeResolver.NONE);
        return a.ok() && a.binary().length > 0 ? a.binary() : null;
    }

    // ------------------------------------------------------------------ help

    private void cmdHelp(String arg) {
        if (arg.isEmpty()) {
            println("Commands (a unique prefix is enough; Ctrl-C interrupts a run, Ctrl-D leaves):");
            for (Commands c : Commands.values()) println(String.format("  %-40s %s", c.usage, c.summary));
            println("Addresses: 0104h, 0x104, 260, a label, a register (sp), pc, or sums such as sp+2 or loop+4.");
            println("On a terminal, Enter on an empty line repeats the last step, next or back.");
            return;
        }
        Commands c = Commands.find(arg.split("\\s+")[0]);
        if (c == null) throw unknown(arg);
        println("usage: " + c.usage);
        if (!c.aliases.isEmpty()) println("also:  " + String.join(", ", c.aliases));
        println(c.detail);
    }

    // ------------------------------------------------------------------ completion

    /**
     * Candidates for the word being typed: {@code words} are the words before it on the line,
     * {@code partial} the part of it typed so far. Commands first; then, by command, registers,
     * labels, CPU names, file names or sub-commands.
     */
    public List<String> complete(List<String> words, String partial) {
        List<String> all = new ArrayList<>();
        if (words.isEmpty()) {
            for (Commands c : Commands.values()) all.add(c.name);
        } else {
            Commands c = Commands.find(words.get(0));
            if (c == null) return List.of();
            switch (c) {
                case LOAD: return files(partial);
                case CPU: for (Isa isa : Isa.all()) all.add(isa.id()); break;
                case TRACE: all.addAll(List.of("on", "off")); break;
                case HELP: for (Commands h : Commands.values()) all.add(h.name); break;
                case INFO: all.addAll(List.of("breaks", "labels", "history")); break;
                case DELETE:
                    for (Debugger.Breakpoint b : dbg.breakpoints()) all.add(Integer.toString(b.id()));
                    for (Debugger.Watch w : dbg.watches()) all.add(Integer.toString(w.id()));
                    break;
                case BREAK: case LIST:
                    all.addAll(dbg.image().labels.keySet());
                    break;
                case WATCH: case MEM: case DISASM: case COMPARE: case SET:
                    all.addAll(registerNames());
                    all.addAll(dbg.image().labels.keySet());
                    break;
                case ASM:
                    if (words.size() == 1) all.addAll(dbg.cpu().table().mnemonics());
                    else all.addAll(registerNames());
                    all.addAll(dbg.image().labels.keySet());
                    break;
                default:
                    return List.of();
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : all) if (s.startsWith(partial) && !out.contains(s)) out.add(s);
        out.sort(null);
        return out;
    }

    private List<String> registerNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < dbg.machine().registerCount(); i++) names.add(dbg.cpu().registers().name(i));
        for (String n : dbg.cpu().registers().allNames()) if (!names.contains(n)) names.add(n);
        return names;
    }

    /** File names for {@code load}: entries of the directory the partial path names, directories with a slash. */
    List<String> files(String partial) {
        int slash = partial.lastIndexOf('/');
        String dirPart = slash >= 0 ? partial.substring(0, slash + 1) : "";
        String prefix = partial.substring(slash + 1);
        Path dir = base.resolve(dirPart.isEmpty() ? "." : dirPart);
        List<String> out = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && (!n.startsWith(".") || prefix.startsWith(".")))
                    out.add(dirPart + n + (Files.isDirectory(p) ? "/" : ""));
            });
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    // ------------------------------------------------------------------ addresses and numbers

    /**
     * A breakpoint or list location: {@code FILE:LINE}, a bare line number of the current source
     * (gdb's {@code break 12}), or an address expression.
     */
    private int location(String arg) {
        Image img = dbg.image();
        int colon = arg.lastIndexOf(':');
        if (colon > 0 && arg.substring(colon + 1).strip().matches("\\d+")) {
            String file = arg.substring(0, colon).strip();
            int line = lineNumber(arg.substring(colon + 1).strip());
            if (img.lines.stream().noneMatch(l -> Image.sameFile(l.file(), file)))
                throw new UserError("no line information for '" + file + "'" + (img.lines.isEmpty() ? " (the program has no source lines)" : ""));
            Image.Line l = img.firstLineFrom(file, line);
            if (l == null) throw new UserError(file + ":" + line + " has no code, and neither has any line after it");
            return l.address();
        }
        if (arg.matches("\\d+") && !img.lines.isEmpty()) {
            Image.Line here = img.lineAt(dbg.machine().pc());
            String file = here != null ? here.file() : img.mainFile();
            Image.Line l = img.firstLineFrom(file, lineNumber(arg));
            if (l == null) throw new UserError(file + ":" + arg + " has no code, and neither has any line after it");
            return l.address();
        }
        return address(arg, false);
    }

    private int address(String expr) {
        return address(expr, true);
    }

    /** Sums and differences of numbers, labels, {@code pc}/{@code $} and (optionally) registers. */
    private int address(String expr, boolean registers) {
        String e = expr.replace(" ", "");
        if (e.isEmpty()) throw new UserError("missing address");
        int value = 0;
        int i = 0;
        while (i < e.length()) {
            int sign = 1;
            if (e.charAt(i) == '+' || e.charAt(i) == '-') {
                sign = e.charAt(i) == '-' ? -1 : 1;
                i++;
            } else if (i > 0) {
                throw new UserError("cannot read the address '" + expr + "'");
            }
            int j = i;
            while (j < e.length() && e.charAt(j) != '+' && e.charAt(j) != '-') j++;
            if (j == i) throw new UserError("cannot read the address '" + expr + "'");
            value += sign * term(e.substring(i, j), registers);
            i = j;
        }
        return value & 0xFFFF;
    }

    private int term(String t, boolean registers) {
        if (t.equalsIgnoreCase("pc") || t.equals("$")) return dbg.machine().pc();
        if (registers) {
            int r = dbg.cpu().registers().code(t);
            if (r >= 0 && r < dbg.machine().registerCount()) return dbg.machine().register(r);
        }
        Integer label = dbg.image().labels.get(t);
        if (label != null) return label;
        if (Character.isDigit(t.charAt(0)) || t.startsWith("'")) {
            try {
                return NativeSyntax.number(t);
            } catch (EncodingException | RuntimeException e) {
                throw new UserError("'" + t + "' is not a number (write 0104h, 0x104 or 260)");
            }
        }
        throw new UserError("no label or register '" + t + "'" + (dbg.image().labels.isEmpty() ? " (the program has no labels)" : ""));
    }

    /** A line number the user typed (digits only, checked by the caller); a huge one is no line. */
    private static int lineNumber(String digits) {
        if (digits.length() > 9) throw new UserError("there is no line " + digits);
        return Integer.parseInt(digits);
    }

    private static long count(String arg, String command) {
        try {
            long n = Long.parseLong(arg.strip());
            if (n < 1) throw new UserError(command + " needs a count of at least 1");
            return n;
        } catch (NumberFormatException e) {
            throw new UserError("'" + arg + "' is not a count (usage: " + Commands.find(command).usage + ")");
        }
    }

    private static String[] words(String arg) {
        return arg.isEmpty() ? new String[0] : arg.split("\\s+");
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1) : s;
    }

    private String describe(int address) {
        StringBuilder sb = new StringBuilder(Hex.addr(address));
        String sym = dbg.image().symbolize(address);
        if (sym != null) sb.append(" <").append(sym).append('>');
        Image.Line l = dbg.image().lineAt(address);
        if (l != null && l.address() == address) sb.append(", ").append(l.file()).append(':').append(l.line());
        return sb.toString();
    }

    private static String cpuNames() {
        List<String> n = new ArrayList<>();
        for (Isa isa : Isa.all()) n.add(isa.id());
        return String.join(", ", n);
    }

    private static String hex4(int v) {
        return String.format("%04X", v & 0xFFFF);
    }

    /** Program output made visible: {@code "42\n"}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '\n') sb.append("\\n");
            else if (ch == '"' || ch == '\\') sb.append('\\').append(ch);
            else if (ch < 0x20 || ch >= 0x7F) sb.append(String.format("\\x%02X", (int) ch));
            else sb.append(ch);
        }
        return sb.append('"').toString();
    }

    // ------------------------------------------------------------------ output

    private void programOutput(String s) {
        out.print(s);
        atLineStart = s.endsWith("\n");
        out.flush();
    }

    private void println(String s) {
        if (!atLineStart) out.println();
        out.println(s);
        atLineStart = true;
    }

    private void message(String s) {
        println(s);
    }

    private void error(String s) {
        String[] lines = s.split("\n", -1);
        println(style.error("error: " + lines[0]));
        for (int i = 1; i < lines.length; i++) println(lines[i]);
    }

    /** A mistake in what the user typed; its message is shown as it is. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message, null, false, false);
        }
    }
}
