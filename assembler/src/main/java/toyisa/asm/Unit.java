package toyisa.asm;

import java.util.List;
import toyisa.asm.Stmt.Loc;

/**
 * One text the front end reads: a file, or a macro's body as expanded at one use. {@code lineMap}
 * maps the body's lines back to the lines of the file that defined the macro (null for a file);
 * {@code includes} is the chain of files being included, and {@code note} says where a macro was used.
 */
record Unit(String file, String[] lines, int[] lineMap, String note, List<String> includes, int macroDepth) {
    /** The file's line number of one of this text's lines. */
    int line(int unitLine) {
        return lineMap == null ? unitLine : lineMap[Math.max(0, Math.min(unitLine, lineMap.length) - 1)];
    }

    String text(int unitLine) {
        return unitLine >= 1 && unitLine <= lines.length ? lines[unitLine - 1].replace("\r", "") : "";
    }

    Loc loc(int unitLine, int col) {
        return new Loc(file, line(unitLine), col, text(unitLine), note);
    }
}
