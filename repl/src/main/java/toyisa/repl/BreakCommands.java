package toyisa.repl;

import toyisa.debug.Debugger;
import toyisa.debug.Breakpoint;
import toyisa.debug.Watch;
import toyisa.debug.UserError;
import toyisa.isa.Hex;
import toyisa.vm.Machine;

/** Breakpoints (plain, temporary, conditional, ignored) and watches (change, read, access). */
final class BreakCommands {
    private final Session s;

    BreakCommands(Session s) {
        this.s = s;
    }

    /** {@code break [LOCATION] [if COND]}, {@code tbreak ...}. */
    void breakpoint(String arg, boolean temporary) {
        Debugger dbg = s.dbg();
        String where = arg, condition = null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(^|\\s)if(\\s|\\(|$)").matcher(arg);
        if (m.find()) {
            where = arg.substring(0, m.start()).strip();
            condition = arg.substring(m.end() - (m.group(2).equals("(") ? 1 : 0)).strip();
            if (condition.isEmpty()) throw new UserError("'if' needs a condition, e.g. break fact if a == 1");
        }
        int address;
        String spec;
        if (where.isEmpty()) {
            address = dbg.machine().pc();
            spec = Hex.addr(address);
        } else {
            address = s.location(where);
            spec = where;
        }
        if (address < Machine.NULL_PAGE_END)
            throw new UserError(Hex.addr(address) + " is in the null page (0000h-00FFh): no instruction can run there");
        if (condition != null) checkCondition(condition);
        boolean had = dbg.hasBreakpoint(address);
        Breakpoint b = dbg.addBreakpoint(address, spec, temporary);
        if (!had && condition != null) b.setCondition(condition);
        s.println((had ? "already breakpoint " : temporary ? "temporary breakpoint " : "breakpoint ") + b.id() + " at "
                + s.report().describe(address) + (!had && condition != null ? " if " + condition : ""));
    }

    /** A condition must at least read as an expression now (its names may mean something else later: no). */
    private void checkCondition(String condition) {
        s.dbg().evaluate(condition);
    }

    void condition(String arg) {
        String[] parts = arg.split("\\s+", 2);
        if (arg.isEmpty()) throw new UserError("usage: " + Commands.CONDITION.usage);
        Breakpoint b = breakpointNumbered(parts[0]);
        if (parts.length == 1 || parts[1].isBlank()) {
            b.setCondition(null);
            s.println("breakpoint " + b.id() + " is now unconditional");
            return;
        }
        String c = parts[1].strip();
        checkCondition(c);
        b.setCondition(c);
        s.println("breakpoint " + b.id() + " stops only if " + c);
    }

    void ignore(String arg) {
        String[] parts = Words.words(arg);
        if (parts.length != 2) throw new UserError("usage: " + Commands.IGNORE.usage);
        Breakpoint b = breakpointNumbered(parts[0]);
        long n;
        try {
            n = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new UserError("'" + parts[1] + "' is not a count (usage: " + Commands.IGNORE.usage + ")");
        }
        if (n < 0) throw new UserError("ignore needs a count of at least 0");
        b.setIgnore((int) Math.min(Integer.MAX_VALUE, n));
        s.println(n == 0 ? "breakpoint " + b.id() + " stops the next time it is reached"
                : "breakpoint " + b.id() + " will be passed " + n + (n == 1 ? " time" : " times") + " before it stops");
    }

    private Breakpoint breakpointNumbered(String word) {
        int id;
        try {
            id = Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw new UserError("'" + word + "' is not a breakpoint number (see 'info breaks')");
        }
        Breakpoint b = s.dbg().breakpoint(id);
        if (b == null) throw new UserError("no breakpoint " + id + " (see 'info breaks')");
        return b;
    }

    void delete(String arg) {
        Debugger dbg = s.dbg();
        if (arg.isEmpty()) {
            int n = dbg.deleteAll();
            s.println(n == 0 ? "no breakpoints or watches to delete" : "deleted " + n + (n == 1 ? " breakpoint or watch" : " breakpoints and watches"));
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
            s.println("deleted " + id);
        }
    }

    void watch(String arg, Watch.Access access) {
        Debugger dbg = s.dbg();
        Commands c = access == Watch.Access.CHANGE ? Commands.WATCH : access == Watch.Access.READ ? Commands.RWATCH : Commands.AWATCH;
        if (arg.isEmpty()) throw new UserError("usage: " + c.usage);
        String t = arg.strip();
        String reg = t.startsWith("$") ? t.substring(1) : t;
        int code = dbg.cpu().registers().code(reg);
        if (code >= 0) {
            if (access != Watch.Access.CHANGE)
                throw new UserError(c.name + " watches memory (an instruction reads a register whenever it names it): 'watch " + reg + "' stops when it changes");
            if (code >= dbg.machine().registerCount()) throw new UserError("no register " + reg + " on " + dbg.cpu().name());
            Watch w = dbg.addWatch(code, 0, dbg.cpu().registers().name(code));
            s.println("watch " + w.id() + ": register " + w.spec() + " (now " + Words.hex4(dbg.value(w)) + ")");
            return;
        }
        String inner = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t.startsWith("*") ? t.substring(1) : t;
        int address = s.address(inner);
        if (address < Machine.NULL_PAGE_END) throw new UserError(Hex.addr(address) + " is in the null page, which no program can write");
        String sym = s.image().labelAt(address);
        Watch w = dbg.addWatch(-1, address, "[" + (sym != null ? sym : Hex.addr(address)) + "]", access);
        String kind = access == Watch.Access.CHANGE ? "" : access == Watch.Access.READ ? " (reads)" : " (reads and writes)";
        s.println("watch " + w.id() + ": memory word " + w.spec() + " at " + Hex.addr(address) + kind + " (now " + Words.hex4(dbg.value(w)) + ")");
    }

    /** {@code info breaks}: breakpoints with conditions, ignore counts and hits, then watches. */
    void info() {
        Debugger dbg = s.dbg();
        if (dbg.breakpoints().isEmpty() && dbg.watches().isEmpty()) {
            s.println("no breakpoints or watches");
            return;
        }
        for (Breakpoint b : dbg.breakpoints()) {
            StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%-3d %-11s %s", b.id(),
                    b.temporary() ? "tbreakpoint" : "breakpoint", s.report().describe(b.address())));
            if (b.condition() != null) sb.append("  if ").append(b.condition());
            if (b.ignore() > 0) sb.append("  (ignore next ").append(b.ignore()).append(')');
            if (b.hits() > 0) sb.append("  (hit ").append(b.hits()).append(b.hits() == 1 ? " time)" : " times)");
            s.println(sb.toString());
        }
        for (Watch w : dbg.watches()) {
            String kind = w.access() == Watch.Access.CHANGE ? "watch      " : w.access() == Watch.Access.READ ? "rwatch     " : "awatch     ";
            s.println(String.format(java.util.Locale.ROOT, "%-3d %s %s = %s", w.id(), kind, w.spec(), Words.hex4(dbg.value(w))));
        }
    }
}
