package toyisa.repl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toyisa.debug.Debugger;
import toyisa.debug.UserError;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.asm.IncludeResolver;
import toyisa.isa.EncodingException;
import toyisa.isa.Hex;
import toyisa.isa.Isa;
import toyisa.vm.CpuState;
import toyisa.vm.Machine;

/** Changing the machine or the program: cpu, load, reset, run, start, kill, asm, set. */
final class MachineCommands {
    private final Session s;

    MachineCommands(Session s) {
        this.s = s;
    }

    private Debugger dbg() {
        return s.dbg();
    }

    void cpu(String arg) {
        Debugger dbg = dbg();
        if (arg.isEmpty()) {
            Image img = s.image();
            String built = img.builtFor == null ? "raw bytes, built for no particular CPU"
                    : "built for " + img.builtFor.name();
            s.println("the CPU is " + dbg.cpu().name() + "; the program (" + img.name + ") is " + built);
            return;
        }
        Isa target = Isa.byName(arg);
        if (target == null) throw new UserError("unknown CPU '" + arg + "' (known: " + Words.cpuNames() + ")");
        Image img = s.image();
        if (img.kind == Image.Kind.FAT && img.path != null) {
            try {
                img = Image.load(img.path, img.name, target);
            } catch (Image.LoadException e) {
                throw new UserError(e.getMessage());
            }
        }
        int watchesBefore = dbg.watches().size();
        s.switchCpu(target, img);
        s.previous = dbg.machine().state();
        int size = 0;
        for (var seg : img.program.segments()) size += seg.size();
        String built = img.builtFor == null ? "" : " (built for " + img.builtFor.name() + ")";
        if (size == 0) {
            s.println("cpu " + target.id() + ": " + target.name() + (dbg.patchedBytes() > 0
                    ? ", with the " + dbg.patchedBytes() + " bytes written by asm" : ", empty memory (load a program, or asm one instruction at a time)"));
        } else if (img.kind == Image.Kind.FAT) {
            s.println("cpu " + target.id() + ": " + img.name + " is a fat file: loaded its " + target.name() + " slice");
        } else {
            boolean foreign = img.builtFor != null && img.builtFor.machine() != target.machine();
            boolean own = img.builtFor != null && !foreign;
            s.println("cpu " + target.id() + ": " + (own ? img.name + " reloaded on " + target.name() + ", the CPU it was built for"
                    : "the same " + size + " bytes of " + img.name + built + ", now decoded by " + target.name()
                      + (foreign ? ": expect a misdecode" : "")));
        }
        int dropped = watchesBefore - dbg.watches().size();
        if (dropped > 0) s.println("(dropped " + (dropped == 1 ? "a watch on a register " : dropped + " watches on registers ") + target.name() + " does not have)");
        s.report().showLocation();
    }

    void loadCommand(String arg) {
        if (arg.isEmpty()) throw new UserError("usage: " + Commands.LOAD.usage);
        load(Words.unquote(arg));
    }

    void load(String name) {
        Debugger dbg = dbg();
        Path p;
        try {
            p = s.base.resolve(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserError("'" + name + "' is not a file name");
        }
        Image img;
        try {
            img = Image.load(p, name, dbg.cpu());
        } catch (Image.LoadException e) {
            throw new UserError(e.getMessage() + (s.image().kind == Image.Kind.RAW && s.image().program.segments().get(0).size() == 0
                    ? "" : "\n(still loaded: " + s.image().name + ")"));
        }
        s.load(img);
        s.previous = dbg.machine().state();
        if (!img.notes.isEmpty()) s.println(img.notes);
        int size = 0;
        for (var seg : img.program.segments()) size += seg.size();
        List<String> about = new ArrayList<>();
        about.add(size + " bytes");
        if (!img.labels.isEmpty()) about.add(img.labels.size() + (img.labels.size() == 1 ? " label" : " labels"));
        if (!img.lines.isEmpty()) about.add("source lines");
        String what = img.kind == Image.Kind.SOURCE ? "assembled " + name + " for " + dbg.cpu().name()
                : "loaded " + name + " (" + img.kind.name().toLowerCase(Locale.ROOT) + ") on " + dbg.cpu().name();
        s.println(what + ": " + String.join(", ", about) + ", entry " + Hex.addr(img.program.entry()));
        s.report().showLocation();
    }

    void reset() {
        dbg().reload();
        s.previous = dbg().machine().state();
        s.println("reset: " + s.image().name + " reloaded on " + dbg().cpu().name());
        s.report().showLocation();
    }

    /** gdb's run: from the entry again, then continue. */
    void run() {
        dbg().reload();
        s.previous = dbg().machine().state();
        s.println("starting " + s.image().name + " on " + dbg().cpu().name() + " from its entry " + Hex.addr(dbg().machine().pc()));
        s.execution(cb -> dbg().run(Long.MAX_VALUE, cb));
    }

    /** gdb's start: from the entry again, stopping at main (or start, _start) when the program has one. */
    void start() {
        dbg().reload();
        s.previous = dbg().machine().state();
        Integer main = null;
        String name = null;
        for (String n : new String[] {"main", "start", "_start"}) {
            main = s.image().labels.get(n);
            if (main != null) {
                name = n;
                break;
            }
        }
        if (main == null || main == dbg().machine().pc()) {
            s.println("started " + s.image().name + " on " + dbg().cpu().name() + ": stopped at the entry");
            s.report().showLocation();
            return;
        }
        s.println("started " + s.image().name + " on " + dbg().cpu().name() + ": running to " + name);
        int at = main;
        s.execution(cb -> dbg().until(at, cb));
    }

    void kill() {
        dbg().reload();
        s.previous = dbg().machine().state();
        s.println("killed: " + s.image().name + " is loaded again at its entry, the history is empty ('run' or 'step' starts it)");
    }

    void asm(String arg) {
        if (arg.isEmpty()) throw new UserError("usage: " + Commands.ASM.usage);
        Machine m = dbg().machine();
        int pc = m.pc();
        if (pc < Machine.NULL_PAGE_END) throw new UserError("the PC is in the null page: nothing can be written there");
        byte[] bytes;
        String how;
        try {
            bytes = dbg().cpu().assembleLine(arg, pc);
            how = "";
        } catch (EncodingException | RuntimeException nativeError) {
            bytes = portable(arg, pc);
            if (bytes == null) throw new UserError("cannot assemble '" + arg + "' for " + dbg().cpu().name() + ": " + nativeError.getMessage());
            how = ", from portable assembly";
        }
        if (pc + bytes.length > 0x10000)
            throw new UserError("the " + bytes.length + " bytes at " + Hex.addr(pc) + " would wrap into the null page");
        byte[] old = m.readMemory(pc, bytes.length);
        dbg().patch(pc, bytes);
        s.println("wrote " + Hex.bytes(bytes) + " at " + Hex.addr(pc) + " (was " + Hex.bytes(old) + ")" + how);
        int at = pc;
        while (((at - pc) & 0xFFFF) < bytes.length) {
            s.println("   " + s.report().instructionLine(at, false));
            at = (at + m.decodeAt(at).length()) & 0xFFFF;
        }
    }

    /** {@code set c 42}, {@code set c, 42}, {@code set c = 42}, {@code set pc loop}, {@code set [result] 0}, {@code set $c = 1}, {@code set var c = 1}. */
    void set(String arg) {
        String t = arg.strip();
        if (t.startsWith("var ") || t.startsWith("variable ")) t = t.substring(t.indexOf(' ') + 1).strip();
        if (t.startsWith("$") && t.length() > 1) t = t.substring(1);
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
        int value = s.address(valueText);
        Debugger dbg = dbg();
        Machine m = dbg.machine();
        CpuState before = m.state();
        if (target.equalsIgnoreCase("pc")) {
            dbg.setPc(value);
            s.println("pc=" + Hex.addr(value));
            s.previous = before;
            s.report().showLocation();
            return;
        }
        int reg = dbg.cpu().registers().code(target);
        if (reg >= 0) {
            if (reg >= m.registerCount()) throw new UserError("no register " + target + " on " + dbg.cpu().name());
            dbg.setRegister(reg, value);
            String name = dbg.cpu().registers().name(reg);
            s.println(name + "=" + Words.hex4(m.register(reg)) + (m.register(reg) != (value & 0xFFFF) ? " (" + name + " always reads 0)" : ""));
            s.previous = before;
            return;
        }
        if (!(target.startsWith("[") && target.endsWith("]")))
            throw new UserError("'" + target + "' is not a register; memory is written as set [ADDR] VALUE");
        int address = s.address(target.substring(1, target.length() - 1));
        if (address < Machine.NULL_PAGE_END || address + 1 > 0xFFFF)
            throw new UserError("the word at " + Hex.addr(address) + " is not writable memory (the null page is unmapped)");
        dbg.setWord(address, value);
        s.println("[" + Hex.addr(address) + "]=" + Words.hex4(dbg.word(address)) + "  (bytes " + Hex.bytes(m.readMemory(address, 2)) + ")");
    }

    /**
     * The portable assembler on one line at the PC, with the program's labels defined, so
     * {@code asm call print} works; null when it does not assemble.
     */
    private byte[] portable(String line, int pc) {
        StringBuilder src = new StringBuilder();
        s.image().labels.forEach((name, addr) -> src.append(".equ ").append(name).append(", ").append(addr).append('\n'));
        src.append(line).append('\n');
        Assembly a = Assembler.assemble("asm", src.toString(), dbg().cpu(), pc, IncludeResolver.NONE);
        return a.ok() && a.binary().length > 0 ? a.binary() : null;
    }
}
