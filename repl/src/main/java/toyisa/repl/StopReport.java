package toyisa.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import toyisa.debug.Debugger;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.vm.CpuState;
import toyisa.vm.DebugInfo;
import toyisa.vm.FaultReport;
import toyisa.vm.RunResult;

/**
 * What a stop shows, in this order: the registers, flags and memory that changed, the source line
 * of the PC, the next instruction with its address, label and bytes — and how the program ended,
 * with the fault report and how the program got there.
 */
final class StopReport {
    private final Session s;

    StopReport(Session s) {
        this.s = s;
    }

    private Debugger dbg() {
        return s.dbg();
    }

    /**
     * Registers, flags and memory that changed between two states, on one or two lines. {@code writes}
     * maps an address to its old and new byte; {@code extra} counts writes beyond those it could hold.
     */
    void showChanges(CpuState before, CpuState after, Map<Integer, int[]> writes, int extra) {
        List<String> items = new ArrayList<>();
        int[] b = before.registers(), a = after.registers();
        for (int i = 0; i < b.length; i++) {
            if (b[i] != a[i]) items.add(before.names().name(i) + "=" + Words.hex4(a[i]) + " (was " + Words.hex4(b[i]) + ")");
        }
        if (before.flags() != after.flags()) items.add("flags " + after.formatFlags() + " (was " + before.formatFlags() + ")");
        if (!items.isEmpty()) s.println("  " + String.join("  ", items));
        // A byte written and then written back (a push and a pop) did not change.
        writes.values().removeIf(v -> v[0] == v[1]);
        if (!writes.isEmpty()) {
            List<String> runs = new ArrayList<>();
            int start = -1, prev = -2;
            StringBuilder olds = new StringBuilder(), news = new StringBuilder();
            for (Map.Entry<Integer, int[]> e : writes.entrySet()) {
                if (e.getKey() != prev + 1 && start >= 0) {
                    runs.add(Hex.addr(start) + ": " + olds.toString().strip() + " -> " + news.toString().strip());
                    olds.setLength(0);
                    news.setLength(0);
                    start = -1;
                }
                if (start < 0) start = e.getKey();
                olds.append(Hex.byteHex(e.getValue()[0])).append(' ');
                news.append(Hex.byteHex(e.getValue()[1])).append(' ');
                prev = e.getKey();
            }
            runs.add(Hex.addr(start) + ": " + olds.toString().strip() + " -> " + news.toString().strip());
            s.println("  memory " + String.join("  ", runs) + (extra > 0 ? "  (and more)" : ""));
        }
    }

    /** The source line of the PC (when known) and the instruction there with its bytes. */
    void showLocation() {
        int pc = dbg().machine().pc();
        showSourceLine(pc);
        s.println(s.style().current("=> " + instructionLine(pc)));
    }

    void showSourceLine(int pc) {
        Image.Line l = s.image().lineAt(pc);
        if (l == null) return;
        String text = s.image().sourceText(l.file(), l.line());
        String where = l.file() + ":" + l.line() + (pc != l.address() ? " (+" + (pc - l.address()) + ")" : "");
        s.println(s.style().dim(where + (text == null ? "" : "  " + text.strip())));
    }

    /** {@code 0104h <start+4>  36 03 00 2A  mov c, 2Ah}. */
    String instructionLine(int address) {
        return instructionLine(address, true);
    }

    /**
     * An instruction with its address and bytes; a jump or call names its target's label, so
     * {@code call 0118h} reads {@code call 0118h  ; double}.
     */
    String instructionLine(int address, boolean symbol) {
        Instruction insn = dbg().machine().decodeAt(address);
        String sym = symbol ? s.image().symbolize(address) : null;
        String line = Hex.addr(address) + (sym == null ? "" : " <" + sym + ">") + "  "
                + String.format(java.util.Locale.ROOT, "%-11s", Hex.bytes(insn.bytes())) + "  " + text(dbg().cpu(), insn);
        if (!insn.isIllegal() && insn.row().shape().contains("T")) {
            String target = s.image().labelAt(insn.target());
            if (target != null) line += "  ; " + target;
        }
        return line;
    }

    static String text(Isa isa, Instruction insn) {
        return insn.isIllegal() ? "(illegal)" : isa.disassemble(insn);
    }

    /** How the program ended, with the full report for a fault (and how it got there) or a hang. */
    void showEnd(RunResult r) {
        switch (r.outcome()) {
            case FAULT:
                FaultReport f = withStory(r.fault());
                for (String l : f.format().split("\n")) s.println(l);
                if (f.postmortem() == null) showSourceLine(f.pc());
                s.println("  the faulting instruction changed nothing: 'back' steps back to before it, 'set' or 'asm' can fix it, 'reset' starts again");
                break;
            case BUDGET:
                for (String l : r.hang().format().split("\n")) s.println(l);
                s.println("  the budget counts every instruction since the program was loaded: 'reset' starts again"
                        + " ('toyisa repl --budget N' allows more)");
                break;
            default:
                s.message("the program " + stoppedText(r));
                break;
        }
    }

    /**
     * The fault report with the postmortem the debugger can tell from its own history (the steps it
     * journaled, the labels and source lines of the image, the call stack) — it knows more than a replay.
     */
    FaultReport withStory(FaultReport f) {
        Image img = s.image();
        return dbg().faultStory(f, new DebugInfo() {
            @Override
            public String symbolize(int address) {
                return img.symbolize(address);
            }

            @Override
            public String sourceLine(int address) {
                Image.Line l = img.lineAt(address);
                if (l == null) return null;
                String text = img.sourceText(l.file(), l.line());
                return l.file() + ":" + l.line() + (text == null ? "" : "  " + text.strip());
            }

            @Override
            public boolean isData(int address) {
                return img.isData(address);
            }
        });
    }

    static String stoppedText(RunResult r) {
        switch (r.outcome()) {
            case HALT: return "halted (exit status 0)";
            case EXIT: return "exited with status " + r.exitStatus();
            case FAULT: return "faulted: " + r.fault().fault().title() + ", exit status " + r.exitStatus();
            case BUDGET: return "used up its instruction budget (exit status 124)";
            case OUTPUT_CAP: return "printed more than the output cap allows (exit status 153)";
            default: return "stopped";
        }
    }

    /** {@code 0104h <loop>, prog.pasm:7}. */
    String describe(int address) {
        StringBuilder sb = new StringBuilder(Hex.addr(address));
        String sym = s.image().symbolize(address);
        if (sym != null) sb.append(" <").append(sym).append('>');
        Image.Line l = s.image().lineAt(address);
        if (l != null && l.address() == address) sb.append(", ").append(l.file()).append(':').append(l.line());
        return sb.toString();
    }
}
