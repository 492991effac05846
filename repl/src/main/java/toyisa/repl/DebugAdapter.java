package toyisa.repl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
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
import toyisa.debug.Debugger;
import toyisa.debug.Stop;
import toyisa.debug.UserError;
import toyisa.debug.Watch;
import toyisa.isa.Hex;
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
    private Path emulated; // a program run through the emulator instead of debugged
    private boolean configured, launched, stopOnEntry, started, ended, faultShown;
    private byte[] emulatedInput;
    /** A run stopped for input typed in the debug console: what to resume when a line comes. */
    private Supplier<Stop> waitingForInput;
    private String waitingReason;
    /** Made at launch, for the program launched. */
    private AdapterBreakpoints breakpoints;
    private AdapterInspector inspector;

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

    static ResponseErrorException error(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, message, null));
    }

    /** A 16-bit value as the debugger shows one: {@code 002Ah (42)}. */
    static String shown(int value) {
        return Hex.addr(value) + " (" + (value & 0xFFFF) + ")";
    }

    static String hex(int address) {
        return String.format(Locale.ROOT, "0x%04X", address & 0xFFFF);
    }

    /** The program must be loaded and paused for this request. */
    private void paused() {
        if (dbg == null) throw error(emulated != null ? "an emulated run cannot be inspected or stepped" : "no program is loaded: launch one first");
        if (waitingForInput != null) throw error("the program is waiting for input: type a line in the debug console");
    }

    /** Serves a request that needs the program loaded and paused. */
    private <T> CompletableFuture<T> whenPaused(Supplier<T> work) {
        return serve(() -> {
            paused();
            return work.get();
        });
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

    /** Launch arguments: see {@link AdapterLaunch}. */
    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        return serve(() -> {
            if (launched) throw error("a program is already launched");
            AdapterLaunch l = AdapterLaunch.read(args);
            stopOnEntry = l.stopOnEntry();
            launched = true;
            if (l.emulate()) {
                emulated = l.path();
                image = l.image();
                emulatedInput = l.input() == null ? new byte[0] : l.input();
            } else {
                Path path = l.path();
                session = new Session(l.cpu(), sessionOut, Style.PLAIN, path.getParent() == null ? Path.of(".") : path.getParent());
                dbg = session.debugger();
                session.load(l.image());
                image = l.image();
                breakpoints = new AdapterBreakpoints(dbg, image);
                inspector = new AdapterInspector(dbg, image, l.disassembleAs());
                if (l.input() != null) dbg.setInput(l.input());
                else dbg.setConsole(true);
                dbg.setOutputEcho(text -> output(text, OutputEventArgumentsCategory.STDOUT));
                if (!image.notes.isEmpty()) output(image.notes + "\n", OutputEventArgumentsCategory.CONSOLE);
            }
            client.initialized();
            startIfReady();
            return null;
        });
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
        return whenPaused(() -> breakpoints.setBreakpoints(args));
    }

    @Override
    public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        return whenPaused(() -> breakpoints.setFunctionBreakpoints(args));
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        return CompletableFuture.completedFuture(new SetExceptionBreakpointsResponse()); // a fault always stops
    }

    @Override
    public CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(DataBreakpointInfoArguments args) {
        return whenPaused(() -> breakpoints.dataBreakpointInfo(args));
    }

    @Override
    public CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(SetDataBreakpointsArguments args) {
        return whenPaused(() -> breakpoints.setDataBreakpoints(args));
    }

    // ------------------------------------------------------------------ the state

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return whenPaused(() -> inspector.stackTrace(args));
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return CompletableFuture.completedFuture(AdapterInspector.scopes());
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return whenPaused(() -> inspector.variables(args));
    }

    @Override
    public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        return whenPaused(() -> inspector.setVariable(args));
    }

    @Override
    public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
        return whenPaused(() -> inspector.readMemory(args));
    }

    @Override
    public CompletableFuture<WriteMemoryResponse> writeMemory(WriteMemoryArguments args) {
        return whenPaused(() -> inspector.writeMemory(args));
    }

    @Override
    public CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments args) {
        return whenPaused(() -> inspector.disassemble(args));
    }

    /** The debug console: a line typed while the program waits for input is its input; otherwise an expression. */
    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        CompletableFuture<EvaluateResponse> reply = new CompletableFuture<>();
        engine.execute(() -> {
            String expr = args.getExpression() == null ? "" : args.getExpression();
            if (waitingForInput != null && "repl".equals(args.getContext())) {
                Supplier<Stop> resume = waitingForInput;
                waitingForInput = null;
                dbg.type((expr + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                EvaluateResponse r = new EvaluateResponse();
                r.setVariablesReference(0);
                r.setResult("");
                for (int i = 0; i < 1000 && reply.getNumberOfDependents() == 0; i++) sleep();
                reply.complete(r);
                run(resume, waitingReason);
                return;
            }
            try {
                paused();
                reply.complete(inspector.evaluate(expr));
            } catch (UserError e) {
                reply.completeExceptionally(error(e.getMessage()));
            } catch (ResponseErrorException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }
}
