package toyisa.repl;

import static toyisa.repl.DebugAdapter.hex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import toyisa.debug.Breakpoint;
import toyisa.debug.Debugger;
import toyisa.debug.UserError;
import toyisa.debug.Watch;
import toyisa.isa.Hex;

/**
 * The editor's breakpoints as the debugger's: the editor sends each kind whole, every time, so this
 * remembers which of the debugger's breakpoints and watches each kind made, to replace them. Source
 * lines become addresses through the program's line table; labels are function breakpoints, watches
 * data breakpoints.
 */
final class AdapterBreakpoints {
    private final Debugger dbg;
    private final Image image;
    private final Map<String, List<Integer>> lineBreakpoints = new HashMap<>();
    private final List<Integer> functionBreakpoints = new ArrayList<>();
    private final List<Integer> dataBreakpoints = new ArrayList<>();

    AdapterBreakpoints(Debugger dbg, Image image) {
        this.dbg = dbg;
        this.image = image;
    }

    SetBreakpointsResponse setBreakpoints(SetBreakpointsArguments args) {
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
            if (!pathOf(image, l.file()).equals(path) || l.line() < line) continue;
            if (best == null || l.line() < best.line() || (l.line() == best.line() && l.address() < best.address())) best = l;
        }
        return best;
    }

    /** The absolute path of a file of the line table (relative names are beside the program). */
    static String pathOf(Image image, String file) {
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

    SetFunctionBreakpointsResponse setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
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
    }

    /** A register (in the Registers scope) or a memory word (a label, a number, an expression) can be watched. */
    DataBreakpointInfoResponse dataBreakpointInfo(DataBreakpointInfoArguments args) {
        DataBreakpointInfoResponse r = new DataBreakpointInfoResponse();
        String name = args.getName() == null ? "" : args.getName().strip();
        int reg = dbg.cpu().registers().code(name);
        if (reg >= 0 && (args.getVariablesReference() == null || args.getVariablesReference() == AdapterInspector.REGISTERS)) {
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
    }

    SetDataBreakpointsResponse setDataBreakpoints(SetDataBreakpointsArguments args) {
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
    }
}
