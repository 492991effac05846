package toyisa.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import toyisa.container.LineEntry;
import toyisa.container.Symbol;
import toyisa.container.TxfImage;
import toyisa.isa.Printable;

/**
 * What a program's debug information says about an address: the label it is at or after, and the
 * source line whose code covers it. A TXF file carries both (its symbols and line table); the REPL
 * also knows them for a program it assembled, and which lines are data.
 */
public interface DebugInfo {
    /** Nothing known: a raw binary. */
    DebugInfo NONE = new DebugInfo() {
        @Override
        public String symbolize(int address) {
            return null;
        }

        @Override
        public String sourceLine(int address) {
            return null;
        }
    };

    /** {@code loop} or {@code loop+4} for an address at or shortly after a label, or null. */
    String symbolize(int address);

    /** {@code prog.pasm:7} (with the line's text when it is known) for the line covering an address, or null. */
    String sourceLine(int address);

    /** The label exactly at an address, or null. */
    default String labelAt(int address) {
        String s = symbolize(address);
        return s == null || s.indexOf('+') >= 0 ? null : s;
    }

    /** True when the address is known to hold data (a {@code .byte}, {@code .word} or {@code .asciz} line). */
    default boolean isData(int address) {
        return false;
    }

    /** The symbols and line table of a program's TXF image, or {@link #NONE} for a raw binary. */
    static DebugInfo of(Program program) {
        TxfImage img = program == null ? null : program.image();
        if (img == null) return NONE;
        TreeMap<Integer, String> labels = new TreeMap<>();
        // A TXF's names are anyone's bytes: reports print them escaped (Printable).
        for (Symbol s : img.symbols()) labels.putIfAbsent(s.address() & 0xFFFF, Printable.name(s.name()));
        List<LineEntry> lines = new ArrayList<>(img.lines());
        lines.sort((x, y) -> Integer.compare(x.address(), y.address()));
        TreeMap<Integer, String> lineAt = new TreeMap<>();
        for (LineEntry e : lines) {
            if (e.file() < 0 || e.file() >= img.files().size()) continue;
            lineAt.put(e.address() & 0xFFFF, Printable.name(img.files().get(e.file())) + ":" + e.line());
        }
        return new DebugInfo() {
            @Override
            public String symbolize(int address) {
                Map.Entry<Integer, String> e = labels.floorEntry(address);
                if (e == null || !inProgram(program, address)) return null;
                int off = address - e.getKey();
                if (off > 0x40) return null;
                return off == 0 ? e.getValue() : e.getValue() + "+" + off;
            }

            @Override
            public String sourceLine(int address) {
                // The line table has no lengths: a line's code ends where the next one begins.
                Map.Entry<Integer, String> e = lineAt.floorEntry(address);
                return e == null || !inProgram(program, address) ? null : e.getValue();
            }
        };
    }

    /** True when an address is inside one of the program's segments. */
    static boolean inProgram(Program program, int address) {
        for (var s : program.segments()) if (address >= s.address() && address < s.address() + s.size()) return true;
        return false;
    }
}
