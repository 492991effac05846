package toyisa.web;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.vm.CpuState;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Program;
import toyisa.vm.Step;

/**
 * One machine in the page: the program as loaded, the journal of steps that Back undoes (like the
 * REPL's debugger), and the breakpoints.
 */
final class Session {
    /** Steps Back can undo; older ones are forgotten. */
    static final int HISTORY = 20_000;

    final int id;
    final Isa isa;
    final Machine machine;
    private final Program program;
    private final String input;
    private final long budget;
    private final int outputCap;
    private final ArrayDeque<Step> journal = new ArrayDeque<>();
    private boolean forgotten;
    private final Set<Integer> breakpoints = new HashSet<>();
    /** A console: a read at the end of the input waits for more instead of seeing FFFFh. */
    private boolean interactive;
    private boolean inputClosed;

    Session(int id, Isa isa, Program program, String input, long budget, int outputCap) {
        this.id = id;
        this.isa = isa;
        this.machine = Machine.create(isa);
        this.program = program;
        this.input = input;
        this.budget = budget;
        this.outputCap = outputCap;
        load();
    }

    private void load() {
        machine.load(program);
        machine.setBudget(budget);
        machine.setOutputCap(outputCap);
        machine.setInput(input);
        journal.clear();
        forgotten = false;
        inputClosed = false;
    }

    void setInteractive(boolean on) {
        interactive = on;
    }

    /** A line typed into the console: the program reads it after what it was given. */
    String input(String text) {
        if (inputClosed) return state(null, "the input is closed (Reset opens it again)");
        machine.appendInput(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return state(null);
    }

    /** End of input, like Ctrl-D: reads at its end see FFFFh from now on. */
    String closeInput() {
        inputClosed = true;
        return state(null);
    }

    /** True when the next instruction is a HAL read with nothing left to read, and the console may still send more. */
    private boolean waitingForInput() {
        if (!interactive || inputClosed || machine.isStopped() || machine.inputAvailable() > 0) return false;
        Instruction next = machine.decodeAt(machine.pc());
        if (next.isIllegal() || !isa.disassemble(next).startsWith("int ") || next.vector() != Machine.HAL_VECTOR) return false;
        int service = machine.register(isa.registers().code("a"));
        return service == 0x20 || service == 0x21;
    }

    String reset() {
        load();
        return state(null);
    }

    void setBreakpoints(List<Integer> list) {
        breakpoints.clear();
        breakpoints.addAll(list);
    }

    String step() {
        if (machine.isStopped()) return state(null, "the program has stopped: reset it or go back");
        if (waitingForInput()) return state(null);
        Step s = machine.step();
        remember(s);
        return state(s);
    }

    String run(int maxSteps) {
        if (machine.isStopped()) return state(null, "the program has stopped: reset it or go back");
        Step last = null;
        boolean hit = false;
        for (int i = 0; i < maxSteps && !machine.isStopped(); i++) {
            if (i > 0 && breakpoints.contains(machine.pc())) {
                hit = true;
                break;
            }
            if (waitingForInput()) break;
            last = machine.step();
            remember(last);
        }
        if (!hit && !machine.isStopped() && breakpoints.contains(machine.pc())) hit = true;
        Json j = begin(last);
        j.field("breakpoint", hit);
        return j.endObject().toString();
    }

    String runFast(long maxSteps) {
        if (machine.isStopped()) return state(null, "the program has stopped: reset it or go back");
        machine.run(maxSteps);
        journal.clear(); // the fast loop keeps no history: what came before cannot be undone step by step
        forgotten = true;
        return state(null);
    }

    String back(int n) {
        int undone = 0;
        while (undone < n && !journal.isEmpty()) {
            machine.undo(journal.removeLast());
            undone++;
        }
        String note = null;
        if (undone == 0)
            note = forgotten ? "nothing more to undo: the history keeps only the last " + HISTORY + " steps"
                    : "nothing to undo: this is where the program started";
        Json j = begin(null);
        j.field("undone", undone);
        if (note != null) j.field("note", note);
        return j.endObject().toString();
    }

    private void remember(Step s) {
        journal.addLast(s);
        if (journal.size() > HISTORY) {
            journal.removeFirst();
            forgotten = true;
        }
    }

    String state(Step s) {
        return begin(s).endObject().toString();
    }

    private String state(Step s, String note) {
        return begin(s).field("note", note).endObject().toString();
    }

    /** The state object, left open so a caller can add fields. */
    private Json begin(Step s) {
        Json j = new Json().beginObject().field("id", id).field("cpu", isa.id()).field("format", program.format().name());
        CpuState st = machine.state();
        j.field("pc", st.pc());
        j.key("registers").beginArray();
        int[] regs = st.registers();
        for (int i = 0; i < regs.length; i++) {
            j.beginObject().field("name", isa.registers().name(i)).field("value", regs[i]).endObject();
        }
        j.endArray();
        j.field("flagNames", st.flagNames()).field("flags", st.flags());
        j.field("stopped", machine.isStopped()).field("history", journal.size());
        j.field("waitingForInput", waitingForInput()).field("inputOpen", interactive && !inputClosed);
        Instruction next = machine.decodeAt(st.pc());
        j.key("next").beginObject().field("address", st.pc()).field("bytes", Hex.bytes(next.bytes()))
                .field("text", next.isIllegal() ? "(illegal)" : isa.disassemble(next)).endObject();
        Api.result(j, machine.result());
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
        return machine.outcome() == Outcome.RUNNING;
    }
}
