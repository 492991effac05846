package toyisa.isa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CPU's register file as the assembler and disassembler see it: codes, names and aliases.
 * Declared in the table as {@code registers 4 r0 r1=a r2=b ...}: field width, then one entry per code.
 */
public final class Registers {
    private final int bits;
    private final String[] display;
    private final Map<String, Integer> byName = new LinkedHashMap<>();

    Registers(int bits, List<String> entries) {
        if (bits < 1 || bits > 8) throw new TableException("registers: field width " + bits + " is not 1..8");
        if (entries.size() > (1 << bits))
            throw new TableException("registers: " + entries.size() + " names do not fit a " + bits + "-bit field");
        this.bits = bits;
        this.display = new String[entries.size()];
        for (int code = 0; code < entries.size(); code++) {
            String[] names = entries.get(code).split("=");
            display[code] = names[names.length - 1];
            for (String n : names) {
                if (byName.put(n.toLowerCase(java.util.Locale.ROOT), code) != null)
                    throw new TableException("registers: name '" + n + "' given twice");
            }
        }
    }

    /** Width of a register field in bits. */
    public int bits() {
        return bits;
    }

    public int count() {
        return display.length;
    }

    /** The name a listing prints: the portable alias where there is one. */
    public String name(int code) {
        return code >= 0 && code < display.length ? display[code] : "r" + code;
    }

    /** Code of a register name or alias (case-insensitive), or -1. */
    public int code(String name) {
        Integer c = byName.get(name.toLowerCase(java.util.Locale.ROOT));
        return c == null ? -1 : c;
    }

    /** Every accepted spelling, for completion and for "did you mean". */
    public List<String> allNames() {
        return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
    }
}
