package toyisa.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSExport;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.asm.Diagnostic;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.InstructionFields;
import toyisa.isa.Isa;
import toyisa.isa.Row;
import toyisa.translate.Emulator;
import toyisa.vm.Engine;
import toyisa.vm.Engines;
import toyisa.vm.Machine;
import toyisa.vm.Program;
import toyisa.vm.Run;
import toyisa.vm.RunResult;

/**
 * The API the page (and its tests under node) call: the real assembler, both interpreters and the
 * translator, compiled to JavaScript by TeaVM. Every function takes strings and numbers and returns
 * one JSON text; bytes travel as hex ({@code "20 10 22 2A"}). Bad input never throws: the result is
 * {@code {"error": "..."}} with a message a user can act on.
 *
 * <p>A machine lives in a {@link Session} named by a number: {@link #load} makes one, {@link #step},
 * {@link #run}, {@link #back} and {@link #state} work on it. {@link #run} executes at most a given
 * number of instructions, so the caller decides how long one call may take: the page runs a program
 * in slices and stays responsive, and Stop lands between two slices.
 */
public final class Api {
    /**
     * The page's engines: the interpreter, the translator, and the page's own jit (guest code compiled
     * to JavaScript, {@link PageJit}); the JVM's jit makes bytecode, which a page cannot load.
     */
    static final Engines ENGINES = Engines.interpreter().withTranslator(Emulator::start).withJit(PageJit::engine);

    static {
        Engines.install(ENGINES);
    }

    private static final Map<Integer, Session> SESSIONS = new HashMap<>();
    private static int nextId = 1;

    private Api() {}

    /** The CPUs there are, as {@code [{"id":"armistice","name":"Armistice",...}]}. */
    @JSExport
    public static String cpus() {
        Json j = new Json().beginArray();
        for (Isa isa : Isa.all()) {
            j.beginObject().field("id", isa.id()).field("name", isa.name()).field("machine", isa.machine())
                    .field("bigEndian", isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN)
                    .field("registers", isa.registers().count()).endObject();
        }
        return j.endArray().toString();
    }

    /**
     * Assembles portable source for a CPU: {@code ok}, {@code bytes}, the diagnostics (line,
     * column, message, hint, and the text the command line prints), the listing rows and the labels.
     */
    @JSExport
    public static String assemble(String source, String cpu) {
        Isa isa = Isa.byName(cpu == null ? "" : cpu);
        if (isa == null) return error("unknown CPU '" + cpu + "' (known: armistice, intellio)");
        if (source != null && source.length() > Assembler.MAX_SOURCE_CHARS)
            return error("the source is too large to assemble (more than " + Assembler.MAX_SOURCE_CHARS + " characters)");
        Assembly a = Assembler.assemble("program.pasm", source, isa);
        Json j = new Json().beginObject().field("cpu", isa.id()).field("ok", a.ok())
                .field("bytes", Hex.bytes(a.binary())).field("txf", Hex.bytes(a.toTxf())).field("origin", a.origin());
        j.key("diagnostics").beginArray();
        for (Diagnostic d : a.diagnostics()) {
            j.beginObject().field("severity", d.severity().toString()).field("line", d.line()).field("column", d.column())
                    .field("message", d.message()).field("hint", d.hint()).field("note", d.note())
                    .field("text", d.format()).endObject();
        }
        j.endArray();
        j.key("listing").beginArray();
        for (Assembly.ListingRow row : a.listingRows()) {
            Assembly.SourceLine sl = a.lineAt(row.address());
            j.beginObject().field("address", row.address()).field("bytes", row.bytes()).field("text", row.text())
                    .field("line", sl == null ? 0 : sl.line()).endObject();
        }
        j.endArray();
        j.key("labels").beginObject();
        a.labels().forEach((name, value) -> j.field(name, value));
        j.endObject();
        return j.endObject().toString();
    }

    /**
     * Loads a program on a CPU and returns the session's state with its {@code id}: a raw binary
     * (at 0100h), a TXF file (its segments and entry) or a fat file (the slice for this CPU), as
     * the command line's {@code run} loads them. {@code input} is the program's standard input;
     * {@code budget} and {@code outputCap} are the command line's {@code --max-steps} and
     * {@code --max-output} (0 or less: the defaults).
     */
    @JSExport
    public static String load(String cpu, String hexBytes, String input, double budget, int outputCap) {
        Isa isa = Isa.byName(cpu == null ? "" : cpu);
        if (isa == null) return error("unknown CPU '" + cpu + "' (known: armistice, intellio)");
        Program program;
        try {
            program = toyisa.vm.Loader.load(bytes(hexBytes), isa);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        } catch (toyisa.container.FormatException e) {
            return error(e.getMessage());
        }
        long b = budget >= 1 ? (long) budget : Machine.DEFAULT_BUDGET;
        int cap = outputCap > 0 ? outputCap : Machine.DEFAULT_OUTPUT_CAP;
        Session s = new Session(nextId++, Run.of(isa, program).budget(b).outputCap(cap).input(input == null ? "" : input));
        SESSIONS.put(s.id, s);
        return s.state(null);
    }

    /**
     * Makes the session's input a console ({@code true}): a HAL read at the end of the input waits
     * — step and run return with {@code waitingForInput} — until {@link #input} brings more or
     * {@link #endInput} closes it. Off (the default), the end of the input reads as FFFFh at once,
     * as on the command line.
     */
    @JSExport
    public static String setInteractive(int id, boolean on) {
        Session s = SESSIONS.get(id);
        if (s == null) return noSession(id);
        s.setInteractive(on);
        return s.state(null);
    }

    /** Text typed into the console (a line with its newline, say), read after the input so far. */
    @JSExport
    public static String input(int id, String text) {
        Session s = SESSIONS.get(id);
        if (s == null) return noSession(id);
        if (text != null && text.length() > 65536) return error("at most 64 KiB of input at once");
        return s.input(text == null ? "" : text);
    }

    /** Ends the console's input: reads at its end see FFFFh, as after Ctrl-D. */
    @JSExport
    public static String endInput(int id) {
        return withSession(id, Session::closeInput);
    }

    /** Forgets a session. */
    @JSExport
    public static void dispose(int id) {
        SESSIONS.remove(id);
    }

    /** PC, registers, flags, output, the instruction at the PC and how the run stands. */
    @JSExport
    public static String state(int id) {
        return withSession(id, s -> s.state(null));
    }

    /** Executes one instruction; the state carries the step (what changed) as {@code step}. */
    @JSExport
    public static String step(int id) {
        return withSession(id, Session::step);
    }

    /**
     * Runs (continues) for at most {@code maxSteps} more instructions, at the core's speed, stopping
     * before a breakpoint (not the one the PC is on when the run starts), when a watch fires, when
     * the console has no input for a read, and when the program ends. {@code running} is true when
     * the instructions ran out first: the next call resumes the same run, so a page runs a program
     * in slices and stays responsive. {@code ran} counts the run's instructions so far; {@code reason}
     * says why it stopped. {@link #back} can undo the run (the debugger core's history rule). A run
     * that {@link #next}, {@link #finish} or {@link #until} began and did not finish is resumed.
     */
    @JSExport
    public static String run(int id, double maxSteps) {
        return withSession(id, s -> s.run((long) Math.max(1, maxSteps)));
    }

    /** Ends a run between two slices (the page's Stop); the run stays in the history. */
    @JSExport
    public static String stop(int id) {
        return withSession(id, Session::stop);
    }

    /**
     * Step over: the instruction at the PC, a call with everything it calls. Like every run, at most
     * {@code maxSteps} instructions at a time: {@code running} says it goes on, and {@link #run} resumes it.
     */
    @JSExport
    public static String next(int id, double maxSteps) {
        return withSession(id, s -> s.next((long) Math.max(1, maxSteps)));
    }

    /** Runs until the current subroutine returns (in slices, like {@link #next}). */
    @JSExport
    public static String finish(int id, double maxSteps) {
        return withSession(id, s -> s.finish((long) Math.max(1, maxSteps)));
    }

    /** Runs (in slices, like {@link #next}) until the PC reaches {@code address}: run to cursor. */
    @JSExport
    public static String until(int id, int address, double maxSteps) {
        return withSession(id, s -> s.until(address & 0xFFFF, (long) Math.max(1, maxSteps)));
    }

    /** Goes back to the last breakpoint or watch the run went through, or to the start of the history. */
    @JSExport
    public static String reverseContinue(int id) {
        return withSession(id, Session::reverseContinue);
    }

    /**
     * Changes {@code target} while paused — a register or {@code pc}, a flag by its letter (value 0
     * or 1), a memory word {@code [address]} or byte {@code byte[address]} — to {@code value}; both
     * are the REPL's address expressions ({@code sp+2}, {@code loop}, {@code 0104h}). Back undoes it.
     */
    @JSExport
    public static String edit(int id, String target, String value) {
        return withSession(id, s -> s.edit(target, value));
    }

    /** The value of an address expression ({@code sp}, {@code fp+4}, a label, {@code 0104h}, {@code [sp]}): {@code {"value": n}}. */
    @JSExport
    public static String evaluate(int id, String expression) {
        return withSession(id, s -> new Json().beginObject().field("value", s.dbg.evaluate(expression)).endObject().toString());
    }

    /**
     * Names the program's addresses: {@code labels} is {@code "name address name address ..."}
     * (addresses in decimal, as the assembler's labels object gives them).
     */
    @JSExport
    public static String setLabels(int id, String labels) {
        Session s = SESSIONS.get(id);
        if (s == null) return noSession(id);
        Map<String, Integer> map = new HashMap<>();
        String[] parts = (labels == null ? "" : labels.strip()).split("\\s+");
        if (parts.length % 2 != 0 && !(parts.length == 1 && parts[0].isEmpty())) return error("labels come as pairs of a name and an address");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            int a = parseDecimalOr(parts[i + 1], -1);
            if (a < 0 || a > 0xFFFF || parts[i].length() > 64) return error("'" + parts[i] + " " + parts[i + 1] + "' is not a label and an address");
            map.put(parts[i], a);
        }
        s.setLabels(map);
        return s.state(null);
    }

    /** A watch on a register ({@code "c"}) or a memory word ({@code "[total]"}): a run stops when it changes; {@code watch} is its number. */
    @JSExport
    public static String watch(int id, String what) {
        return withSession(id, s -> s.watch(what));
    }

    /** Deletes the breakpoint or watch with this number. */
    @JSExport
    public static String deleteBreakpoint(int id, int number) {
        return withSession(id, s -> s.delete(number));
    }

    /** A breakpoint at {@code address} that stops only when {@code condition} holds (empty: always), after {@code ignore} hits. */
    @JSExport
    public static String setBreakpoint(int id, int address, String condition, int ignore) {
        return withSession(id, s -> s.setBreakpoint(address & 0xFFFF, condition, Math.max(0, ignore)));
    }

    /** The fast loop for at most {@code maxSteps} instructions: no breakpoints and no history. */
    @JSExport
    public static String runFast(int id, double maxSteps) {
        return withSession(id, s -> s.runFast((long) Math.max(1, maxSteps)));
    }

    /** Undoes the last {@code n} steps exactly: registers, flags, PC, memory, output, input. */
    @JSExport
    public static String back(int id, int n) {
        return withSession(id, s -> s.back(Math.max(1, n)));
    }

    /** Reloads the program as it was loaded (breakpoints stay). */
    @JSExport
    public static String reset(int id) {
        return withSession(id, Session::reset);
    }

    /**
     * The engine that runs the session's Run, Continue and fast loop: {@code "jit"} (the default:
     * hot code compiled to JavaScript, {@code threshold} block entries first, 0 for the default) or
     * {@code "interpreter"}. Stepping and Back are the interpreter's either way.
     */
    @JSExport
    public static String engine(int id, String name, int threshold) {
        return withSession(id, s -> s.engine(name, threshold));
    }

    /**
     * The page's jit held to its interpreter: {@code programs} random programs for the CPU from
     * {@code seed}, run on both, everything compared ({@link PageJit#differential}).
     */
    @JSExport
    public static String jitDifferential(String cpu, int programs, double seed) {
        Isa isa = Isa.byName(cpu == null ? "" : cpu);
        if (isa == null) return error("unknown CPU '" + cpu + "' (known: armistice, intellio)");
        return PageJit.differential(isa, Math.max(0, Math.min(1_000_000, programs)), (long) seed);
    }

    /** Sets the breakpoints: addresses as hex, separated by spaces or commas. */
    @JSExport
    public static String setBreakpoints(int id, String addresses) {
        Session s = SESSIONS.get(id);
        if (s == null) return noSession(id);
        List<Integer> list = new ArrayList<>();
        for (String part : (addresses == null ? "" : addresses).split("[\\s,]+")) {
            if (part.isEmpty()) continue;
            int a = parseHexOr(part.endsWith("h") || part.endsWith("H") ? part.substring(0, part.length() - 1) : part, -1);
            if (a < 0 || a > 0xFFFF) return error("'" + part + "' is not an address (0000h–FFFFh)");
            list.add(a);
        }
        s.setBreakpoints(list);
        return s.state(null);
    }

    /** {@code length} bytes of memory from {@code address}, as hex (at most 4096). */
    @JSExport
    public static String memory(int id, int address, int length) {
        Session s = SESSIONS.get(id);
        if (s == null) return noSession(id);
        int n = Math.max(0, Math.min(4096, length));
        return new Json().beginObject().field("address", address & 0xFFFF)
                .field("bytes", Hex.bytes(s.machine().readMemory(address & 0xFFFF, n))).endObject().toString();
    }

    /** Disassembles {@code count} instructions from {@code address} as the session's CPU decodes them. */
    @JSExport
    public static String disassemble(int id, int address, int count) {
        Session s = SESSIONS.get(id);
        if (s == null) return noSession(id);
        Json j = new Json().beginArray();
        int a = address & 0xFFFF;
        for (int i = 0; i < Math.max(0, Math.min(256, count)); i++) {
            Instruction insn = s.machine().decodeAt(a);
            j.beginObject().field("address", a).field("bytes", Hex.bytes(insn.bytes()))
                    .field("text", insn.isIllegal() ? "(illegal)" : s.isa.disassemble(insn)).endObject();
            a = (a + Math.max(1, insn.length())) & 0xFFFF;
        }
        return j.endArray().toString();
    }

    /**
     * The X-ray of one instruction: {@code hexBytes} placed at {@code origin}, decoded at
     * {@code address} by the CPU's table and split into the form's fields, as {@code toyisa disasm
     * --fields} prints it: each part's kind, card name, encoding token, byte and bit range, raw bits,
     * value and meaning; the form's card row; or, for bytes no form reads, one illegal part.
     */
    @JSExport
    public static String xray(String cpu, String hexBytes, int origin, int address) {
        Isa isa = Isa.byName(cpu == null ? "" : cpu);
        if (isa == null) return error("unknown CPU '" + cpu + "' (known: armistice, intellio)");
        byte[] code;
        try {
            code = bytes(hexBytes);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        if (origin < 0 || origin > 0xFFFF || code.length > 0x10000 - origin)
            return error("the bytes do not fit in memory at " + Hex.addr(origin));
        byte[] mem = new byte[0x10000];
        System.arraycopy(code, 0, mem, origin, code.length);
        Instruction insn = isa.decode(mem, address & 0xFFFF);
        InstructionFields f = InstructionFields.of(isa.table(), insn);
        Json j = new Json().beginObject().field("cpu", isa.id()).field("address", insn.address())
                .field("bytes", Hex.bytes(insn.bytes())).field("length", insn.length())
                .field("text", insn.isIllegal() ? "(illegal)" : isa.disassemble(insn)).field("card", f.card());
        if (!insn.isIllegal()) {
            Row r = insn.row();
            j.key("row").beginObject().field("form", r.form()).field("syntax", r.syntax())
                    .field("encoding", r.encoding().replaceAll("\\s+", " ")).field("flags", r.effects().toString())
                    .field("description", r.description()).endObject();
        }
        j.key("parts").beginArray();
        for (InstructionFields.Part p : f.parts()) {
            j.beginObject().field("kind", p.kind().id()).field("name", p.name()).field("code", p.code())
                    .field("firstByte", p.firstByte()).field("lastByte", p.lastByte())
                    .field("highBit", p.highBit()).field("lowBit", p.lowBit()).field("where", p.where()).field("bits", p.bits())
                    .field("raw", p.raw()).field("value", p.value()).field("meaning", p.meaning()).endObject();
        }
        return j.endArray().endObject().toString();
    }

    /**
     * The misdecode view of {@code toyisa compare}: a raw binary run on both CPUs with the stepping
     * loop and a small budget (0 or less: the command's default, 10 000). Each CPU's first
     * instructions ({@code shown}: as many as the command shows) with its ending, and the command's text.
     */
    @JSExport
    public static String compare(String hexBytes, double budget) {
        byte[] code;
        try {
            code = bytes(hexBytes);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        if (code.length > Program.MAX_RAW_SIZE)
            return error("a raw binary of " + code.length + " bytes does not fit between 0100h and FFFFh");
        toyisa.vm.misdecode.Comparison c = toyisa.vm.misdecode.Comparison.of(Program.raw(code), budget >= 1 ? (long) budget : toyisa.vm.misdecode.Comparison.DEFAULT_BUDGET);
        Json j = new Json().beginObject().key("runs").beginArray();
        for (toyisa.vm.misdecode.Comparison.Run r : c.runs()) {
            j.beginObject().field("cpu", r.cpu().id());
            j.key("shown").beginArray();
            for (toyisa.vm.Step s : r.shown()) {
                j.beginObject().field("pc", s.pc()).field("bytes", Hex.bytes(s.bytes())).field("length", s.bytes().length)
                        .field("instruction", s.instruction()).field("outcome", s.outcome().name()).endObject();
            }
            j.endArray();
            result(j, r.result());
            j.endObject();
        }
        j.endArray().field("text", toyisa.vm.misdecode.ComparisonText.render(c, false));
        return j.endObject().toString();
    }

    /**
     * Runs an Intellio binary on Armistice by binary translation, with the translation log:
     * the result the Intellio interpreter would give, the log, and the counts.
     */
    @JSExport
    public static String translate(String hexBytes, String input, double budget) {
        return translateGuest("intellio", hexBytes, input, budget);
    }

    /**
     * As {@link #translate}, for either guest CPU: {@code intellio} (run on Armistice) or
     * {@code armistice} (run on Intellio, the result the Armistice interpreter would give). The log
     * is {@code toyisa emulate --guest G --log}'s.
     */
    @JSExport
    public static String translateGuest(String guest, String hexBytes, String input, double budget) {
        Isa g = Isa.byName(guest == null ? "" : guest);
        if (g == null) return error("unknown CPU '" + guest + "' (known: armistice, intellio)");
        byte[] code;
        try {
            code = bytes(hexBytes);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        if (code.length > Program.MAX_RAW_SIZE)
            return error("a raw binary of " + code.length + " bytes does not fit between 0100h and FFFFh");
        Run run = Run.raw(g, code).engine(Engine.TRANSLATED).log(true).input(input == null ? "" : input);
        if (budget >= 1) run = run.budget((long) budget);
        Emulator.Translated translated = Emulator.start(run, null);
        translated.run();
        Emulator.Result r = translated.result();
        Json j = new Json().beginObject();
        result(j, r.result());
        Emulator.Stats st = r.stats();
        j.key("stats").beginObject().field("blocksTranslated", st.blocksTranslated()).field("cacheHits", st.cacheHits())
                .field("chained", st.chained()).field("invalidations", st.invalidations())
                .field("guestInstructions", st.guestInstructions()).field("hostInstructions", st.hostInstructions())
                .key("expansion").value2(st.expansion()).endObject();
        j.field("log", r.log());
        return j.endObject().toString();
    }

    /**
     * What {@code toyisa exec --machine M} does with the TXF build of a source: the source is
     * assembled for {@code builtFor} and packed as TXF, and the loader's rules decide — native,
     * handed to the emulator by binfmt, in either direction (unless {@code binfmt} is false: the
     * emulators' entries disabled), or refused with <i>exec format error</i>. Returns the header, the decision and the
     * run, if any.
     */
    @JSExport
    public static String exec(String source, String builtFor, String machine, boolean binfmt) {
        Isa from = Isa.byName(builtFor == null ? "" : builtFor);
        Isa on = Isa.byName(machine == null ? "" : machine);
        if (from == null || on == null) return error("unknown CPU (known: armistice, intellio)");
        Assembly a = Assembler.assemble("program.pasm", source, from);
        if (!a.ok()) return error("the source does not assemble for " + from.name());
        byte[] txf = a.toTxf();
        String fileName = "program." + from.id() + ".txf";
        toyisa.vm.exec.BinfmtRegistry registry = toyisa.vm.exec.BinfmtRegistry.defaults();
        try {
            if (!binfmt) {
                registry.setEnabled(toyisa.vm.exec.BinfmtRegistry.INTELLIO_ENTRY, false);
                registry.setEnabled(toyisa.vm.exec.BinfmtRegistry.ARMISTICE_ENTRY, false);
            }
        } catch (toyisa.vm.exec.ConfigException e) {
            return error(e.getMessage());
        }
        toyisa.vm.exec.Exec.Plan plan = toyisa.vm.exec.Exec.decide(txf, fileName, on, registry);
        Json j = new Json().beginObject().field("file", fileName)
                .field("header", Hex.bytes(java.util.Arrays.copyOf(txf, 8))).field("kind", plan.kind().name());
        switch (plan.kind()) {
            case REFUSED -> j.field("message", plan.message()).field("exitStatus", toyisa.vm.exec.Exec.REFUSED_STATUS);
            case NATIVE -> {
                result(j, Run.of(on, plan.program()).start().run());
            }
            case INTERPRETER -> {
                j.field("interpreter", plan.entry().interpreter()).field("entry", plan.entry().name());
                String interpreter = plan.entry().interpreter();
                Isa guest = interpreter.equals(toyisa.vm.exec.BinfmtRegistry.INTELLIO_EMULATOR) ? Isa.byName("intellio")
                        : interpreter.equals(toyisa.vm.exec.BinfmtRegistry.ARMISTICE_EMULATOR) ? Isa.byName("armistice") : null;
                if (guest == null || guest.machine() == on.machine())
                    return error("no interpreter '" + interpreter + "' in the page");
                try {
                    result(j, Run.of(guest, toyisa.vm.Loader.load(plan.file(), guest)).engine(Engine.TRANSLATED).start().run());
                } catch (toyisa.container.FormatException e) {
                    return error(e.getMessage());
                }
            }
        }
        return j.endObject().toString();
    }

    static void result(Json j, RunResult r) {
        j.field("outcome", r.outcome().name()).field("exitStatus", r.exitStatus()).field("steps", r.steps())
                .field("output", r.output()).field("shellMessage", r.shellMessage()).field("report", r.report());
        if (r.fault() != null) {
            j.key("fault").beginObject().field("signal", r.fault().fault().shellWords()).field("title", r.fault().fault().title())
                    .field("pc", r.fault().pc()).field("bytes", Hex.bytes(r.fault().bytes()))
                    .field("instruction", r.fault().instruction()).endObject();
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Grades a submission against the visible tests of one exercise of the page's course catalog
     * (its JSON, as the catalog holds it), as {@code toyisa exercise check} does: {@code score},
     * {@code maxScore}, {@code passed}, the {@code problems} that kept it from being graded fully,
     * one entry per test and run under {@code results} (with its feedback), and the command line's
     * {@code report}. {@code fileName} names the submission in messages; {@code hexBytes} is its
     * contents.
     */
    @JSExport
    public static String exerciseCheck(String exerciseJson, String fileName, String hexBytes) {
        return ExerciseCheck.check(exerciseJson, fileName, hexBytes);
    }

    static String error(String message) {
        return new Json().beginObject().field("error", message).endObject().toString();
    }

    /** What {@code f} answers for the session, or the message that there is none. */
    private static String withSession(int id, java.util.function.Function<Session, String> f) {
        Session s = SESSIONS.get(id);
        if (s == null) return noSession(id);
        try {
            return f.apply(s);
        } catch (toyisa.debug.UserError e) {
            return error(e.getMessage());
        }
    }

    private static int parseDecimalOr(String s, int fallback) {
        if (s.isEmpty() || s.length() > 6) return fallback;
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return fallback;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String noSession(int id) {
        return error("no machine " + id + " is loaded (load a program first)");
    }

    /** {@code "20 10 22 2A"} (spaces optional) to bytes. */
    static byte[] bytes(String hex) {
        String s = (hex == null ? "" : hex).replaceAll("[\\s,]", "");
        if (s.length() % 2 != 0) throw new IllegalArgumentException("the bytes must be pairs of hex digits");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16), lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("'" + s.substring(2 * i, 2 * i + 2) + "' is not a hex byte");
            b[i] = (byte) (hi << 4 | lo);
        }
        return b;
    }

    static int parseHexOr(String s, int fallback) {
        if (s.isEmpty() || s.length() > 8) return fallback;
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) return fallback;
            v = v * 16 + d;
        }
        return v;
    }
}
