package toyisa.container;

/**
 * A named address (a label of the source program), kept for disassembly, traces and the REPL.
 *
 * @param name    the label as written in the source
 * @param address its 16-bit address
 */
public record Symbol(String name, int address) {
    public Symbol {
        if (name == null) throw new IllegalArgumentException("symbol name is null");
    }
}
