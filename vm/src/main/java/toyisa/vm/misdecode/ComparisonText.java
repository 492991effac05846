package toyisa.vm.misdecode;

import java.util.ArrayList;
import java.util.List;
import toyisa.container.Segment;
import toyisa.isa.Hex;
import toyisa.vm.FaultReport;
import toyisa.vm.Outcome;
import toyisa.vm.Program;
import toyisa.vm.RunResult;
import toyisa.vm.Step;
import toyisa.vm.misdecode.Comparison.Run;

/**
 * A {@link Comparison} drawn as text: the byte stream with each CPU's instruction boundaries, the
 * instructions each executed, the bytes one CPU ate as operands, and how each run ended. What
 * {@code toyisa compare} and the demo print, and what the page shows under "as toyisa compare
 * prints it" beside its own drawing.
 */
public final class ComparisonText {
    private static final int BYTES_PER_ROW = 16;
    private static final int CELL = 4;
    private static final int SHOWN = Comparison.SHOWN;

    private final Program program;
    private final List<Run> runs;

    private ComparisonText(Comparison c) {
        this.program = c.program();
        this.runs = c.runs();
    }

    /** The whole view as text; with {@code colour}, ANSI colours for a terminal. */
    /** The whole view; with {@code colour}, ANSI colours for a terminal. */
    public static String render(Comparison c, boolean colour) {
        return new ComparisonText(c).render(colour);
    }

    private String render(boolean colour) {
        Paint p = new Paint(colour);
        StringBuilder sb = new StringBuilder();
        Segment seg = program.segments().isEmpty() ? new Segment(program.entry(), new byte[0]) : program.segments().get(0);
        sb.append(p.bold("The same " + seg.bytes().length + " bytes at " + Hex.addr(seg.address()) + ", run on "
                + runs.get(0).cpu().name() + " and on " + runs.get(1).cpu().name())).append("\n\n");
        byteStream(sb, p, seg);
        sb.append('\n');
        executed(sb, p);
        sb.append('\n');
        eaten(sb, p);
        sb.append('\n');
        endings(sb, p);
        return sb.toString();
    }

    // ------------------------------------------------------------------ the byte stream

    private void byteStream(StringBuilder sb, Paint p, Segment seg) {
        sb.append(p.bold("Byte stream")).append(" — where each CPU's executed instructions begin and end ([n ... ], ! illegal):\n");
        int start = seg.address();
        int end = start + seg.bytes().length;
        // Show the bytes the CPUs actually read too, past the end of the file (memory there is zero).
        for (Run r : runs) {
            for (Step s : r.shown()) {
                if (s.pc() >= start && s.pc() < start + 256) end = Math.max(end, s.pc() + s.bytes().length);
            }
        }
        end = Math.min(end, Math.min(0x10000, start + 8 * BYTES_PER_ROW));
        int width = 12;
        for (int row = start; row < end; row += BYTES_PER_ROW) {
            int rowEnd = Math.min(end, row + BYTES_PER_ROW);
            StringBuilder addr = new StringBuilder(pad(Hex.addr(row) + " +", width));
            StringBuilder bytes = new StringBuilder(pad("bytes", width));
            for (int a = row; a < rowEnd; a++) {
                addr.append(pad(" " + String.format(java.util.Locale.ROOT, "%02X", a - row), CELL));
                bytes.append(pad(" " + Hex.byteHex(byteAt(seg, a)), CELL));
            }
            sb.append(addr.toString().stripTrailing()).append('\n').append(bytes.toString().stripTrailing()).append('\n');
            for (int i = 0; i < runs.size(); i++) {
                for (String line : boundaryRows(runs.get(i), row, rowEnd)) {
                    sb.append(p.cpu(i, pad(runs.get(i).cpu().name(), width) + line)).append('\n');
                }
            }
            if (row + BYTES_PER_ROW < end) sb.append('\n');
        }
    }

    /** One or more rows of {@code [n---]} marks; an instruction overlapping another of the same CPU goes to a new row. */
    private static List<String> boundaryRows(Run run, int from, int to) {
        List<char[]> rows = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (int n = 0; n < run.shown().size(); n++) {
            Step s = run.shown().get(n);
            if (seen.contains(s.pc())) continue; // a loop: each instruction once, numbered by its first run
            seen.add(s.pc());
            int a = s.pc(), e = s.pc() + s.bytes().length;
            if (e <= from || a >= to) continue;
            String mark = mark(n + 1, s.bytes().length, isIllegal(s));
            int col = (a - from) * CELL;
            char[] target = null;
            for (char[] row : rows) {
                if (free(row, Math.max(0, col), Math.min(row.length, col + mark.length()))) {
                    target = row;
                    break;
                }
            }
            if (target == null) {
                target = new char[(to - from) * CELL];
                java.util.Arrays.fill(target, ' ');
                rows.add(target);
            }
            for (int k = 0; k < mark.length(); k++) {
                int c = col + k;
                if (c >= 0 && c < target.length) target[c] = mark.charAt(k);
            }
        }
        List<String> out = new ArrayList<>();
        for (char[] row : rows) out.add(new String(row).stripTrailing());
        if (out.isEmpty()) out.add("");
        return out;
    }

    private static boolean free(char[] row, int from, int to) {
        for (int i = from; i < to; i++) if (row[i] != ' ') return false;
        return true;
    }

    private static String mark(int n, int length, boolean illegal) {
        String label = (n < 100 ? Integer.toString(n) : "··") + (illegal ? "!" : "");
        int w = length * CELL - 1;
        StringBuilder sb = new StringBuilder("[").append(label);
        while (sb.length() < w - 1) sb.append('-');
        sb.append(']');
        return sb.length() > w ? sb.substring(0, Math.max(w, 2)) : sb.toString();
    }

    private static int byteAt(Segment seg, int a) {
        int i = a - seg.address();
        return i >= 0 && i < seg.bytes().length ? seg.bytes()[i] & 0xFF : 0;
    }

    // ------------------------------------------------------------------ the instructions

    private void executed(StringBuilder sb, Paint p) {
        sb.append(p.bold("Instructions executed")).append('\n');
        int col = 46;
        sb.append("  ").append(p.cpu(0, pad(runs.get(0).cpu().name(), col))).append(p.cpu(1, runs.get(1).cpu().name())).append('\n');
        int n = Math.max(runs.get(0).shown().size(), runs.get(1).shown().size());
        for (int i = 0; i < n; i++) {
            String left = i < runs.get(0).shown().size() ? line(i, runs.get(0).shown().get(i)) : "";
            String right = i < runs.get(1).shown().size() ? line(i, runs.get(1).shown().get(i)) : "";
            sb.append("  ").append(p.cpu(0, pad(left, col))).append(p.cpu(1, right)).append('\n');
        }
        for (Run r : runs) {
            if (r.result().steps() > r.shown().size())
                sb.append("  (").append(r.cpu().name()).append(" ran ").append(r.result().steps()).append(r.result().steps() == 1 ? " instruction; the first " : " instructions; the first ")
                        .append(r.shown().size()).append(" are shown)\n");
        }
    }

    private static String line(int i, Step s) {
        String text = String.format(java.util.Locale.ROOT, "%2d %s %-11s %s", i + 1, Hex.addr(s.pc()), Hex.bytes(s.bytes()), s.instruction());
        return text.length() > 44 ? text.substring(0, 43) + "…" : text;
    }

    // ------------------------------------------------------------------ eaten bytes

    private void eaten(StringBuilder sb, Paint p) {
        sb.append(p.bold("Eaten bytes")).append(" — bytes one CPU took as operands where the other saw an instruction:\n");
        int count = 0;
        for (int i = 0; i < runs.size(); i++) {
            Run a = runs.get(i), b = runs.get(1 - i);
            for (int x = 0; x < a.shown().size(); x++) {
                Step sx = a.shown().get(x);
                if (firstIndex(a, sx.pc()) != x || isIllegal(sx)) continue;
                for (int y = 0; y < b.shown().size(); y++) {
                    Step sy = b.shown().get(y);
                    if (firstIndex(b, sy.pc()) != y) continue;
                    int offset = (sy.pc() - sx.pc()) & 0xFFFF;
                    if (offset == 0 || offset >= sx.bytes().length) continue;
                    int len = Math.min(sy.bytes().length, sx.bytes().length - offset);
                    byte[] eatenBytes = java.util.Arrays.copyOfRange(sx.bytes(), offset, offset + len);
                    sb.append("  ").append(p.cpu(i, a.cpu().name() + " #" + (x + 1) + " " + sx.instruction()))
                            .append(" (").append(Hex.addr(sx.pc())).append(") ate ").append(Hex.bytes(eatenBytes))
                            .append(" at ").append(Hex.addr(sy.pc())).append(", which ")
                            .append(p.cpu(1 - i, b.cpu().name() + " ran as #" + (y + 1) + " " + sy.instruction())).append('\n');
                    count++;
                }
            }
        }
        if (count == 0) sb.append("  none: every instruction of one CPU starts where one of the other's does.\n");
        divergence(sb);
    }

    private static boolean isIllegal(Step s) {
        return s.outcome() == Outcome.FAULT && s.instruction().equals("(illegal)");
    }

    private static int firstIndex(Run r, int pc) {
        for (int i = 0; i < r.shown().size(); i++) if (r.shown().get(i).pc() == pc) return i;
        return -1;
    }

    private void divergence(StringBuilder sb) {
        List<Step> x = runs.get(0).shown(), y = runs.get(1).shown();
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            Step a = x.get(i), b = y.get(i);
            if (a.pc() != b.pc() || a.bytes().length != b.bytes().length) {
                sb.append("  They part ways at instruction ").append(i + 1).append(": ")
                        .append(runs.get(0).cpu().name()).append(" reads ").append(a.bytes().length).append(" bytes at ").append(Hex.addr(a.pc()))
                        .append(", ").append(runs.get(1).cpu().name()).append(" ").append(b.bytes().length).append(" at ").append(Hex.addr(b.pc()))
                        .append(".\n");
                return;
            }
        }
    }

    // ------------------------------------------------------------------ endings

    private void endings(StringBuilder sb, Paint p) {
        sb.append(p.bold("How each run ended")).append('\n');
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            RunResult res = r.result();
            StringBuilder line = new StringBuilder(pad(r.cpu().name() + ":", 11));
            if (res.fault() != null) {
                FaultReport f = res.fault();
                line.append(p.bad(f.fault().shellWords())).append(" at ").append(Hex.addr(f.pc()))
                        .append(" (bytes ").append(Hex.bytes(f.bytes()))
                        .append(f.instruction().equals("(illegal)") ? "" : ": " + f.instruction()).append(")");
            } else if (res.outcome() == Outcome.BUDGET) {
                line.append(p.bad("hang")).append(": the budget of ").append(res.steps()).append(res.steps() == 1 ? " instruction ran out at " : " instructions ran out at ").append(Hex.addr(res.state().pc()));
            } else if (res.outcome() == Outcome.OUTPUT_CAP) {
                line.append(p.bad("output cap exceeded"));
            } else {
                line.append(res.outcome() == Outcome.HALT ? "halt" : "exit");
            }
            line.append(" after ").append(res.steps()).append(res.steps() == 1 ? " instruction" : " instructions");
            String out = res.output();
            line.append("; printed ").append(out.isEmpty() ? "nothing" : quote(out));
            line.append("; exit status ").append(res.exitStatus());
            sb.append("  ").append(p.cpu(i, line.toString())).append('\n');
        }
    }

    private static String quote(String out) {
        String s = out.length() > 60 ? out.substring(0, 60) + "…" : out;
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    private static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) sb.append(' ');
        return sb.toString();
    }

    /** ANSI colour, or none: the text must read the same without it. */
    private static final class Paint {
        private final boolean on;

        Paint(boolean on) {
            this.on = on;
        }

        String cpu(int i, String s) {
            return wrap(i == 0 ? "33" : "36", s);
        }

        String bold(String s) {
            return wrap("1", s);
        }

        String bad(String s) {
            return wrap("1;31", s);
        }

        private String wrap(String code, String s) {
            return on && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
        }
    }
}
