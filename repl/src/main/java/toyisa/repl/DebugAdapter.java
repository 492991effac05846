package toyisa.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.WriteMemoryResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import toyisa.debug.Breakpoint;
import toyisa.debug.CallStack;
import toyisa.debug.Debugger;
import toyisa.debug.Stop;
import toyisa.debug.UserError;
import toyisa.debug.Watch;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.translate.Emulator;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.RunResult;

/**
 * {@code toyisa dap}: the Debug Adapter Protocol over the one {@link Debugger} the REPL and the page
 * use. The editor's buttons are the REPL's commands — continue, next, step, finish, back,
 * reverse-continue — its breakpoints the debugger's (conditions, hit counts, labels as function
 * breakpoints, watches as data breakpoints); a fault stops as an exception with the REPL's crash
 * report. Stepping is by source line where there is a line table, else by instruction.
 *
 * <p>Requests are served one at a time on one thread (the debugger is not thread-safe); only
 * {@code pause} reaches in from the reader thread, through {@link Debugger#interrupt()}.
 */
public final class DebugAdapter implements IDebugProtocolServer {
    /** The one program thread the editor sees. */
    static final int THREAD = 1;
    private static final int REGISTERS = 1, FLAGS = 2;
    /** Most instructions one line step may take (a line that loops forever stops here, paused). */
    static final int MAX_LINE_STEPS = 100_000;
    /** Most bytes one readMemory returns, and most instructions one disassemble decodes. */
    static final int MAX_MEMORY = 0x10000, MAX_DISASSEMBLE = 4096;

    private final ExecutorService engine = Executors.newSingleThreadExecutor(r -> {
        java.lang.Thread t = new java.lang.Thread(r, "toyisa-dap");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private IDebugProtocolClient client;

    private Session session;
    /** What the session writes: only the crash report is read from it. */
    private final StringWriter sessionText = new StringWriter();
    private final PrintWriter sessionOut = new PrintWriter(sessionText);
    private Debugger dbg;
    private Image image;
    private Isa disassembleAs;
    private Path emulated; // a program run through the emulator instead of debugged
    private boolean configured, launched, stopOnEntry, started, ended, faultShown;
    private byte[] emulatedInput;
    /** A run stopped for input typed in the debug console: what to resume when a line comes. */
    private Supplier<Stop> waitingForInput;
    private String waitingReason;
    private final Map<String, List<Integer>> lineBreakpoints = new HashMap<>();
    private final List<Integer> functionBreakpoints = new ArrayList<>();
    private final List<Integer> dataBreakpoints = new ArrayList<>();

    public void connect(IDebugProtocolClient client) {
        this.client = client;
    }

    /** Completes when the session is over (disconnect or terminate). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    // ------------------------------------------------------------------ serving requests on the engine thread

    private <T> CompletableFuture<T> serve(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, engine);
    }

    /**
     * Answers an execution request, then runs it: the answer goes out before the stopped event that
     * follows, as clients expect. The run waits until the protocol layer has attached its reply to the
     * future, so completing the future writes the reply at once, on this thread, before any event.
     */
    private CompletableFuture<Void> execute(Supplier<Stop> action, String reason) {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        engine.execute(() -> {
            for (int i = 0; i < 1000 && reply.getNumberOfDependents() == 0; i++) sleep();
            try {
                paused();
            } catch (ResponseErrorException e) {
                reply.completeExceptionally(e);
                return;
            }
            reply.complete(null);
            run(action, reason);
        });
        return reply;
    }

    private static void sleep() {
        try {
            java.lang.Thread.sleep(1);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
    }

    private static ResponseErrorException error(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, message, null));
    }

    /** The program must be loaded and paused for this request. */
    private void paused() {
        if (dbg == null) throw error(emulated != null ? "an emulated run cannot be inspected or stepped" : "no program is loaded: launch one first");
        if (waitingForInput != null) throw error("the program is waiting for input: type a line in the debug console");
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsFunctionBreakpoints(true);
        c.setSupportsDataBreakpoints(true);
        c.setSupportsStepBack(true);
        c.setSupportsSetVariable(true);
        c.setSupportsReadMemoryRequest(true);
        c.setSupportsWriteMemoryRequest(true);
        c.setSupportsDisassembleRequest(true);
        c.setSupportsTerminateRequest(true);
        c.setSupportsEvaluateForHovers(true);
        c.setSupportsSteppingGranularity(true); // "instruction" from the disassembly view
        return CompletableFuture.completedFuture(c);
    }

    /**
     * Launch arguments: {@code program} (a source file, or a raw, TXF or fat binary), {@code cpu}
     * ({@code armistice} or {@code intellio}), {@code emulate} (run an Intellio program through the
     * emulator on Armistice, to its end), {@code stopOnEntry}, {@code input} (a file the program reads;
     * without it the program reads what is typed in the debug console) and {@code disassembleAs}
     * (which CPU's reading of the bytes the disassembly view shows).
     */
    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        return serve(() -> {
            if (launched) throw error("a program is already launched");
            String program = string(args, "program");
            if (program == null) throw error("launch needs \"program\": the source or binary file to run");
            Path path = Path.of(program).toAbsolutePath().normalize();
            boolean emulate = Boolean.TRUE.equals(args.get("emulate"));
            String cpuName = string(args, "cpu");
            Isa cpu = Isa.byName(cpuName == null ? (emulate ? "intellio" : "armistice") : cpuName);
            if (cpu == null) throw error("unknown CPU '" + cpuName + "': armistice or intellio");
            String input = string(args, "input");
            byte[] inputBytes = null;
            if (input != null) {
                try {
                    inputBytes = toyisa.container.HostFiles.read(Path.of(input), Machine.DEFAULT_OUTPUT_CAP * 16);
                } catch (IOException e) {
                    throw error("cannot read the input file '" + input + "': " + e.getMessage());
                }
            }
            Image img;
            try {
                img = Image.load(path, path.toString(), cpu);
            } catch (Image.LoadException e) {
                throw error(e.getMessage());
            }
            stopOnEntry = Boolean.TRUE.equals(args.get("stopOnEntry"));
            String as = string(args, "disassembleAs");
            disassembleAs = as == null ? cpu : Isa.byName(as);
            if (disassembleAs == null) throw error("unknown CPU '" + as + "' for disassembleAs: armistice or intellio");
            if (emulate && !cpu.id().equals("intellio")) throw error("the emulator runs Intellio programs on Armistice: use \"cpu\": \"intellio\"");
            launched = true;
            if (emulate) {
                emulated = path;
                image = img;
                emulatedInput = inputBytes == null ? new byte[0] : inputBytes;
            } else {
                session = new Session(cpu, sessionOut, Style.PLAIN, path.getParent() == null ? Path.of(".") : path.getParent());
                dbg = session.debugger();
                session.load(img);
                image = img;
                if (inputBytes != null) dbg.setInput(inputBytes);
                else dbg.setConsole(true);
                dbg.setOutputEcho(text -> output(text, OutputEventArgumentsCategory.STDOUT));
                if (!img.notes.isEmpty()) output(img.notes + "\n", OutputEventArgumentsCategory.CONSOLE);
            }
            client.initialized();
            startIfReady();
            return null;
        });
    }

    private static String string(Map<String, Object> args, String key) {
        Object v = args == null ? null : args.get(key);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        return serve(() -> {
            configured = true;
            startIfReady();
            return null;
        });
    }

    /** Runs once the program is launched and the editor has set its breakpoints. */
    private void startIfReady() {
        if (!configured || !launched || started) return;
        started = true;
        if (emulated != null) {
            engine.execute(this::emulate);
            return;
        }
        if (stopOnEntry) stopped(StoppedEventArgumentsReason.ENTRY, null, null);
        else engine.execute(() -> run(() -> dbg.run(Long.MAX_VALUE, null), StoppedEventArgumentsReason.STEP));
    }

    private void emulate() {
        Emulator.Options o = Emulator.options().input(new String(emulatedInput, java.nio.charset.StandardCharsets.ISO_8859_1))
                .echo(text -> output(text, OutputEventArgumentsCategory.STDOUT));
        Emulator.Result r = Emulator.run(image.program, o);
        String report = r.result().report();
        if (!report.isEmpty()) output(report, OutputEventArgumentsCategory.STDERR);
        end(r.result());
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        if (dbg != null) dbg.interrupt();
        finished.complete(null);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        if (dbg != null) dbg.interrupt();
        return serve(() -> {
            if (!ended) {
                ended = true;
                client.terminated(new TerminatedEventArguments());
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        Thread t = new Thread();
        t.setId(THREAD);
        t.setName(image == null ? "program" : image.name);
        ThreadsResponse r = new ThreadsResponse();
        r.setThreads(new Thread[] {t});
        return CompletableFuture.completedFuture(r);
    }

    // ------------------------------------------------------------------ running

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return execute(() -> dbg.run(Long.MAX_VALUE, null), StoppedEventArgumentsReason.STEP).thenApply(v -> {
            ContinueResponse r = new ContinueResponse();
            r.setAllThreadsContinued(true);
            return r;
        });
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        boolean one = byInstruction(args.getGranularity());
        return execute(() -> one ? dbg.next(null) : byLine(() -> dbg.next(null)), StoppedEventArgumentsReason.STEP);
    }

    private static boolean byInstruction(org.eclipse.lsp4j.debug.SteppingGranularity g) {
        return g == org.eclipse.lsp4j.debug.SteppingGranularity.INSTRUCTION;
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        boolean one = byInstruction(args.getGranularity());
        return execute(() -> one ? dbg.step(null) : byLine(() -> dbg.step(null)), StoppedEventArgumentsReason.STEP);
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return execute(() -> {
            Stop s = dbg.finish(null);
            if (s == null) return byLine(() -> dbg.step(null)); // the outermost frame: a step, as gdb's finish refuses
            return s.reason() == Stop.Reason.FINISHED || s.reason() == Stop.Reason.RETURNED ? toLineStart(s, () -> dbg.next(null)) : s;
        }, StoppedEventArgumentsReason.STEP);
    }

    /** Back one line in this frame, over calls (gdb's reverse-next): the mirror of {@code next}. */
    @Override
    public CompletableFuture<Void> stepBack(StepBackArguments args) {
        boolean one = byInstruction(args.getGranularity());
        return execute(() -> {
            Stop s = dbg.reverseNext();
            for (int i = 0; i < MAX_LINE_STEPS && !one && s.reason() == Stop.Reason.DONE && !atLineStart(); i++) s = dbg.reverseNext();
            return s;
        }, StoppedEventArgumentsReason.STEP);
    }

    @Override
    public CompletableFuture<Void> reverseContinue(ReverseContinueArguments args) {
        return execute(() -> dbg.reverseContinue(), StoppedEventArgumentsReason.STEP);
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        if (dbg != null) dbg.interrupt();
        return CompletableFuture.completedFuture(null);
    }

    /** One step, then more until the PC is at the start of a source line (a line may be several instructions). */
    private Stop byLine(Supplier<Stop> step) {
        return toLineStart(step.get(), step);
    }

    private Stop toLineStart(Stop s, Supplier<Stop> step) {
        for (int i = 0; i < MAX_LINE_STEPS && s.reason() == Stop.Reason.DONE && !dbg.machine().isStopped() && !atLineStart(); i++) s = step.get();
        return s;
    }

    private boolean atLineStart() {
        if (image.lines.isEmpty()) return true; // no line table: every instruction is a step
        Image.Line l = image.lineAt(dbg.machine().pc());
        return l == null || l.address() == dbg.machine().pc();
    }

    /** Runs an action on the engine thread and tells the editor how it stopped. */
    private void run(Supplier<Stop> action, String reason) {
        Stop s;
        try {
            s = action.get();
        } catch (UserError e) {
            output(e.getMessage() + "\n", OutputEventArgumentsCategory.CONSOLE);
            stopped(StoppedEventArgumentsReason.PAUSE, null, null);
            return;
        }
        Machine m = dbg.machine();
        if (s.reason() == Stop.Reason.INPUT) {
            waitingForInput = action;
            waitingReason = reason;
            output("the program reads input: type a line in the debug console\n", OutputEventArgumentsCategory.CONSOLE);
            return;
        }
        if (m.isStopped()) {
            RunResult r = m.result();
            if ((r.outcome() == Outcome.FAULT || r.outcome() == Outcome.BUDGET) && !faultShown) {
                faultShown = true; // continue again from here ends the session; step back undoes the fault
                sessionText.getBuffer().setLength(0);
                session.report().showEnd(r); // the REPL's crash report, with how the program got there
                sessionOut.flush();
                String crash = sessionText.toString();
                sessionText.getBuffer().setLength(0);
                output(crash, OutputEventArgumentsCategory.STDERR);
                stopped(StoppedEventArgumentsReason.EXCEPTION, crash.strip(), null);
                return;
            }
            end(r);
            return;
        }
        faultShown = false;
        switch (s.reason()) {
            case BREAKPOINT -> stopped(StoppedEventArgumentsReason.BREAKPOINT, null, s.breakpoint());
            case CONDITION_ERROR -> {
                output((s.note() == null ? "a breakpoint's condition could not be evaluated" : s.note()) + "\n", OutputEventArgumentsCategory.CONSOLE);
                stopped(StoppedEventArgumentsReason.BREAKPOINT, null, s.breakpoint());
            }
            case WATCH -> {
                Watch w = s.watch();
                String what = w == null ? "a watch" : w.spec() + ": " + Hex.addr(s.oldValue()) + " -> " + Hex.addr(s.newValue());
                stopped(StoppedEventArgumentsReason.DATA_BREAKPOINT, what, null);
            }
            case INTERRUPTED -> stopped(StoppedEventArgumentsReason.PAUSE, null, null);
            case START -> stopped(StoppedEventArgumentsReason.ENTRY, "at the start of the recorded history", null);
            default -> stopped(reason, null, null);
        }
    }

    private void stopped(String reason, String text, Breakpoint b) {
        StoppedEventArguments e = new StoppedEventArguments();
        e.setReason(reason);
        e.setThreadId(THREAD);
        e.setAllThreadsStopped(true);
        if (text != null) {
            e.setText(text);
            e.setDescription(reason.equals(StoppedEventArgumentsReason.EXCEPTION) ? "the program faulted" : text);
        }
        if (b != null) e.setHitBreakpointIds(new Integer[] {b.id()});
        client.stopped(e);
    }

    private void end(RunResult r) {
        if (ended) return;
        ended = true;
        output("the program " + StopReport.stoppedText(r) + "\n", OutputEventArgumentsCategory.CONSOLE);
        ExitedEventArguments e = new ExitedEventArguments();
        e.setExitCode(r.exitStatus());
        client.exited(e);
        client.terminated(new TerminatedEventArguments());
    }

    private void output(String text, String category) {
        if (client == null || text.isEmpty()) return;
        OutputEventArguments o = new OutputEventArguments();
        o.setCategory(category);
        o.setOutput(text);
        client.output(o);
    }

    // ------------------------------------------------------------------ breakpoints

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return serve(() -> {
            paused();
            String path = args.getSource() == null || args.getSource().getPath() == null ? "" : normalize(args.getSource().getPath());
            for (int id : lineBreakpoints.getOrDefault(path, List.of())) dbg.delete(id);
            List<Integer> ids = new ArrayList<>();
            SourceBreakpoint[] wanted = args.getBreakpoints() == null ? new SourceBreakpoint[0] : args.getBreakpoints();
            org.eclipse.lsp4j.debug.Breakpoint[] out = new org.eclipse.lsp4j.debug.Breakpoint[wanted.length];
            for (int i = 0; i < wanted.length; i++) {
                SourceBreakpoint sb = wanted[i];
                Image.Line line = lineFrom(path, sb.getLine());
                if (line == null) {
                    out[i] = unverified("no code on or after line " + sb.getLine() + " of this file");
                    continue;
                }
                String problem = null;
                Breakpoint b = dbg.addBreakpoint(line.address(), Path.of(path).getFileName() + ":" + line.line());
                problem = configure(b, sb.getCondition(), sb.getHitCondition());
                if (problem != null) {
                    dbg.delete(b.id());
                    out[i] = unverified(problem);
                    continue;
                }
                ids.add(b.id());
                out[i] = verified(b, line.line());
                out[i].setSource(args.getSource());
            }
            lineBreakpoints.put(path, ids);
            SetBreakpointsResponse r = new SetBreakpointsResponse();
            r.setBreakpoints(out);
            return r;
        });
    }

    /** Sets a breakpoint's condition and hit count ("3", "== 3" or ">= 3": stop from the third hit on); a problem, or null. */
    private String configure(Breakpoint b, String condition, String hits) {
        if (condition != null && !condition.isBlank()) {
            try {
                dbg.evaluate(condition);
            } catch (UserError e) {
                return "bad condition: " + e.getMessage();
            }
            b.setCondition(condition.strip());
        }
        if (hits != null && !hits.isBlank()) {
            String h = hits.strip().replaceFirst("^(>=|==|=)\\s*", "");
            try {
                int n = Integer.parseInt(h);
                if (n < 1) return "a hit count is 1 or more";
                b.setIgnore(n - 1);
            } catch (NumberFormatException e) {
                return "a hit count is a number (3, == 3 or >= 3), not '" + hits + "'";
            }
        }
        return null;
    }

    private static org.eclipse.lsp4j.debug.Breakpoint unverified(String message) {
        org.eclipse.lsp4j.debug.Breakpoint b = new org.eclipse.lsp4j.debug.Breakpoint();
        b.setVerified(false);
        b.setMessage(message);
        return b;
    }

    private static org.eclipse.lsp4j.debug.Breakpoint verified(Breakpoint b, int line) {
        org.eclipse.lsp4j.debug.Breakpoint out = new org.eclipse.lsp4j.debug.Breakpoint();
        out.setId(b.id());
        out.setVerified(true);
        if (line > 0) out.setLine(line);
        out.setInstructionReference(hex(b.address()));
        return out;
    }

    /** The first line with code at or after {@code line} in a file. */
    private Image.Line lineFrom(String path, int line) {
        Image.Line best = null;
        for (Image.Line l : image.lines) {
            if (!pathOf(l.file()).equals(path) || l.line() < line) continue;
            if (best == null || l.line() < best.line() || (l.line() == best.line() && l.address() < best.address())) best = l;
        }
        return best;
    }

    /** The absolute path of a file of the line table (relative names are beside the program). */
    private String pathOf(String file) {
        Path p = Path.of(file);
        if (!p.isAbsolute() && image.path != null && image.path.toAbsolutePath().getParent() != null) p = image.path.toAbsolutePath().getParent().resolve(p);
        return p.toAbsolutePath().normalize().toString();
    }

    private static String normalize(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }

    @Override
    public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        return serve(() -> {
            paused();
            for (int id : functionBreakpoints) dbg.delete(id);
            functionBreakpoints.clear();
            FunctionBreakpoint[] wanted = args.getBreakpoints() == null ? new FunctionBreakpoint[0] : args.getBreakpoints();
            org.eclipse.lsp4j.debug.Breakpoint[] out = new org.eclipse.lsp4j.debug.Breakpoint[wanted.length];
            for (int i = 0; i < wanted.length; i++) {
                Integer address = dbg.labels().get(wanted[i].getName());
                if (address == null) {
                    out[i] = unverified("no label '" + wanted[i].getName() + "' in the program");
                    continue;
                }
                Breakpoint b = dbg.addBreakpoint(address, wanted[i].getName());
                String problem = configure(b, wanted[i].getCondition(), wanted[i].getHitCondition());
                if (problem != null) {
                    dbg.delete(b.id());
                    out[i] = unverified(problem);
                    continue;
                }
                functionBreakpoints.add(b.id());
                Image.Line l = image.lineAt(address);
                out[i] = verified(b, l == null ? 0 : l.line());
            }
            SetFunctionBreakpointsResponse r = new SetFunctionBreakpointsResponse();
            r.setBreakpoints(out);
            return r;
        });
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        return CompletableFuture.completedFuture(new SetExceptionBreakpointsResponse()); // a fault always stops
    }

    /** A register (in the Registers scope) or a memory word (a label, a number, an expression) can be watched. */
    @Override
    public CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(DataBreakpointInfoArguments args) {
        return serve(() -> {
            paused();
            DataBreakpointInfoResponse r = new DataBreakpointInfoResponse();
            String name = args.getName() == null ? "" : args.getName().strip();
            int reg = dbg.cpu().registers().code(name);
            if (reg >= 0 && (args.getVariablesReference() == null || args.getVariablesReference() == REGISTERS)) {
                r.setDataId("reg:" + name);
                r.setDescription("register " + name + " changes");
            } else {
                try {
                    int address = dbg.evaluate(name) & 0xFFFF;
                    r.setDataId("mem:" + address);
                    r.setDescription("the word at " + Hex.addr(address) + " changes");
                } catch (UserError e) {
                    r.setDescription("cannot watch '" + name + "': " + e.getMessage());
                }
            }
            r.setAccessTypes(new DataBreakpointAccessType[] {DataBreakpointAccessType.WRITE});
            return r;
        });
    }

    @Override
    public CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(SetDataBreakpointsArguments args) {
        return serve(() -> {
            paused();
            for (int id : dataBreakpoints) dbg.delete(id);
            dataBreakpoints.clear();
            DataBreakpoint[] wanted = args.getBreakpoints() == null ? new DataBreakpoint[0] : args.getBreakpoints();
            org.eclipse.lsp4j.debug.Breakpoint[] out = new org.eclipse.lsp4j.debug.Breakpoint[wanted.length];
            for (int i = 0; i < wanted.length; i++) {
                String id = wanted[i].getDataId() == null ? "" : wanted[i].getDataId();
                Watch w = null;
                if (id.startsWith("reg:") && dbg.cpu().registers().code(id.substring(4)) >= 0) {
                    w = dbg.addWatch(dbg.cpu().registers().code(id.substring(4)), 0, id.substring(4));
                } else if (id.matches("mem:\\d+")) {
                    int address = Integer.parseInt(id.substring(4)) & 0xFFFF;
                    w = dbg.addWatch(-1, address, "[" + Hex.addr(address) + "]");
                }
                if (w == null) {
                    out[i] = unverified("unknown data breakpoint '" + id + "'");
                    continue;
                }
                dataBreakpoints.add(w.id());
                out[i] = new org.eclipse.lsp4j.debug.Breakpoint();
                out[i].setId(w.id());
                out[i].setVerified(true);
            }
            SetDataBreakpointsResponse r = new SetDataBreakpointsResponse();
            r.setBreakpoints(out);
            return r;
        });
    }

    // ------------------------------------------------------------------ the state

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return serve(() -> {
            paused();
            List<StackFrame> frames = new ArrayList<>();
            frames.add(frame(0, dbg.machine().pc()));
            int i = 1;
            for (CallStack.Frame f : dbg.frames().list()) frames.add(frame(i++, f.callSite()));
            int start = args.getStartFrame() == null ? 0 : Math.max(0, args.getStartFrame());
            int levels = args.getLevels() == null || args.getLevels() <= 0 ? frames.size() : args.getLevels();
            List<StackFrame> shown = frames.subList(Math.min(start, frames.size()), Math.min(frames.size(), start + levels));
            StackTraceResponse r = new StackTraceResponse();
            r.setStackFrames(shown.toArray(new StackFrame[0]));
            r.setTotalFrames(frames.size());
            return r;
        });
    }

    private StackFrame frame(int id, int pc) {
        StackFrame f = new StackFrame();
        f.setId(id);
        String sym = image.symbolize(pc);
        Instruction insn = dbg.machine().decodeAt(pc);
        f.setName((sym == null ? Hex.addr(pc) : sym) + ": " + StopReport.text(dbg.cpu(), insn));
        f.setInstructionPointerReference(hex(pc));
        Image.Line l = image.lineAt(pc);
        if (l != null) {
            Source s = new Source();
            String p = pathOf(l.file());
            s.setPath(p);
            s.setName(Path.of(p).getFileName().toString());
            f.setSource(s);
            f.setLine(l.line());
            f.setColumn(1);
        } else {
            f.setLine(0);
            f.setColumn(0);
        }
        return f;
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        Scope regs = new Scope();
        regs.setName("Registers");
        regs.setVariablesReference(REGISTERS);
        regs.setPresentationHint("registers");
        Scope flags = new Scope();
        flags.setName("Flags");
        flags.setVariablesReference(FLAGS);
        ScopesResponse r = new ScopesResponse();
        r.setScopes(new Scope[] {regs, flags});
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return serve(() -> {
            paused();
            Machine m = dbg.machine();
            List<Variable> vars = new ArrayList<>();
            if (args.getVariablesReference() == REGISTERS) {
                for (int code = 0; code < m.registerCount(); code++) vars.add(variable(dbg.cpu().registers().name(code), m.register(code)));
                vars.add(variable("pc", m.pc()));
            } else if (args.getVariablesReference() == FLAGS) {
                String names = m.flagNames();
                for (int i = 0; i < names.length(); i++) {
                    Variable v = new Variable();
                    v.setName(String.valueOf(names.charAt(i)));
                    v.setValue(Integer.toString(m.flags() >> (names.length() - 1 - i) & 1));
                    vars.add(v);
                }
            }
            VariablesResponse r = new VariablesResponse();
            r.setVariables(vars.toArray(new Variable[0]));
            return r;
        });
    }

    private static Variable variable(String name, int value) {
        Variable v = new Variable();
        v.setName(name);
        v.setValue(shown(value));
        v.setMemoryReference(hex(value));
        return v;
    }

    /** A 16-bit value as the debugger shows one: {@code 002Ah (42)}. */
    static String shown(int value) {
        return Hex.addr(value) + " (" + (value & 0xFFFF) + ")";
    }

    static String hex(int address) {
        return String.format(Locale.ROOT, "0x%04X", address & 0xFFFF);
    }

    @Override
    public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        return serve(() -> {
            paused();
            String name = args.getName();
            String text = args.getValue() == null ? "" : args.getValue().strip();
            Machine m = dbg.machine();
            int value;
            try {
                value = dbg.evaluate(text.replaceFirst("\\s*\\(.*\\)$", "")) & 0xFFFF; // "002Ah (42)" as shown reads back
            } catch (UserError e) {
                throw error("'" + text + "' is not a value: " + e.getMessage());
            }
            SetVariableResponse r = new SetVariableResponse();
            if (args.getVariablesReference() == FLAGS) {
                if (value > 1 || !dbg.setFlag(name, value == 1)) throw error("a flag is 0 or 1");
                r.setValue(Integer.toString(value));
            } else if (name.equals("pc")) {
                dbg.setPc(value);
                r.setValue(shown(m.pc()));
            } else {
                int code = dbg.cpu().registers().code(name);
                if (code < 0) throw error("no register '" + name + "'");
                dbg.setRegister(code, value);
                r.setValue(shown(m.register(code)));
            }
            return r;
        });
    }

    @Override
    public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
        return serve(() -> {
            paused();
            int address = reference(args.getMemoryReference()) + (args.getOffset() == null ? 0 : args.getOffset());
            int count = Math.max(0, Math.min(args.getCount(), MAX_MEMORY));
            ReadMemoryResponse r = new ReadMemoryResponse();
            r.setAddress(hex(address));
            if (address < 0 || address > 0xFFFF) {
                r.setUnreadableBytes(count);
                return r;
            }
            int readable = Math.min(count, 0x10000 - address);
            r.setData(Base64.getEncoder().encodeToString(dbg.machine().readMemory(address, readable)));
            if (readable < count) r.setUnreadableBytes(count - readable);
            return r;
        });
    }

    @Override
    public CompletableFuture<WriteMemoryResponse> writeMemory(WriteMemoryArguments args) {
        return serve(() -> {
            paused();
            int address = reference(args.getMemoryReference()) + (args.getOffset() == null ? 0 : args.getOffset());
            byte[] data;
            try {
                data = Base64.getDecoder().decode(args.getData() == null ? "" : args.getData());
            } catch (IllegalArgumentException e) {
                throw error("the data is not base64");
            }
            if (address < 0 || address + data.length > 0x10000) throw error("the write goes past the end of memory");
            for (int i = 0; i < data.length; i++) dbg.setByte(address + i, data[i]);
            WriteMemoryResponse r = new WriteMemoryResponse();
            r.setBytesWritten(data.length);
            return r;
        });
    }

    /** A memory reference: {@code 0x0104}, {@code 260}, {@code 0104h} or a label. */
    private int reference(String ref) {
        if (ref == null) throw error("no memory reference");
        String s = ref.strip();
        try {
            if (s.toLowerCase(Locale.ROOT).startsWith("0x")) return Integer.parseInt(s.substring(2), 16);
            return dbg.evaluate(s) & 0xFFFF;
        } catch (NumberFormatException | UserError e) {
            throw error("'" + ref + "' is not an address");
        }
    }

    /** The disassembly view: instructions as {@code disassembleAs} (either CPU) reads the bytes. */
    @Override
    public CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments args) {
        return serve(() -> {
            paused();
            Isa isa = disassembleAs;
            int base = reference(args.getMemoryReference()) + (args.getOffset() == null ? 0 : args.getOffset());
            int offset = args.getInstructionOffset() == null ? 0 : args.getInstructionOffset();
            int count = Math.max(0, Math.min(args.getInstructionCount(), MAX_DISASSEMBLE));
            byte[] mem = dbg.machine().readMemory(0, 0x10000);
            // Instructions before the address: decoded from far enough back (a variable-length CPU may
            // read them differently from another start; the view only needs a plausible lead-in).
            int start = base & 0xFFFF;
            if (offset < 0) {
                List<Integer> starts = new ArrayList<>();
                for (int a = Math.max(0, start + offset * isa.table().maxLength()); a < start; ) {
                    starts.add(a);
                    Instruction in = isa.decode(mem, a);
                    a += Math.max(1, in.length());
                }
                int back = Math.min(-offset, starts.size());
                start = back == 0 ? start : starts.get(starts.size() - back);
                offset += back;
            }
            List<DisassembledInstruction> out = new ArrayList<>();
            for (int i = 0; i < offset; i++) start += Math.max(1, isa.decode(mem, start & 0xFFFF).length());
            int a = start;
            for (int i = 0; i < count; i++) {
                DisassembledInstruction d = new DisassembledInstruction();
                if (a < 0 || a > 0xFFFF) {
                    d.setAddress(hex(Math.max(0, Math.min(a, 0xFFFF))));
                    d.setInstruction("(no memory)");
                    d.setPresentationHint(org.eclipse.lsp4j.debug.DisassembledInstructionPresentationHint.INVALID);
                    out.add(d);
                    a++;
                    continue;
                }
                Instruction in = isa.decode(mem, a);
                int len = Math.max(1, in.length());
                d.setAddress(hex(a));
                d.setInstructionBytes(Hex.bytes(java.util.Arrays.copyOfRange(mem, a, Math.min(0x10000, a + len))));
                d.setInstruction(StopReport.text(isa, in));
                String sym = image.labelAt(a);
                if (sym != null) d.setSymbol(sym);
                Image.Line l = image.lineAt(a);
                if (l != null && l.address() == a) {
                    Source s = new Source();
                    s.setPath(pathOf(l.file()));
                    s.setName(Path.of(s.getPath()).getFileName().toString());
                    d.setLocation(s);
                    d.setLine(l.line());
                }
                out.add(d);
                a += len;
            }
            DisassembleResponse r = new DisassembleResponse();
            r.setInstructions(out.toArray(new DisassembledInstruction[0]));
            return r;
        });
    }

    /** The debug console: a line typed while the program waits for input is its input; otherwise an expression. */
    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        CompletableFuture<EvaluateResponse> reply = new CompletableFuture<>();
        engine.execute(() -> {
            String expr = args.getExpression() == null ? "" : args.getExpression();
            EvaluateResponse r = new EvaluateResponse();
            r.setVariablesReference(0);
            if (waitingForInput != null && "repl".equals(args.getContext())) {
                Supplier<Stop> resume = waitingForInput;
                waitingForInput = null;
                dbg.type((expr + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                r.setResult("");
                for (int i = 0; i < 1000 && reply.getNumberOfDependents() == 0; i++) sleep();
                reply.complete(r);
                run(resume, waitingReason);
                return;
            }
            try {
                paused();
                int v = dbg.evaluate(expr);
                r.setResult(shown(v));
                r.setMemoryReference(hex(v));
                reply.complete(r);
            } catch (UserError e) {
                reply.completeExceptionally(error(e.getMessage()));
            } catch (ResponseErrorException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }
}
