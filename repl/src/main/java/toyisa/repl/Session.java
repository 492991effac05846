package toyisa.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import toyisa.debug.Debugger;
import toyisa.debug.Breakpoint;
import toyisa.debug.Watch;
import toyisa.debug.Stop;
import toyisa.debug.CallStack;
import toyisa.debug.AddressExpression;
import toyisa.debug.UserError;
import toyisa.isa.Hex;
import toyisa.isa.Isa;
import toyisa.vm.CpuState;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Step;

/**
 * The REPL's command interpreter: one line of text in, text out, over a {@link Debugger}. It knows
 * nothing about terminals — the JLine layer ({@link TerminalRepl}) and the script runner feed it lines
 * and show what it writes, which is also how the golden transcripts test it.
 *
 * <p>This class is the dispatcher and the commands that execute instructions (step, next, continue,
 * finish, until, back and the reverse commands). The others live beside it by what they are about:
 * {@link BreakCommands}, {@link InspectCommands}, {@link MachineCommands}; {@link StopReport} says
 * what a stop shows, {@link Completion} completes words, {@link AddressExpression} reads expressions.
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
    private Image image = Image.raw("(empty)", new byte[0]);
    private final PrintWriter out;
    private final Style style;
    final Path base;
    private final StopReport report = new StopReport(this);
    private final BreakCommands breaks = new BreakCommands(this);
    private final InspectCommands inspect = new InspectCommands(this);
    private final MachineCommands machineCommands = new MachineCommands(this);
    private final Completion completion = new Completion(this);
    private boolean trace;
    /** The most characters of trace one command prints. */
    static final long MAX_TRACE_CHARS = 16L << 20;
    private long traceCap = MAX_TRACE_CHARS;
    private boolean quit;
    private boolean atLineStart = true;
    /** The state before the last command that executed instructions: what {@code regs} marks as changed. */
    CpuState previous;
    /** Where typed input comes from when the program reads and there is no input file; null: none. */
    private Supplier<String> inputLines;
    /** The next lines of the script being run (a program's typed input is read from them). */
    private BufferedReader script;

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
        dbg.setOutputEcho(text -> {
            if (!trace) programOutput(text);
        });
    }

    public Session(Isa cpu, PrintWriter out, Style style, Path base) {
        this(cpu, out, style, base, Debugger.DEFAULT_HISTORY);
    }

    Debugger dbg() {
        return dbg;
    }

    /** The program loaded, with its debug information (labels, source lines). */
    Image image() {
        return image;
    }

    /** Loads a program on the current CPU and starts at its entry. */
    void load(Image img) {
        this.image = img;
        dbg.load(img.program, img.labels);
    }

    /** Switches to another CPU with the same program (for a fat file, its other slice). */
    void switchCpu(Isa cpu, Image img) {
        this.image = img;
        dbg.switchCpu(cpu, img.program, img.labels);
    }

    Debugger debugger() {
        return dbg;
    }

    Style style() {
        return style;
    }

    StopReport report() {
        return report;
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

    /**
     * Typed input: when the program reads standard input, each line comes from {@code lines} (a
     * terminal's prompt), or — given null — from the next line of the script being run, as MARS and
     * RARS ask for input. Either is shown as {@code input> LINE}; the input goes back with {@code back}.
     * A null line from {@code lines} is the end of the input.
     */
    public void setTypedInput(Supplier<String> lines) {
        this.inputLines = lines;
        dbg.setInput(new PromptedInput(out::flush, this::nextTypedLine));
    }

    /** The next line of typed input: from the prompt, or the next line of the script; null at the end. */
    private String nextTypedLine() {
        if (inputLines != null) {
            String l = inputLines.get();
            atLineStart = true;
            return l;
        }
        if (script == null) return null;
        try {
            String l = script.readLine();
            if (l != null) println("input> " + l);
            return l;
        } catch (IOException e) {
            return null;
        }
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
            machineCommands.load(name);
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
        script = r;
        try {
            String line;
            while (!quit && (line = r.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    println(toyisa.isa.Printable.of(t, true));
                    continue;
                }
                println("> " + toyisa.isa.Printable.of(t, true));
                execute(t);
            }
        } finally {
            script = null;
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
        String word = parts[0];
        String rest = parts.length > 1 ? parts[1].strip() : "";
        // gdb's /FMT after a command word: x/8xb, p/x, display/i.
        String format = null;
        int slash = word.indexOf('/');
        if (slash > 0) {
            format = word.substring(slash + 1);
            word = word.substring(0, slash);
        }
        Commands c = Commands.find(word);
        try {
            if (c == null) throw unknown(word);
            if (format != null) {
                if (c == Commands.MEM) c = Commands.EXAMINE;
                else if (c != Commands.PRINT && c != Commands.DISPLAY) throw new UserError("'" + c.name + "' takes no /FORMAT");
            }
            dispatch(c, rest, format);
        } catch (UserError e) {
            error(e.getMessage());
        } catch (RuntimeException e) {
            // A bug in the debugger must not end the session: say what happened and carry on.
            error("internal error: " + e);
        }
        out.flush();
    }

    UserError unknown(String word) {
        List<String> like = Commands.namesStartingWith(word);
        if (like.size() > 1) return new UserError("'" + word + "' could be: " + String.join(", ", like));
        return new UserError("unknown command '" + word + "' (type 'help' for the list)");
    }

    private void dispatch(Commands c, String arg, String format) {
        switch (c) {
            case STEP: cmdStep(arg); break;
            case BACK: cmdBack(arg); break;
            case NEXT: noArgument(c, arg); execution(cb -> dbg.next(cb)); break;
            case CONTINUE: noArgument(c, arg); execution(cb -> dbg.run(Long.MAX_VALUE, cb)); break;
            case FINISH: noArgument(c, arg); cmdFinish(); break;
            case UNTIL: cmdUntil(arg, false); break;
            case ADVANCE: cmdUntil(arg, true); break;
            case REVERSE_CONTINUE: noArgument(c, arg); reverse(dbg::reverseContinue, "reverse-continue"); break;
            case REVERSE_NEXT: noArgument(c, arg); reverse(dbg::reverseNext, "reverse-next"); break;
            case REVERSE_FINISH: noArgument(c, arg); cmdReverseFinish(); break;
            case RUN: noArgument(c, arg); machineCommands.run(); break;
            case START: noArgument(c, arg); machineCommands.start(); break;
            case KILL: noArgument(c, arg); machineCommands.kill(); break;
            case BREAK: breaks.breakpoint(arg, false); break;
            case TBREAK: breaks.breakpoint(arg, true); break;
            case CONDITION: breaks.condition(arg); break;
            case IGNORE: breaks.ignore(arg); break;
            case DELETE: breaks.delete(arg); break;
            case WATCH: breaks.watch(arg, Watch.Access.CHANGE); break;
            case RWATCH: breaks.watch(arg, Watch.Access.READ); break;
            case AWATCH: breaks.watch(arg, Watch.Access.ACCESS); break;
            case INFO: inspect.info(arg); break;
            case BACKTRACE: noArgument(c, arg); inspect.backtrace(); break;
            case FRAME: inspect.frame(arg, 0); break;
            case UP: inspect.frame(arg, 1); break;
            case DOWN: inspect.frame(arg, -1); break;
            case PRINT: inspect.print(arg, format); break;
            case EXAMINE: inspect.examine(format == null ? "" : format, arg); break;
            case DISPLAY: inspect.display(arg, format); break;
            case UNDISPLAY: inspect.undisplay(arg); break;
            case REGS: noArgument(c, arg); inspect.regs(); break;
            case MEM: inspect.mem(arg); break;
            case DISASM: inspect.disasm(arg); break;
            case LIST: inspect.list(arg); break;
            case TRACE: cmdTrace(arg); break;
            case CPU: machineCommands.cpu(arg); break;
            case LOAD: machineCommands.loadCommand(arg); break;
            case ASM: machineCommands.asm(arg); break;
            case SET: machineCommands.set(arg); break;
            case COMPARE: inspect.compare(arg); break;
            case RESET: noArgument(c, arg); machineCommands.reset(); break;
            case HELP: cmdHelp(arg); break;
            case QUIT: quit = true; break;
            default: throw new UserError("'" + c.name + "' is not available");
        }
    }

    private static void noArgument(Commands c, String arg) {
        if (arg.startsWith("<") && (c == Commands.RUN || c == Commands.START))
            throw new UserError("'" + c.name + "' takes no argument: gdb's 'run < FILE' is toyisa repl --input FILE"
                    + " (what the program reads; without it, each line is asked for at an input> prompt)");
        if (!arg.isEmpty()) throw new UserError("'" + c.name + "' takes no argument (usage: " + c.usage + ")");
    }

    // ------------------------------------------------------------------ executing instructions

    private void cmdStep(String arg) {
        long n = arg.isEmpty() ? 1 : Words.count(arg, "step");
        execution(cb -> dbg.run(n, cb));
    }

    interface Execution {
        Stop run(Consumer<Step> listener);
    }

    private void cmdFinish() {
        CallStack.Frames f = dbg.frames();
        int k = inspect.selectedFrame();
        if (f.depth() - k <= 0) throw new UserError("'finish' needs a subroutine to finish: frame #" + k + " is the outermost frame (see 'bt')");
        message("run till exit from #" + k + " " + inspect.frameName(k));
        execution(cb -> dbg.finish(k, cb));
    }

    private void cmdUntil(String arg, boolean advance) {
        if (arg.isEmpty()) {
            if (advance) throw new UserError("usage: " + Commands.ADVANCE.usage);
            execution(cb -> dbg.untilPast(cb));
            return;
        }
        int at = location(arg);
        execution(cb -> dbg.until(at, cb));
    }

    /** For tests: a smaller trace cap than {@link #MAX_TRACE_CHARS}. */
    void setTraceCap(long chars) {
        traceCap = chars;
    }

    /** Runs instructions, streaming trace lines and program output, then reports the stop. */
    void execution(Execution how) {
        Machine m = dbg.machine();
        if (m.isStopped()) {
            message("the program has " + StopReport.stoppedText(m.result()) + "; 'back' steps back, 'reset' starts again");
            return;
        }
        CpuState before = m.state();
        byte[] memBefore = m.readMemory(0, 0x10000);
        long[] traced = {0};
        Stop stop = how.run(trace ? s -> {
            // The trace of one command is capped (an endless loop traced at the default budget would be gigabytes).
            if (traced[0] <= traceCap) {
                String line = "  " + s.traceLine();
                traced[0] += line.length() + 1L;
                println(traced[0] <= traceCap ? line : "  ... trace truncated after " + traceCap + " characters; the run goes on");
            }
            if (!s.output().isEmpty()) programOutput(s.output());
        } : null);
        previous = before;
        switch (stop.reason()) {
            case BREAKPOINT:
                Breakpoint b = stop.breakpoint();
                message((b.temporary() ? "temporary breakpoint " : "breakpoint ") + b.id() + ", " + report.describe(b.address())
                        + (b.condition() != null ? " (if " + b.condition() + ")" : ""));
                break;
            case CONDITION_ERROR:
                error(stop.note());
                message("breakpoint " + stop.breakpoint().id() + ", " + report.describe(stop.breakpoint().address()));
                break;
            case WATCH:
                Watch w = stop.watch();
                if (stop.note() != null) {
                    message("watch " + w.id() + ": " + stop.note() + " of " + w.spec() + " by the instruction before (value "
                            + Words.hex4(stop.oldValue()) + (stop.oldValue() != stop.newValue() ? " -> " + Words.hex4(stop.newValue()) : "") + ")");
                } else {
                    message("watch " + w.id() + ": " + w.spec() + " changed from " + Words.hex4(stop.oldValue()) + " to " + Words.hex4(stop.newValue()));
                }
                break;
            case INTERRUPTED:
                message("interrupted after " + stop.steps() + (stop.steps() == 1 ? " instruction" : " instructions"));
                break;
            case FINISHED: {
                int a = m.register(dbg.cpu().registers().code("a"));
                message("returned to " + report.describe(m.pc()) + "; a = " + Words.hex4(a) + " (" + a + ")");
                break;
            }
            default:
                break;
        }
        showStop(before, memBefore);
    }

    /** What changed since {@code before}, then the end of the program or where it is now, then the displays. */
    private void showStop(CpuState before, byte[] memBefore) {
        Machine m = dbg.machine();
        Map<Integer, int[]> writes = new TreeMap<>();
        int extra = 0;
        for (int a = 0; a < 0x10000; a++) {
            int now = m.readByte(a);
            if (now == (memBefore[a] & 0xFF)) continue;
            if (writes.size() < MAX_SHOWN_WRITES) writes.put(a, new int[] {memBefore[a] & 0xFF, now});
            else extra++;
        }
        report.showChanges(before, m.state(), writes, extra);
        inspect.resetFrame();
        if (m.isStopped()) report.showEnd(m.result());
        else report.showLocation();
        inspect.showDisplays();
    }

    private void cmdBack(String arg) {
        int n = arg.isEmpty() ? 1 : (int) Math.min(Integer.MAX_VALUE, Words.count(arg, "back"));
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
        afterBack(before, memBefore, b.outputTaken());
    }

    private void afterBack(CpuState before, byte[] memBefore, String outputTaken) {
        Machine m = dbg.machine();
        Map<Integer, int[]> writes = new TreeMap<>();
        int extra = 0;
        for (int a = 0; a < 0x10000; a++) {
            int now = m.readByte(a);
            if (now == (memBefore[a] & 0xFF)) continue;
            if (writes.size() < MAX_SHOWN_WRITES) writes.put(a, new int[] {memBefore[a] & 0xFF, now});
            else extra++;
        }
        report.showChanges(before, m.state(), writes, extra);
        if (!outputTaken.isEmpty()) println("  output taken back: " + Words.quote(outputTaken));
        inspect.resetFrame();
        report.showLocation();
        inspect.showDisplays();
    }

    private void reverse(Supplier<Stop> how, String name) {
        Machine m = dbg.machine();
        CpuState before = m.state();
        byte[] memBefore = m.readMemory(0, 0x10000);
        String outBefore = m.output();
        Stop stop = how.get();
        if (stop.steps() == 0) {
            message("nothing to undo: " + (dbg.historyForgotten() ? "the history keeps only the last " + dbg.historyLimit() + " steps"
                    : "this is where the program started"));
            return;
        }
        previous = before;
        String went = "went back " + stop.steps() + (stop.steps() == 1 ? " step" : " steps");
        switch (stop.reason()) {
            case BREAKPOINT:
                message(went + " to breakpoint " + stop.breakpoint().id() + ", " + report.describe(stop.breakpoint().address()));
                break;
            case WATCH:
                message(went + (stop.watch() != null ? " to where watch " + stop.watch().id() + " (" + stop.watch().spec() + ") was "
                        + Words.hex4(stop.newValue()) + " before it became " + Words.hex4(stop.oldValue()) : " to where a watched value changes"));
                break;
            case START:
                message(went + ", " + (dbg.historyForgotten() ? "as far as the history goes" : "to the start of the program"));
                break;
            case FINISHED:
                message(went + ", to the call that entered the subroutine");
                break;
            default:
                break;
        }
        String now = m.output();
        afterBack(before, memBefore, outBefore.startsWith(now) ? outBefore.substring(now.length()) : "");
    }

    private void cmdReverseFinish() {
        if (dbg.frames().depth() == 0) throw new UserError("'reverse-finish' needs a subroutine: the PC is in the outermost frame (see 'bt')");
        reverse(dbg::reverseFinish, "reverse-finish");
    }

    private void cmdTrace(String arg) {
        String a = arg.toLowerCase(java.util.Locale.ROOT);
        if (a.equals("on")) trace = true;
        else if (a.equals("off")) trace = false;
        else if (!a.isEmpty()) throw new UserError("usage: trace on|off");
        println("trace " + (trace ? "on" : "off"));
    }

    // ------------------------------------------------------------------ help

    private void cmdHelp(String arg) {
        String text = Commands.help(arg);
        if (text == null) throw unknown(arg);
        println(text.stripTrailing());
    }

    // ------------------------------------------------------------------ completion

    /**
     * Candidates for the word being typed: {@code words} are the words before it on the line,
     * {@code partial} the part of it typed so far. Commands first; then, by command, registers,
     * labels, CPU names, file names or sub-commands.
     */
    public List<String> complete(List<String> words, String partial) {
        return completion.complete(words, partial);
    }

    /** File names for {@code load}: entries of the directory the partial path names, directories with a slash. */
    List<String> files(String partial) {
        return completion.files(partial);
    }

    // ------------------------------------------------------------------ addresses and numbers

    /**
     * A breakpoint or list location: {@code FILE:LINE}, a bare line number of the current source
     * (gdb's {@code break 12}), gdb's {@code *ADDRESS}, or an address expression.
     */
    int location(String arg) {
        String a = arg.strip();
        if (a.startsWith("*")) return address(a.substring(1), false);
        int at = image.sourceLocation(a, dbg.machine().pc());
        return at >= 0 ? at : address(a, false);
    }

    int address(String expr) {
        return address(expr, true);
    }

    /** An expression (see {@link AddressExpression}); a location does not read registers. */
    int address(String expr, boolean registers) {
        AddressExpression.Context c = inspect.context();
        return AddressExpression.evaluate(expr, registers ? c : AddressExpression.withoutRegisters(c));
    }

    // ------------------------------------------------------------------ output

    private void programOutput(String s) {
        if (s.isEmpty()) return;
        out.print(s);
        atLineStart = s.endsWith("\n");
        out.flush();
    }

    void println(String s) {
        if (!atLineStart) out.println();
        out.println(s);
        atLineStart = true;
    }

    void message(String s) {
        println(s);
    }

    void error(String s) {
        // an error may quote what was typed or read (a command, a name): never raw to the terminal
        String[] lines = toyisa.isa.Printable.lines(s).split("\n", -1);
        println(style.error("error: " + lines[0]));
        for (int i = 1; i < lines.length; i++) println(lines[i]);
    }
}
