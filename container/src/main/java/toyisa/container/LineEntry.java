package toyisa.container;

/**
 * One row of the line table: the instruction at {@code address} came from line {@code line}
 * of source file {@code files().get(file)}.
 *
 * @param address the 16-bit address of the first byte of the instruction
 * @param file    an index into {@link TxfImage#files()}
 * @param line    the 1-based source line
 */
public record LineEntry(int address, int file, int line) {}
