package toyisa.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import toyisa.debug.Breakpoint;
import toyisa.debug.CallStack;
import toyisa.debug.Debugger;
import toyisa.debug.Stop;
import toyisa.debug.UserError;
import toyisa.debug.Watch;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.jit.Jit;
import toyisa.vm.CpuState;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Program;
import toyisa.vm.Run;
import toyisa.vm.RunResult;
import toyisa.vm.Step;

/**
 * One machine in the page: a front end over the debugger core ({@link Debugger}), the same one the
 * REPL drives — its journal, Back, breakpoints, call stack and edits — answering in JSON.
 */
final class Session {
    /** Steps Back can undo; older ones are forgotten (the REPL's rule: runs past that are kept as copies). */
    static final int HISTORY = 20_000;
    /**
     * Instructions a run journals step by step before it goes on at the core's speed. A journaled
     * step costs some 15 µs in the page (the interpreter's fast loop: a few ns), and Back into a run
     * replays it exactly anyway, so the page journals only the first few.
     */
    static final int STEPPED = 100;

    final int id;
    final Isa isa;
    final Debugger dbg;
    private final Program program;
    /** The run Run/Continue began and has not finished: the page resumes it a slice at a time. */
    private Debugger.Run run;
    /** Instructions the last run executed, for the rate the page shows. */
    private long lastRunSteps;
    /** The page's jit on the machine (Run, Continue and the fast loop use it; stepping never does), or null. */
    private Jit jit;

    Session(int id, Run run) {
        this.id = id;
        this.isa = run.cpu();
        this.program = run.program();
        this.dbg = new Debugger(isa, HISTORY);
        // Back after a run replays from the run's start; a short stepped prefix keeps Run fast from the first click.
        dbg.setSteppedPrefix(STEPPED);
        dbg.load(run, Map.of());
        jit = PageJit.attach(machine(), 0);
    }

    /**
     * The engine of Run, Continue and the fast loop: {@code jit} (compiling after {@code threshold}
     * entries of a block, 0 for the default) or {@code interpreter}. Either runs the same program to
     * the same instruction.
     */
    String engine(String name, int threshold) {
        if (jit != null) jit.detach();
        jit = null;
        if ("jit".equals(name)) jit = PageJit.attach(machine(), threshold);
        else if (!"interpreter".equals(name)) return state(null, "no engine '" + name + "' (jit or interpreter)");
        return state(null);
    }

    Machine machine() {
        return dbg.machine();
    }

    /** Names the program's addresses (the assembler's labels for this CPU): address expressions and the symbol table use them. */
    void setLabels(Map<String, Integer> labels) {
        dbg.setLabels(labels);
    }

    void setInteractive(boolean on) {
        dbg.setConsole(on);
    }

    /** A line typed into the console: the program reads it after what it was given. */
    String input(String text) {
        if (!dbg.type(text.getBytes(StandardCharsets.UTF_8))) return state(null, "the input is closed (Reset opens it again)");
        return state(null);
    }

    /** End of input, like Ctrl-D: reads at its end see FFFFh from now on. */
    String closeInput() {
        dbg.closeInput();
        return state(null);
    }

    String reset() {
        run = null;
        dbg.reload();
        return state(null);
    }

    void setBreakpoints(List<Integer> list) {
        for (Breakpoint b : dbg.breakpoints()) if (!list.contains(b.address())) dbg.delete(b.id());
        for (int a : list) dbg.addBreakpoint(a, "*" + Hex.addr(a));
    }

    /** A conditional breakpoint with an ignore count (either may be empty/0): the condition is checked now. */
    String setBreakpoint(int address, String condition, int ignore) {
        if (condition != null && !condition.isBlank()) dbg.evaluate(condition);
        Breakpoint b = dbg.addBreakpoint(address, "*" + Hex.addr(address));
        b.setCondition(condition == null || condition.isBlank() ? null : condition.strip());
        b.setIgnore(ignore);
        return state(null);
    }

    /**
     * A watch (a data breakpoint): a register by its name, or the memory word {@code [address]} (an
     * address expression). A run stops after an instruction that changes it; {@code watch} is its number.
     */
    String watch(String what) {
        String t = what == null ? "" : what.strip();
        Watch w;
        if (t.startsWith("[") && t.endsWith("]")) {
            w = dbg.addWatch(-1, dbg.evaluate(t.substring(1, t.length() - 1)), t);
        } else {
            int code = isa.registers().code(t);
            if (code < 0 || code >= machine().registerCount()) throw new UserError("no register '" + t + "' on " + isa.name() + " (a word in memory is [address])");
            w = dbg.addWatch(code, 0, t);
        }
        return begin((Step) null).field("watch", w.id()).endObject().toString();
    }

    /** Deletes a watch or breakpoint by its number. */
    String delete(int number) {
        if (!dbg.delete(number)) return state(null, "no breakpoint or watch " + number);
        return state(null);
    }

    String step() {
        run = null;
        if (machine().isStopped()) return state(null, "the program has stopped: reset it or go back");
        if (dbg.waitingForInput()) return state(null);
        Step[] last = new Step[1];
        dbg.step(s -> last[0] = s);
        return state(last[0]);
    }

    /** Step over, its first {@code slice} instructions: a call runs to its return (resumed by {@link #run}). */
    String next(long slice) {
        return begin("next", slice);
    }

    /**
     * Runs (continues) for at most {@code slice} more instructions: at the core's speed, stopping at
     * a breakpoint, a watch, input the console has not been sent, or the end. {@code running} is true
     * when the slice ended with the run going on; calling again resumes it.
     */
    String run(long slice) {
        if (run == null || run.result() != null) {
            if (machine().isStopped()) return state(null, "the program has stopped: reset it or go back");
            if (dbg.waitingForInput()) return state(null);
            run = dbg.startContinue();
        }
        return resume(slice);
    }

    /** Begins a run of another kind ({@code next}, {@code finish}) and runs its first slice; {@link #run} resumes it. */
    private String begin(String what, long slice) {
        run = null;
        if (machine().isStopped()) return state(null, "the program has stopped: reset it or go back");
        run = what.equals("next") ? dbg.startNext() : dbg.startFinish();
        if (run == null) return state(null, "no subroutine to finish: this is the outermost frame");
        return resume(slice);
    }

    /** Runs until the current subroutine returns, its first {@code slice} instructions (resumed by {@link #run}). */
    String finish(long slice) {
        return begin("finish", slice);
    }

    /** Run to an address (run to cursor), its first {@code slice} instructions (resumed by {@link #run}). */
    String until(int address, long slice) {
        run = null;
        if (machine().isStopped()) return state(null, "the program has stopped: reset it or go back");
        run = dbg.startUntil(address);
        return resume(slice);
    }

    private String resume(long slice) {
        Debugger.Run r = run;
        Stop stop = dbg.resume(r, slice);
        lastRunSteps = r.steps();
        Json j = begin((Step) null);
        j.field("running", stop == null).field("ran", r.steps());
        if (stop != null) {
            run = null;
            stop(j, stop);
        }
        return j.endObject().toString();
    }

    /** Stops a run between two slices (the page's Stop): it goes into the history, so Back can undo it. */
    String stop() {
        if (run != null && run.result() == null) {
            dbg.interrupt();
            Stop s = dbg.resume(run, 0);
            run = null;
            Json j = begin((Step) null);
            stop(j, s);
            return j.endObject().toString();
        }
        return state(null);
    }

    String runFast(long maxSteps) {
        run = null;
        if (machine().isStopped()) return state(null, "the program has stopped: reset it or go back");
        // The bare fast loop, as the command line's run: no breakpoints, and the history is forgotten.
        dbg.runUnwatched(maxSteps);
        return state(null);
    }

    String back(int n) {
        run = null;
        Debugger.Back b = dbg.back(n);
        String note = null;
        if (b.undone() == 0)
            note = b.forgotten() || dbg.historyForgotten() ? "nothing more to undo: the history keeps only the last " + HISTORY + " steps (and runs past them)"
                    : "nothing to undo: this is where the program started";
        Json j = begin((Step) null);
        j.field("undone", b.undone());
        if (note != null) j.field("note", note);
        return j.endObject().toString();
    }

    /** Reverse-continue: back to the last breakpoint or watch hit, or to the start of the history. */
    String reverseContinue() {
        run = null;
        Json j = begin((Step) null);
        stop(j, dbg.reverseContinue());
        return j.endObject().toString();
    }

    /**
     * Changes a register ({@code pc} too), a flag (its capital letter; 0 or 1) or a memory word ({@code [expr]})
     * while paused: journaled, so Back undoes it. The value is an address expression.
     */
    String edit(String target, String valueText) {
        run = null;
        String t = target == null ? "" : target.strip();
        int value = dbg.evaluate(valueText);
        if (t.startsWith("[") && t.endsWith("]")) {
            dbg.setWord(dbg.evaluate(t.substring(1, t.length() - 1)), value);
        } else if (t.startsWith("byte[") && t.endsWith("]")) {
            dbg.setByte(dbg.evaluate(t.substring(5, t.length() - 1)), value);
        } else if (t.equalsIgnoreCase("pc")) {
            dbg.setPc(value);
        } else if (t.length() == 1 && Character.isUpperCase(t.charAt(0)) && machine().flagNames().indexOf(t) >= 0) {
            // A flag is its capital letter (C), a register its lower-case name (c).
            dbg.setFlag(t, value != 0);
        } else {
            int code = isa.registers().code(t);
            if (code < 0 || code >= machine().registerCount()) throw new UserError("no register or flag '" + t + "' on " + isa.name());
            dbg.setRegister(code, value);
        }
        return state(null);
    }

    String state(Step s) {
        return begin(s).endObject().toString();
    }

    private String state(Step s, String note) {
        return begin(s).field("note", note).endObject().toString();
    }

    private static void stop(Json j, Stop s) {
        j.field("reason", s.reason().name()).field("breakpoint", s.reason() == Stop.Reason.BREAKPOINT);
        if (s.breakpoint() != null) j.field("breakpointAddress", s.breakpoint().address());
        if (s.watch() != null) j.field("watch", s.watch().spec()).field("oldValue", s.oldValue()).field("newValue", s.newValue());
        if (s.note() != null) j.field("note", s.note());
        if (s.reason() == Stop.Reason.START) j.field("note", "back at the start of the history");
    }

    /** The state object, left open so a caller can add fields. */
    private Json begin(Step s) {
        Machine m = machine();
        Json j = new Json().beginObject().field("id", id).field("cpu", isa.id()).field("format", program.format().name());
        CpuState st = m.state();
        j.field("pc", st.pc());
        j.key("registers").beginArray();
        int[] regs = st.registers();
        for (int i = 0; i < regs.length; i++) {
            j.beginObject().field("name", isa.registers().name(i)).field("value", regs[i]).endObject();
        }
        j.endArray();
        j.field("flagNames", st.flagNames()).field("flags", st.flags());
        j.field("engine", jit == null ? "interpreter" : "jit");
        j.field("stopped", m.isStopped()).field("history", dbg.historySize())
                .field("historyForgotten", dbg.historyForgotten()).field("historyLimit", HISTORY);
        j.field("waitingForInput", dbg.waitingForInput()).field("inputOpen", dbg.inputOpen());
        Instruction next = m.decodeAt(st.pc());
        j.key("next").beginObject().field("address", st.pc()).field("bytes", Hex.bytes(next.bytes()))
                .field("text", next.isIllegal() ? "(illegal)" : isa.disassemble(next)).endObject();
        j.key("frames").beginArray();
        for (CallStack.Frame f : dbg.frames().list()) {
            j.beginObject().field("callSite", f.callSite()).field("entry", f.entry()).field("returnTo", f.returnTo())
                    .field("sp", f.spBefore()).field("label", dbg.labelAt(f.entry())).endObject();
        }
        j.endArray();
        RunResult r = m.result();
        if (r.fault() != null && r.fault().postmortem() == null) {
            // How the program got there, from the history (the machine can no longer replay it once the debugger has restored a copy).
            r = new RunResult(r.outcome(), r.exitStatus(), r.steps(), r.output(), dbg.faultStory(r.fault(), dbg.labelInfo()), r.hang(), r.state());
        }
        Api.result(j, r);
        if (s != null) step(j, s);
        return j;
    }

    static void step(Json j, Step s) {
        j.key("step").beginObject().field("pc", s.pc()).field("bytes", Hex.bytes(s.bytes()))
                .field("length", s.bytes().length).field("instruction", s.instruction())
                .field("outcome", s.outcome().name()).field("output", s.output()).field("trace", s.traceLine());
        j.key("writes").beginArray();
        for (Step.MemoryWrite w : s.writes()) j.beginObject().field("address", w.address()).field("old", w.oldValue()).field("new", w.newValue()).endObject();
        j.endArray();
        j.key("changed").beginArray();
        for (Step.RegisterChange c : s.registerChanges()) j.value(c.name());
        j.endArray();
        j.field("flagsChanged", s.before().flags() != s.after().flags());
        j.endObject();
    }

    boolean running() {
        return machine().outcome() == Outcome.RUNNING;
    }
}
