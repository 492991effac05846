package toyisa.repl;

import static toyisa.repl.DebugAdapter.MAX_DISASSEMBLE;
import static toyisa.repl.DebugAdapter.MAX_MEMORY;
import static toyisa.repl.DebugAdapter.error;
import static toyisa.repl.DebugAdapter.hex;
import static toyisa.repl.DebugAdapter.shown;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.WriteMemoryResponse;
import toyisa.debug.CallStack;
import toyisa.debug.Debugger;
import toyisa.debug.UserError;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.vm.Machine;

/**
 * The paused machine as the editor sees and changes it: the call stack, registers and flags as
 * variables, memory, the disassembly view and expressions — the REPL's {@code bt}, {@code info
 * registers}, {@code x} and {@code print}, in the protocol's shapes.
 */
final class AdapterInspector {
    /** The variables references of the two scopes. */
    static final int REGISTERS = 1, FLAGS = 2;

    private final Debugger dbg;
    private final Image image;
    private final Isa disassembleAs;

    AdapterInspector(Debugger dbg, Image image, Isa disassembleAs) {
        this.dbg = dbg;
        this.image = image;
        this.disassembleAs = disassembleAs;
    }

    StackTraceResponse stackTrace(StackTraceArguments args) {
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
            String p = AdapterBreakpoints.pathOf(image, l.file());
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

    static ScopesResponse scopes() {
        Scope regs = new Scope();
        regs.setName("Registers");
        regs.setVariablesReference(REGISTERS);
        regs.setPresentationHint("registers");
        Scope flags = new Scope();
        flags.setName("Flags");
        flags.setVariablesReference(FLAGS);
        ScopesResponse r = new ScopesResponse();
        r.setScopes(new Scope[] {regs, flags});
        return r;
    }

    VariablesResponse variables(VariablesArguments args) {
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
    }

    private static Variable variable(String name, int value) {
        Variable v = new Variable();
        v.setName(name);
        v.setValue(shown(value));
        v.setMemoryReference(hex(value));
        return v;
    }

    SetVariableResponse setVariable(SetVariableArguments args) {
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
    }

    ReadMemoryResponse readMemory(ReadMemoryArguments args) {
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
    }

    WriteMemoryResponse writeMemory(WriteMemoryArguments args) {
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
    DisassembleResponse disassemble(DisassembleArguments args) {
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
                s.setPath(AdapterBreakpoints.pathOf(image, l.file()));
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
    }

    /** An expression typed in the debug console, or hovered over: its value as the debugger shows one. */
    EvaluateResponse evaluate(String expr) {
        EvaluateResponse r = new EvaluateResponse();
        r.setVariablesReference(0);
        int v = dbg.evaluate(expr);
        r.setResult(shown(v));
        r.setMemoryReference(hex(v));
        return r;
    }
}
